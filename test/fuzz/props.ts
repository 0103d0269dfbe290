// The robustness properties of the checking core (issue 6), shared by the property tests in
// `npm test` (test/unit/property.test.ts, small fixed-seed runs) and the long run
// (test/fuzz/run.ts, `npm run fuzz -- --runs 100000`).
//
// Inputs: the invented fixture reports test/fixtures/prop-* (cell, row, Markdown and 2019 layouts)
// mutated line by line, and whole random strings (any code point, lone surrogates, and "report
// soup" made of the format's own labels, numbers, tabs and pipes).
//
// For every input `verify` checks: parse and check never throw; every problem span and every
// edit lies inside the text and on a character boundary; every quick fix applies cleanly (no
// overlapping edits); fix-all edits change only the spans they name; fixing twice gives the same
// text as fixing once; after recompute no total rule fires for a table that is complete.

import * as fc from 'fast-check';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse, check, fixAll, recompute, applyEdits, FORMATS, canonicalHeading } from '../../core/src';
import type { Edit, Problem, Report, Span, ParsedTable } from '../../core/src';

/** Repository root (this file runs from out/test/fuzz/). */
export const ROOT = path.resolve(__dirname, '..', '..', '..');

export const FIXTURE_NAMES = ['prop-cell-2021.txt', 'prop-rows-2021.txt', 'prop-markdown-2021.md', 'prop-cell-2019.txt'];

let fixtureCache: string[] | null = null;
export function fixtures(): string[] {
  fixtureCache ??= FIXTURE_NAMES.map((n) => readFileSync(path.join(ROOT, 'test', 'fixtures', n), 'utf8'));
  return fixtureCache;
}

export const TOTAL_RULES = ['row-total', 'column-total', 'review-total', 'litigation-total'];
const SEVERITIES = new Set(['error', 'warning', 'info']);

// ---------------------------------------------------------------------------
// The properties

export class PropertyFailure extends Error {}

function fail(what: string): never {
  throw new PropertyFailure(what);
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** True when offset b does not fall between the two halves of a surrogate pair. */
export function onBoundary(text: string, b: number): boolean {
  return b <= 0 || b >= text.length || !(isHigh(text.charCodeAt(b - 1)) && isLow(text.charCodeAt(b)));
}

function checkSpan(text: string, span: Span, what: string): void {
  const { start, end } = span;
  if (!Number.isInteger(start) || !Number.isInteger(end)) fail(`${what}: non-integer span ${JSON.stringify(span)}`);
  if (!(0 <= start && start <= end && end <= text.length)) fail(`${what}: span ${start}..${end} outside the text (length ${text.length})`);
  if (!onBoundary(text, start) || !onBoundary(text, end)) fail(`${what}: span ${start}..${end} splits a surrogate pair`);
}

function checkEdits(text: string, edits: readonly Edit[], what: string): void {
  for (const e of edits) {
    checkSpan(text, e, what);
    if (typeof e.newText !== 'string') fail(`${what}: edit without newText`);
  }
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let k = 1; k < sorted.length; k++) {
    if (sorted[k].start < sorted[k - 1].end) {
      fail(`${what}: overlapping edits ${JSON.stringify(sorted[k - 1])} and ${JSON.stringify(sorted[k])}`);
    }
    // Two insertions at one point have no defined order: also a conflict.
    if (sorted[k].start === sorted[k - 1].start && sorted[k].start === sorted[k].end && sorted[k - 1].start === sorted[k - 1].end) {
      fail(`${what}: two insertions at ${sorted[k].start}`);
    }
  }
}

/** Independent application of edits, to compare with applyEdits: the text outside them is kept verbatim. */
function splice(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const parts: string[] = [];
  let pos = 0;
  for (const e of sorted) {
    parts.push(text.substring(pos, e.start), e.newText);
    pos = e.end;
  }
  parts.push(text.substring(pos));
  return parts.join('');
}

function checkProblems(text: string, problems: Problem[], what: string): void {
  if (!Array.isArray(problems)) fail(`${what}: check did not return an array`);
  for (const p of problems) {
    const w = `${what} ${p.code}`;
    if (typeof p.code !== 'string' || !p.code) fail(`${what}: problem without code`);
    if (!SEVERITIES.has(p.severity)) fail(`${w}: severity ${String(p.severity)}`);
    if (typeof p.message !== 'string' || !p.message) fail(`${w}: empty message`);
    checkSpan(text, p.span, `${w} problem`);
    if (p.fix) {
      checkEdits(text, p.fix.edits, `${w} quick fix "${p.fix.title}"`);
      try {
        applyEdits(text, p.fix.edits);
      } catch (e) {
        fail(`${w} quick fix "${p.fix.title}" does not apply: ${(e as Error).message}`);
      }
    }
  }
}

/** The table (if any) that has a cell at exactly this span. */
function tableOfCell(report: Report, span: Span): ParsedTable | undefined {
  return report.tables.find((t) => t.rows.some((r) => r.cells.some((c) => c.valueSpan.start === span.start && c.valueSpan.end === span.end)));
}

const within = (s: Span, t: Span) => s.start >= t.start && s.end <= t.end;

/**
 * A table is incomplete when check reports table-shape or cell-not-number for it, or when a table
 * or section is missing (its rows may then have been read from another section's body).
 */
export function incomplete(problems: Problem[], table: ParsedTable): boolean {
  if (table.issues.length) return true;
  if (table.rows.some((r) => r.cells.some((c) => c.value === null))) return true;
  return problems.some(
    (p) =>
      p.code === 'table-missing' ||
      p.code === 'section-missing' ||
      ((p.code === 'table-shape' || p.code === 'cell-not-number') && within(p.span, table.span)),
  );
}

const show = (s: string, max = 120) => JSON.stringify(s.length > max ? `${s.slice(0, max)}…` : s);

/** Every property for one input; throws PropertyFailure (or the core's own exception) on a failure. */
export function verify(text: string): void {
  let report: Report;
  try {
    report = parse(text);
  } catch (e) {
    fail(`parse threw: ${(e as Error).stack}`);
  }
  let problems: Problem[];
  try {
    problems = check(report);
  } catch (e) {
    fail(`check threw: ${(e as Error).stack}`);
  }
  checkProblems(text, problems, 'check');

  fixesNeverWorse(text, problems);

  // Fix-all: edits inside the text, on boundaries, not overlapping; they change only what they name.
  const edits = fixAll(report);
  checkEdits(text, edits, 'fixAll');
  const fixed = applyEdits(text, edits);
  if (fixed !== splice(text, edits)) fail('fixAll: applyEdits changed text outside the edits');

  // Fixing twice gives the same text as fixing once.
  const report2 = parse(fixed);
  checkProblems(fixed, check(report2), 'check after fixAll');
  const edits2 = fixAll(report2);
  checkEdits(fixed, edits2, 'second fixAll');
  const fixed2 = applyEdits(fixed, edits2);
  if (fixed2 !== fixed) {
    const changed = edits2.filter((e) => fixed.slice(e.start, e.end) !== e.newText);
    fail(
      `fixAll is not idempotent: the second pass changes ${changed.length} span(s), first ${changed
        .slice(0, 3)
        .map((e) => `${e.start}..${e.end} ${show(fixed.slice(e.start, e.end))} → ${show(e.newText)}`)
        .join('; ')}`,
    );
  }

  // After recompute, no total rule fires for a complete table.
  const rc = recompute(report);
  checkEdits(text, rc.edits, 'recompute');
  const after = applyEdits(text, rc.edits);
  if (after !== splice(text, rc.edits)) fail('recompute: applyEdits changed text outside the edits');
  const ra = parse(after);
  const pa = check(ra);
  checkProblems(after, pa, 'check after recompute');
  checkProblems(after, rc.remaining, 'recompute.remaining');
  for (const p of pa) {
    if (!TOTAL_RULES.includes(p.code)) continue;
    const table = tableOfCell(ra, p.span);
    if (table && incomplete(pa, table)) continue;
    fail(
      `after recompute ${p.code} still fires at ${p.span.start}..${p.span.end} ${show(after.slice(p.span.start, p.span.end))}` +
        ` in ${table ? `complete table ${table.id} (${table.format}, ${table.layout})` : 'no table'}: ${p.message}`,
    );
  }
}

/** A quick fix never makes things worse: applying any one offered fix leaves no more errors. */
export function fixesNeverWorse(text: string, problems: Problem[] = check(parse(text))): void {
  const errors = problems.filter((p) => p.severity === 'error').length;
  for (const p of problems) {
    for (const f of p.fix ? [p.fix, ...(p.alternativeFixes ?? [])] : []) {
      checkEdits(text, f.edits, `fix of ${p.code}`);
      const next = applyEdits(text, f.edits);
      const after = check(parse(next)).filter((x) => x.severity === 'error');
      if (after.length > errors) {
        fail(
          `the fix “${f.title}” of ${p.code} (${p.message}) makes it worse: ${errors} → ${after.length} errors: ${after
            .slice(0, 4)
            .map((x) => `${x.code} ${x.message}`)
            .join(' | ')}`,
        );
      }
    }
  }
}

/** fixesNeverWorse() as a fast-check predicate. */
export function neverWorse(text: string): boolean {
  fixesNeverWorse(text);
  return true;
}

/** verify() as a fast-check predicate: failures carry the message. */
export function holds(text: string): boolean {
  verify(text);
  return true;
}

// ---------------------------------------------------------------------------
// Generators

/** Cell contents that are not plain numbers, or odd numbers. */
const ODD_CELLS = [
  '', 'l', 'O', '-', '—', '无', '０', '１２', '３６　', '1.5', '-3', '+4', '1e3', '0x10', 'NaN', 'Infinity',
  '999999999999999', '9999999999999999', '123456789012345678901234567890', '00', '007', ' ', '\u00a0', '\u3000',
  '\t', '|', '\\|', '𠀀', '😀', '👨‍👩‍👧', '\ud800', '\udfff', 'a\u0301', '\u200b', '\u2028', '\ufeff', '\r', '\n\n',
];

/** Any code point, including astral ones and lone surrogates. */
export const unicodeString = (maxLength: number) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength }) },
    { weight: 1, arbitrary: fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), maxLength: 4 }) },
    { weight: 2, arbitrary: fc.constantFrom(...ODD_CELLS) },
  );

/** Numbers as they could stand in a cell: small, large, full-width, signed, decimal. */
const numberText = fc.oneof(
  { weight: 6, arbitrary: fc.nat({ max: 200 }).map(String) },
  { weight: 2, arbitrary: fc.nat().map(String) },
  { weight: 1, arbitrary: fc.bigInt({ min: 0n, max: 10n ** 22n }).map(String) },
  { weight: 1, arbitrary: fc.nat({ max: 999 }).map((n) => String(n).replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0))) },
  { weight: 1, arbitrary: fc.integer({ min: -500, max: 500 }).map(String) },
  { weight: 1, arbitrary: fc.tuple(fc.nat({ max: 99 }), fc.nat({ max: 99 })).map(([a, b]) => `${a}.${b}`) },
);

/** Every label, heading and header word of the format, for "report soup". */
function vocabulary(): string[] {
  const words = new Set<string>();
  for (const f of Object.values(FORMATS)) {
    f.sections.forEach((s) => words.add(canonicalHeading(s)));
    for (const t of Object.values(f.tables)) {
      t.rows.forEach((r) => r.label && words.add(r.label));
      t.groups.forEach((g) => words.add(g.label));
      t.columns.forEach((c) => words.add(c.label));
      t.headerMarks.forEach((h) => words.add(h));
      t.templateHeader.flat().forEach((h) => h && words.add(h));
    }
  }
  words.add('某某局2023年政府信息公开工作年度报告');
  words.add('## ');
  words.add('1、总体情况');
  return [...words];
}

const soupToken = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...vocabulary()) },
  { weight: 4, arbitrary: numberText },
  { weight: 5, arbitrary: fc.constantFrom('\n', '\n', '\t', '\t', ' | ', '|', '  ', '\r\n', '\u3000', '\u00a0', '、', '（', '）') },
  { weight: 1, arbitrary: unicodeString(6) },
);

const vocab = fc.constantFrom(...vocabulary());
/** One line as tables are written: a label and cells joined by tabs, pipes or blanks, or a lone cell. */
const soupLine = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(vocab, fc.array(numberText, { maxLength: 16 }), fc.constantFrom('\t', ' | ', '  ', '\t\u3000')).map(([l, c, s]) => (s === ' | ' ? `| ${[l, ...c].join(s)} |` : [l, ...c].join(s))) },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom('', '\t', ' '), fc.oneof(vocab, numberText)).map(([i, s]) => i + s) },
  { weight: 1, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: fc.array(soupToken, { maxLength: 12 }).map((a) => a.join('')) },
);

/** Text made of the format's own words, numbers and separators in random order. */
export const reportSoup = fc.oneof(
  fc.array(soupToken, { maxLength: 600 }).map((a) => a.join('')),
  fc.array(soupLine, { maxLength: 200 }).map((a) => a.join('\n')),
);

/** Whole random strings. */
export const randomText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 3000 }),
  fc.string({ unit: 'grapheme', maxLength: 1000 }),
  fc.string({ unit: fc.constantFrom('\n', '\r', '\t', ' ', '|', '1', '２', '一', '、', '\ud83d', '\ude00', '总', '计'), maxLength: 2000 }),
  reportSoup,
);

/** One mutation of a report's lines; indices are taken modulo the current line count. */
export type Mutation =
  | { k: 'del'; i: number; n: number }
  | { k: 'dup'; i: number }
  | { k: 'swap'; i: number; j: number }
  | { k: 'cell'; i: number; s: string }
  | { k: 'num'; i: number; s: string }
  | { k: 'setcell'; i: number; s: string }
  | { k: 'cut'; i: number; at: number; wrap: boolean }
  | { k: 'trunc'; i: number; n: number }
  | { k: 'head'; i: number }
  | { k: 'ins'; i: number; at: number; s: string };

const idx = fc.nat({ max: 10_000 });
export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ k: fc.constant('del' as const), i: idx, n: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('dup' as const), i: idx }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('swap' as const), i: idx, j: idx }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('cell' as const), i: idx, s: unicodeString(8) }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('num' as const), i: idx, s: numberText }) },
  { weight: 5, arbitrary: fc.record({ k: fc.constant('setcell' as const), i: idx, s: numberText }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('cut' as const), i: idx, at: idx, wrap: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('trunc' as const), i: idx, n: fc.integer({ min: 1, max: 60 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('head' as const), i: idx }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('ins' as const), i: idx, at: idx, s: unicodeString(6) }) },
);

const HEADING = /^(#+\s*)?[一二三四五六1-6][、.]/;
const NUMBER = /[0-9０-９]+(?:[.．][0-9０-９]+)?/g;
/** A field that is only a number: between line start / tab / pipe and line end / tab / pipe. */
const CELL = /((?:^|\t|\|)[ \u00a0\u3000]*)([0-9０-９]+(?:\.[0-9]+)?)(?=[ \u00a0\u3000]*(?:$|\t|\||\r))/g;

/** Apply mutations to a report's lines (pure: returns the new text). */
export function mutate(text: string, mutations: readonly Mutation[], opts: { crlf?: boolean; bom?: boolean } = {}): string {
  let lines = text.split('\n');
  for (const m of mutations) {
    const n = lines.length;
    if (n === 0) lines = [''];
    const i = m.i % lines.length;
    switch (m.k) {
      case 'del':
        lines.splice(i, m.n);
        break;
      case 'dup':
        lines.splice(i, 0, lines[i]);
        break;
      case 'swap': {
        const j = m.j % lines.length;
        [lines[i], lines[j]] = [lines[j], lines[i]];
        break;
      }
      case 'cell': {
        // Replace the trimmed content of one field of the line (fields split by tab or pipe).
        const line = lines[i];
        const fields = line.split(/(\t|\|)/);
        const content = fields.map((f, k) => (k % 2 === 0 && f.trim() ? k : -1)).filter((k) => k >= 0);
        if (content.length === 0) {
          lines[i] = line + m.s;
          break;
        }
        const k = content[m.i % content.length];
        fields[k] = fields[k].replace(/^(\s*)[\s\S]*?(\s*)$/, (_, a: string, b: string) => a + m.s + b);
        lines[i] = fields.join('');
        break;
      }
      case 'num': {
        // Replace the i-th number of the text (counted over all lines) with another one.
        const all: [number, number, number][] = [];
        lines.forEach((l, li) => {
          for (const x of l.matchAll(NUMBER)) all.push([li, x.index!, x[0].length]);
        });
        if (all.length === 0) break;
        const [li, at, len] = all[m.i % all.length];
        lines[li] = lines[li].slice(0, at) + m.s + lines[li].slice(at + len);
        break;
      }
      case 'setcell': {
        // Replace the i-th field that holds only a number (a table cell), keeping its padding.
        const all: [number, number, number][] = [];
        lines.forEach((l, li) => {
          for (const x of l.matchAll(CELL)) all.push([li, x.index! + x[1].length, x[2].length]);
        });
        if (all.length === 0) break;
        const [li, at, len] = all[m.i % all.length];
        lines[li] = lines[li].slice(0, at) + m.s + lines[li].slice(at + len);
        break;
      }
      case 'cut': {
        // A label cut in half: wrapped onto the next line, or its tail lost.
        const line = lines[i];
        const at = line.length ? m.at % (line.length + 1) : 0;
        if (m.wrap) lines.splice(i, 1, line.slice(0, at), line.slice(at));
        else lines[i] = line.slice(0, at);
        break;
      }
      case 'trunc':
        // A table truncated: a block of lines lost, or everything after a line.
        if (m.n >= 55) lines = lines.slice(0, i);
        else lines.splice(i, m.n * 3);
        break;
      case 'head': {
        const heads = lines.map((l, k) => (HEADING.test(l.trim()) ? k : -1)).filter((k) => k >= 0);
        if (heads.length) lines.splice(heads[m.i % heads.length], 1);
        break;
      }
      case 'ins': {
        const line = lines[i];
        const at = m.at % (line.length + 1);
        lines[i] = line.slice(0, at) + m.s + line.slice(at);
        break;
      }
    }
  }
  let out = lines.join(opts.crlf ? '\r\n' : '\n');
  if (opts.bom) out = `\ufeff${out}`;
  return out;
}

/** A fixture report (by index into FIXTURE_NAMES, or any) under a list of mutations. */
export function mutatedFixture(which?: number, maxMutations = 8) {
  return fc
    .record({
      f: which === undefined ? fc.nat({ max: FIXTURE_NAMES.length - 1 }) : fc.constant(which),
      ms: fc.array(mutation, { minLength: 1, maxLength: maxMutations }),
      crlf: fc.boolean(),
      bom: fc.boolean(),
    })
    .map(({ f, ms, crlf, bom }) => mutate(fixtures()[f], ms, { crlf: crlf && ms.length % 3 === 0, bom: bom && ms.length % 4 === 0 }));
}

/** Everything the long run draws from: mostly mutated reports, some random text. */
export const anyInput = fc.oneof(
  { weight: 6, arbitrary: mutatedFixture(undefined, 12) },
  { weight: 2, arbitrary: randomText },
  { weight: 1, arbitrary: reportSoup },
);
