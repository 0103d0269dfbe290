// What each reader takes in at most: one table, read by the CLI, the language server and the tests,
// and listed in README.md ("Limits"). A file past a limit is refused with one clear line naming the
// limit and the file (CLI exit 2 for that file; the other files are still checked); nothing hangs
// and nothing runs out of memory.

export interface ReaderLimits {
  /** Plain text reports (one cell per line, tab rows, Markdown, crawler text). */
  text: { maxBytes: number };
  /** Web pages. */
  html: { maxBytes: number; maxDepth: number; maxCells: number; maxElements: number; maxMs: number };
  /** Word `.docx` files (a zip of XML parts). */
  docx: { maxBytes: number; maxEntries: number; maxPartBytes: number; maxTotalBytes: number };
  /** PDF files with a text layer. */
  pdf: { maxBytes: number; maxPages: number; maxMs: number };
}

const MiB = 1024 * 1024;

export const LIMITS: ReaderLimits = {
  text: { maxBytes: 20 * MiB },
  // maxDepth and maxElements bound the tree the HTML reader builds (readers/html-tree.ts).
  // maxMs: in the language server, where a page is read in a worker thread (node/src/readers-worker.ts).
  html: { maxBytes: 20 * MiB, maxDepth: 512, maxCells: 200_000, maxElements: 400_000, maxMs: 10_000 },
  docx: { maxBytes: 50 * MiB, maxEntries: 5_000, maxPartBytes: 64 * MiB, maxTotalBytes: 256 * MiB },
  pdf: { maxBytes: 100 * MiB, maxPages: 500, maxMs: 20_000 },
};

/**
 * NIANBAO_LIMITS in the environment (README.md "Limits") changes limits for the process: read here,
 * where every copy of this table is (the CLI, the language server, each reader's bundle and worker
 * thread, which inherit the environment), so that all of them agree. The CLI refuses a wrong value.
 */
const envLimits = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.NIANBAO_LIMITS;
export const LIMITS_ENV_ERROR: string | null = envLimits ? applyLimitOverrides(envLimits) : null;

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

/** A time limit in the messages: "20 秒", "500 毫秒". */
export function formatDuration(ms: number): string {
  return ms >= 1000 ? `${+(ms / 1000).toFixed(1)} 秒` : `${ms} 毫秒`;
}

export type ReaderKind = keyof ReaderLimits;

/** What each kind of file is called in the messages. */
const KIND_NAMES: Record<ReaderKind, string> = { text: '文本文件', html: '网页', docx: 'Word 文件', pdf: 'PDF 文件' };

/** `limit` (e.g. `html.maxDepth`) and what it is, for one line "超出限制…" naming both. */
export function limitLine(limit: string, what: string, english: string): string {
  return `超出限制 ${limit}：${what}，未检查 (limit ${limit} exceeded: ${english})`;
}

/** A size and its limit for one message: in exact bytes where the rounded sizes would read the same. */
export function twoSizes(bytes: number, max: number): [string, string] {
  const same = formatBytes(bytes) === formatBytes(max);
  return same ? [`${bytes} 字节`, `${max} 字节`] : [formatBytes(bytes), formatBytes(max)];
}

/** Refuses a file of `bytes` bytes past its kind's maxBytes (checked before the file is read whole). */
export function checkSize(kind: ReaderKind, bytes: number, max = LIMITS[kind].maxBytes): void {
  if (bytes > max) {
    const [size, limit] = twoSizes(bytes, max);
    throw new LimitError(
      `${kind}.maxBytes`,
      limitLine(`${kind}.maxBytes`, `${KIND_NAMES[kind]}大小 ${size}，超过上限 ${limit}`, `${size.replace(' 字节', ' bytes')} > ${limit.replace(' 字节', ' bytes')}`),
    );
  }
}

/** The UTF-8 size of a text without encoding it (what the language server has is text, not bytes). */
export function utf8Length(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // 2 bytes below U+0800, 3 above; a surrogate pair (2 units) is 4 bytes.
    if (c >= 0x80) n += c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 1 : 2;
  }
  return n;
}

/**
 * Whether `e` is a LimitError, also one thrown by a reader bundled apart (dist/html.js has its own
 * copy of the class, so `instanceof` does not see it) or rebuilt from a worker thread's message.
 */
export function isLimitError(e: unknown): e is LimitError {
  return typeof e === 'object' && e !== null && (e as Error).name === 'LimitError' && typeof (e as LimitError).limit === 'string';
}

/**
 * Sets limits from a `NIANBAO_LIMITS` value (README.md "Limits"): `pdf.maxMs=60000,html.maxMs=500`,
 * for one run (a very long PDF known to be good; the tests' short time limits).
 * Returns an error message for a name that is not a limit or a value that is not a positive integer.
 */
export function applyLimitOverrides(spec: string, limits: ReaderLimits = LIMITS): string | null {
  for (const item of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^(\w+)\.(\w+)=(\d+)$/.exec(item);
    const group = m ? (limits as unknown as Record<string, Record<string, number>>)[m[1]] : undefined;
    if (!m || !group || !Object.prototype.hasOwnProperty.call(group, m[2]) || !(Number(m[3]) > 0)) {
      return `NIANBAO_LIMITS: 无法识别 “${item}”（应为 限制名=正整数，如 pdf.maxMs=60000） (not a limit=positive integer)`;
    }
    group[m[2]] = Number(m[3]);
  }
  return null;
}
