// Shared by the tests: where things are, and small readers. Compiled to out/test/helpers.js.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import * as assert from 'node:assert/strict';
import { applyEdits, parse, positionAt, type Problem } from '../core/src';

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

/** Replace a text that must occur exactly once (a fixture edit that cannot silently miss). */
export function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  assert.notEqual(at, -1, `fixture lacks ${JSON.stringify(from)}`);
  assert.equal(text.indexOf(from, at + 1), -1, `fixture has ${JSON.stringify(from)} more than once`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** Set one cell (by table id, row key and column key) to new text. */
export function setCell(text: string, table: string, row: string, column: string, value: string): string {
  const r = parse(text);
  const cell = r.tables.find((t) => t.id === table)!.rows.find((x) => x.key === row)!.cells.find((c) => c.column === column)!;
  return applyEdits(text, [{ ...cell.valueSpan, newText: value }]);
}
