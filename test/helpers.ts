// Shared by the tests: where things are, and small readers. Compiled to out/test/helpers.js.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { positionAt, type Problem } from '../core/src';

export const ROOT = path.resolve(__dirname, '..', '..');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures');
/** The published reports beside the project (present in development and CI, absent elsewhere). */
export const SEEDS = path.resolve(ROOT, '..', 'shared', 'seeds');

export function fixture(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

export function seedFiles(): Map<string, string> | null {
  if (!existsSync(SEEDS)) return null;
  const out = new Map<string, string>();
  for (const f of readdirSync(SEEDS).sort()) if (f.endsWith('.txt')) out.set(f.slice(0, 3), readFileSync(path.join(SEEDS, f), 'utf8'));
  return out;
}

export const SEEDS_MISSING = `seeds not found at ${SEEDS}: the published-report part of this test is skipped (own fixtures still run)`;

/** `line:col code` (1-based) for compact assertions. */
export function where(text: string, p: Problem): string {
  const a = positionAt(text, p.span.start);
  return `${a.line + 1}:${a.character + 1} ${p.code}`;
}

/** The text of line n (1-based). */
export function lineText(text: string, n: number): string {
  return text.split('\n')[n - 1].replace(/\r$/, '');
}

/** Published reports as they are found (HTML pages, crawler text, PDF) with expected.json, beside the project. */
export const EXAMPLES = path.resolve(ROOT, '..', 'shared', 'examples');
export const EXAMPLES_MISSING = `examples not found at ${EXAMPLES}: the published-layout part of this test is skipped (own fixtures still run)`;
