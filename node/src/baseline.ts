// Baselines of accepted findings (docs/config.md): a JSON file listing, per report, the fingerprints
// of findings a reviewer has accepted. A finding whose fingerprint is listed for its file is
// "unchanged" (SARIF baselineState) and suppressed; the others are new. Paths in the file are
// relative to the file's own folder, with forward slashes, so that it can be committed.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeAtomic } from './write';

export const BASELINE_NAME = '.nianbao-baseline.json';

export interface AcceptedFinding {
  /** The report, relative to the baseline file's folder. */
  file: string;
  code: string;
  fingerprint: string;
  /** For people reading the file: the message and line when it was accepted. */
  message: string;
  line: number;
}

export interface Baseline {
  version: 1;
  accepted: AcceptedFinding[];
}

export class BaselineError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The baseline file in effect: the config's `baseline`, else `.nianbao-baseline.json` beside the
 * `.nianbao.json` in effect, else beside the report (`dir`). Used only when it exists (or is written).
 */
export function defaultBaselinePath(configDir: string | null, configured: string | undefined): string | null {
  if (configured) return configured;
  return configDir ? path.join(configDir, BASELINE_NAME) : null;
}

/** Reads a baseline; a missing file is an empty baseline. Throws BaselineError when it is not one. */
export function readBaseline(file: string): Baseline {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, accepted: [] };
    throw new BaselineError(file, `无法读取基线文件（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new BaselineError(file, `基线文件不是有效的 JSON（${(e as Error).message}）`);
  }
  const v = value as Partial<Baseline>;
  if (!v || typeof v !== 'object' || !Array.isArray(v.accepted) || v.accepted.some((a) => !a || typeof a.file !== 'string' || typeof a.fingerprint !== 'string')) {
    throw new BaselineError(file, '基线文件格式不对：应为 { "version": 1, "accepted": [{ "file", "code", "fingerprint", … }] }');
  }
  return { version: 1, accepted: v.accepted };
}

export function writeBaseline(file: string, baseline: Baseline): void {
  const sorted = [...baseline.accepted].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.code.localeCompare(b.code) || a.fingerprint.localeCompare(b.fingerprint));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Through a temporary file and a rename: an interrupted write never leaves half a baseline.
  writeAtomic(file, Buffer.from(JSON.stringify({ version: 1, accepted: sorted }, null, 2) + '\n', 'utf8'));
}

/** How a report is named in a baseline at `baselineFile`. */
export function baselineKey(baselineFile: string, report: string): string {
  return path.relative(path.dirname(path.resolve(baselineFile)), path.resolve(report)).split(path.sep).join('/');
}

/** The accepted fingerprints of one report. */
export function acceptedFor(baseline: Baseline, baselineFile: string, report: string): Set<string> {
  const key = baselineKey(baselineFile, report);
  return new Set(baseline.accepted.filter((a) => a.file === key).map((a) => a.fingerprint));
}

/** The baseline with the findings of `report` replaced by `findings` (write-baseline) or added to (accept one). */
export function withFindings(baseline: Baseline, baselineFile: string, report: string, findings: Omit<AcceptedFinding, 'file'>[], replace: boolean): Baseline {
  const key = baselineKey(baselineFile, report);
  const kept = baseline.accepted.filter((a) => a.file !== key || (!replace && !findings.some((f) => f.fingerprint === a.fingerprint)));
  return { version: 1, accepted: [...kept, ...findings.map((f) => ({ file: key, ...f }))] };
}

/** Baselines read once and again only when the file changes (size or time); a bad file counts as empty. */
export class BaselineCache {
  private readonly byFile = new Map<string, { stamp: string; baseline: Baseline; error: BaselineError | null }>();

  get(file: string): { baseline: Baseline; error: BaselineError | null } {
    let stamp = '-';
    try {
      const s = fs.statSync(file);
      stamp = `${s.mtimeMs}:${s.size}`;
    } catch {
      // no file: an empty baseline
    }
    const hit = this.byFile.get(file);
    if (hit && hit.stamp === stamp) return hit;
    let entry: { stamp: string; baseline: Baseline; error: BaselineError | null };
    try {
      entry = { stamp, baseline: readBaseline(file), error: null };
    } catch (e) {
      if (!(e instanceof BaselineError)) throw e;
      entry = { stamp, baseline: { version: 1, accepted: [] }, error: e };
    }
    this.byFile.set(file, entry);
    return entry;
  }
}
