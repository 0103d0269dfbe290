// What each reader takes in at most: one table, read by the CLI, the language server and the tests,
// and listed in README.md ("Limits"). A file past a limit is refused with one clear line naming the
// limit and the file (CLI exit 2 for that file; the other files are still checked); nothing hangs
// and nothing runs out of memory.

export interface ReaderLimits {
  /** Plain text reports (one cell per line, tab rows, Markdown, crawler text). */
  text: { maxBytes: number };
  /** Web pages. */
  html: { maxBytes: number; maxDepth: number; maxCells: number };
  /** Word `.docx` files (a zip of XML parts). */
  docx: { maxBytes: number; maxEntries: number; maxPartBytes: number; maxTotalBytes: number };
  /** PDF files with a text layer. */
  pdf: { maxBytes: number; maxPages: number; maxMs: number };
}

const MiB = 1024 * 1024;

export const LIMITS: ReaderLimits = {
  text: { maxBytes: 20 * MiB },
  html: { maxBytes: 20 * MiB, maxDepth: 512, maxCells: 200_000 },
  docx: { maxBytes: 50 * MiB, maxEntries: 5_000, maxPartBytes: 64 * MiB, maxTotalBytes: 256 * MiB },
  pdf: { maxBytes: 100 * MiB, maxPages: 500, maxMs: 20_000 },
};

/** A file past one of LIMITS. `limit` names it as in README.md, e.g. `docx.maxPartBytes`. */
export class LimitError extends Error {
  constructor(
    readonly limit: string,
    message: string,
  ) {
    super(message);
    this.name = 'LimitError';
  }
}

/** "12.5 MB" style sizes for the messages. */
export function formatBytes(n: number): string {
  if (n >= MiB) return `${(n / MiB).toFixed(n >= 10 * MiB ? 0 : 1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} kB`;
  return `${n} B`;
}
