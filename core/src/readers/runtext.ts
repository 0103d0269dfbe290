// Crawler page text: the whole report in one paragraph, headings inline, and table cells run
// together (`一、本年新收政府信息公开申请数量230 000023`). The reader puts each heading, row label and
// number on a line of its own (one cell per line, each digit mapped back to the source), splitting a
// run of digits by the row's column count and the table's relations (format.ts):
//   - exactly one split fits: read it, and say so as information when the count alone did not decide;
//   - several fit, or none: the row is not read, and the candidates are reported (never a silent guess).
// See README.md, "Published layouts".

import { DEFAULT_FORMATS, columnsOf, type FormatDef, type TableDef, type RowDef, type Relation, type CellRef } from '../format';
import { isBlank, normalizeLabel, splitLines, digitValue, BREADCRUMB_MARKS } from '../text';
import { plainDocument, documentOf, type Document } from '../document';
import { TextBuilder } from '../source-map';
import type { ReadingNote, Span } from '../types';

/** The six sections, as the newest format names them (their titles are the same in every format). */
const SECTIONS = DEFAULT_FORMATS[0].sections;

/** A line at least this long, holding section headings inline, is page text. */
const LONG_LINE = 200;
/** A line before the first heading longer than this is not looked into for a title run into its text. */
const MAX_TITLE_LINE = 2000;
/** At most this many splits of one row are enumerated; more is reported as ambiguous. */
const MAX_SPLITS = 5000;
/** At most this many combinations of the undecided rows of one table are tried against the relations. */
const MAX_COMBINATIONS = 50000;
/** No cell of a report holds more digits than this. */
const MAX_CELL_DIGITS = 9;
/** Candidates named in a message. */
const SHOWN = 4;

// ---------------------------------------------------------------------------
// A normalised view of a stretch of source: labels are found in it, and map back to the source.

interface View {
  norm: string;
  /** Source offset of each character of norm. */
  at: number[];
}

const QUOTES = '“”"\'‘’「」『』＂＇';

function viewOf(text: string, start: number, end: number): View {
  let norm = '';
  const at: number[] = [];
  let last = 0;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (isBlank(code) || code === 0x0a || QUOTES.includes(text[i])) continue;
    let c = code >= 0xff01 && code <= 0xff5e ? String.fromCharCode(code - 0xfee0) : text[i];
    if (c === '、' && last >= 0x30 && last <= 0x39) c = '.';
    norm += c;
    at.push(i);
    last = c.charCodeAt(0);
  }
  return { norm, at };
}

/** The mark after a section's ordinal: `、`, or the `.` `．` `,` `，` written for it (section-heading reports those). */
const ordinalMark = (c: number): boolean => c === 0x3001 || c === 0x2e || c === 0xff0e || c === 0x2c || c === 0xff0c;

/** Source span of view[from, to). */
const spanOf = (v: View, from: number, to: number): Span => ({ start: v.at[from], end: v.at[to - 1] + 1 });

// ---------------------------------------------------------------------------
// Detection and headings

interface InlineHeading {
  index: number;
  start: number;
  end: number;
}

/** Edit distance of a and b when at most 1, else 2 (enough to tell a typo from another title). */
function within1(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * The section headings written inline in a view, in order: the ordinal, its `、` (or `.` `．` `，`,
 * which the section-heading rule then reports), the title; a typo of one character is allowed in
 * long titles after `、`.
 */
function inlineHeadings(v: View, firstSection = 0): InlineHeading[] {
  const out: InlineHeading[] = [];
  let from = 0;
  for (let k = firstSection; k < SECTIONS.length; k++) {
    const { ordinal, title } = SECTIONS[k];
    const t = normalizeLabel(title);
    let found: InlineHeading | null = null;
    for (let p = v.norm.indexOf(ordinal, from); p !== -1 && !found; p = v.norm.indexOf(ordinal, p + 1)) {
      const after = v.norm.charCodeAt(p + 1);
      if (!ordinalMark(after)) continue;
      const s = p + 2;
      if (v.norm.startsWith(t, s)) found = { index: k, start: p, end: s + t.length };
      else if (after === 0x3001 /* 、 */ && t.length >= 8) {
        for (const len of [t.length + 1, t.length - 1, t.length]) {
          if (within1(v.norm.slice(s, s + len), t)) {
            found = { index: k, start: p, end: s + len };
            break;
          }
        }
      }
    }
    if (found) {
      out.push(found);
      from = found.end;
    }
  }
  return out;
}

/** What a title run into a page's text starts after: a sentence's or label's end, a breadcrumb mark. */
const TITLE_STARTS_AFTER = `。：:；;）)${BREADCRUMB_MARKS}`;

/** The title written at the start of a paragraph (`…2019年政府信息公开工作年度报告 根据…`). */
function inlineTitle(v: View, limit: number): { start: number; end: number } | null {
  const head = v.norm.slice(0, Math.min(limit, 300));
  const end = head.indexOf('年度报告');
  if (end === -1) return null;
  const tail = head.lastIndexOf('政府信息公开', end);
  if (tail === -1) return null;
  // The title starts after the last sentence or label end, or breadcrumb separator (首页>政务公开>…), before it.
  let start = tail;
  while (start > 0 && !TITLE_STARTS_AFTER.includes(head[start - 1]) && v.at[start] - v.at[start - 1] === 1 && tail - start < 40) start--;
  return { start, end: end + 4 };
}

// ---------------------------------------------------------------------------
// Splitting a run of digits

interface Run {
  /** Source offsets of each digit (or decimal point) of the run. */
  at: number[];
  chars: string;
  /** Indices into chars where a blank stood before (a cut that must be made). */
  cuts: Set<number>;
  span: Span;
}

/** The digits (and blanks, and a decimal point where allowed) written at source[from, limit). */
function readRun(text: string, from: number, limit: number, decimal: boolean): Run | null {
  const at: number[] = [];
  let chars = '';
  const cuts = new Set<number>();
  let i = from;
  while (i < limit && isBlank(text.charCodeAt(i))) i++;
  let gap = false;
  for (; i < limit; i++) {
    const code = text.charCodeAt(i);
    if (isBlank(code)) {
      gap = true;
      continue;
    }
    const d = digitValue(code);
    const point = decimal && (text[i] === '.' || text[i] === '．') && chars.length > 0;
    if (d < 0 && !point) break;
    if (gap && chars.length) cuts.add(chars.length);
    gap = false;
    at.push(i);
    chars += d >= 0 ? String(d) : '.';
  }
  if (!/[0-9]/.test(chars)) return null;
  return { at, chars, cuts, span: { start: at[0], end: at[at.length - 1] + 1 } };
}

const validPart = (s: string, decimal: boolean): boolean => {
  if (!s || s.length > MAX_CELL_DIGITS + (decimal ? 8 : 0)) return false;
  if (s.includes('.')) {
    if (!decimal || s.indexOf('.') !== s.lastIndexOf('.') || s.startsWith('.') || s.endsWith('.')) return false;
    return !(s.length > 1 && s[0] === '0' && s[1] !== '.');
  }
  return s === '0' || s[0] !== '0';
};

/** Every split of the run into n parts (cuts at blanks kept), or null when there are more than MAX_SPLITS. */
function splits(run: Run, n: number, decimal: boolean[]): number[][] | null {
  const out: number[][] = [];
  const ends: number[] = [];
  const s = run.chars;
  let overflow = false;
  const rec = (pos: number, k: number): void => {
    if (overflow) return;
    if (k === n) {
      if (pos === s.length) {
        if (out.length >= MAX_SPLITS) overflow = true;
        else out.push([...ends]);
      }
      return;
    }
    if (s.length - pos < n - k) return;
    for (let e = pos + 1; e <= s.length; e++) {
      if (!validPart(s.slice(pos, e), decimal[k])) {
        if (e - pos > MAX_CELL_DIGITS + 8) break;
        if (run.cuts.has(e)) break;
        continue;
      }
      ends.push(e);
      rec(e, k + 1);
      ends.pop();
      if (run.cuts.has(e)) break; // a blank ends the part here at the latest
    }
  };
  rec(0, 0);
  return overflow ? null : out;
}

const partsOf = (run: Run, ends: number[]): { text: string; span: Span }[] =>
  ends.map((e, k) => {
    const b = k ? ends[k - 1] : 0;
    return { text: run.chars.slice(b, e), span: { start: run.at[b], end: run.at[e - 1] + 1 } };
  });

// ---------------------------------------------------------------------------
// Tables

interface FoundRow {
  def: RowDef;
  /** Label source span (null for T4's unlabelled row). */
  label: Span | null;
  run: Run | null;
  columns: string[];
  /** Splits that fit the row's own relations (ends into run.chars). */
  candidates: number[][];
  /** How many splits the count of columns allowed, before any relation. */
  possible: number;
  chosen: number[] | null;
  /** Splits the relations ruled out, kept for the message. */
  overflow: boolean;
}

const key = (r: CellRef) => `${r.row}|${r.column}`;

function valuesOf(row: FoundRow, ends: number[]): Map<string, number> {
  const m = new Map<string, number>();
  partsOf(row.run!, ends).forEach((p, k) => m.set(`${row.def.key}|${row.columns[k]}`, Number(p.text)));
  return m;
}

/** True/false when every cell of the relation is known, else null. */
function holds(rel: Relation, values: (k: string) => number | undefined): boolean | null {
  const sum = (refs: CellRef[]) => {
    let s = 0;
    for (const r of refs) {
      const v = values(key(r));
      if (v === undefined) return null;
      s += v;
    }
    return s;
  };
  if (rel.kind === 'sum') {
    const t = values(key(rel.target));
    const s = sum(rel.terms);
    return t === undefined || s === null ? null : Math.abs(t - s) < 1e-9;
  }
  const l = sum(rel.lhs);
  const r = sum(rel.rhs);
  return l === null || r === null ? null : Math.abs(l - r) < 1e-9;
}

const rowsOfRelation = (rel: Relation): Set<string> =>
  new Set((rel.kind === 'sum' ? [rel.target, ...rel.terms] : [...rel.lhs, ...rel.rhs]).map((r) => r.row));

/** Split every run of a table: by the count, the row's own relations, then the relations across rows. */
function resolve(def: TableDef, rows: FoundRow[]): void {
  for (const row of rows) {
    if (!row.run) continue;
    const n = row.columns.length;
    const dec = row.columns.map((c) => def.columns.find((x) => x.key === c)?.kind === 'decimal');
    const all = splits(row.run, n, dec);
    if (all === null) {
      row.overflow = true;
      continue;
    }
    row.possible = all.length;
    const own = def.relations.filter((r) => {
      const rs = rowsOfRelation(r);
      return rs.size === 1 && rs.has(row.def.key);
    });
    row.candidates = all.filter((ends) => {
      const v = valuesOf(row, ends);
      return own.every((r) => holds(r, (k) => v.get(k)) !== false);
    });
  }
  const known = new Map<string, number>();
  const open: FoundRow[] = [];
  for (const row of rows) {
    if (row.candidates.length === 1) {
      row.chosen = row.candidates[0];
      for (const [k, v] of valuesOf(row, row.chosen)) known.set(k, v);
    } else if (row.candidates.length > 1) open.push(row);
  }
  if (!open.length) return;
  const cross = def.relations.filter((r) => open.some((o) => rowsOfRelation(r).has(o.def.key)));
  if (!cross.length) return;
  let total = 1;
  for (const o of open) total *= o.candidates.length;
  if (total > MAX_COMBINATIONS) return;
  const fitting: number[][] = [];
  const pick = new Array<number>(open.length).fill(0);
  const openValues = open.map((o) => o.candidates.map((c) => valuesOf(o, c)));
  for (let c = 0; c < total; c++) {
    let x = c;
    for (let k = 0; k < open.length; k++) {
      pick[k] = x % open[k].candidates.length;
      x = Math.floor(x / open[k].candidates.length);
    }
    const value = (k: string): number | undefined => {
      const v = known.get(k);
      if (v !== undefined) return v;
      for (let o = 0; o < open.length; o++) {
        const w = openValues[o][pick[o]].get(k);
        if (w !== undefined) return w;
      }
      return undefined;
    };
    if (cross.every((r) => holds(r, value) !== false)) fitting.push([...pick]);
  }
  open.forEach((o, k) => {
    const picks = new Set(fitting.map((f) => f[k]));
    if (picks.size === 1) o.chosen = o.candidates[[...picks][0]];
  });
}

const show = (row: FoundRow, ends: number[]) => partsOf(row.run!, ends).map((p) => p.text).join('/');

function labelIndex(def: TableDef): { row: RowDef; labels: string[] }[] {
  return def.rows
    .filter((r) => !r.unlabelled)
    .map((row) => ({ row, labels: [row.label, ...(row.variants ?? [])].map(normalizeLabel).sort((a, b) => b.length - a.length) }));
}

/** Header words of a table, to put each on a line of its own. */
function headerWords(def: TableDef): string[] {
  const words = new Set<string>();
  for (const m of def.headerMarks) words.add(normalizeLabel(m));
  for (const c of def.columns) words.add(normalizeLabel(c.label.replace(/^.*·/, '')));
  for (const line of def.templateHeader) for (const h of line) if (h) words.add(normalizeLabel(h));
  for (const g of def.groups) words.add(normalizeLabel(g.label));
  return [...words].filter((w) => w.length >= 2).sort((a, b) => b.length - a.length);
}

interface TableRead {
  /** Source offsets where the table's text starts and ends. */
  start: number;
  end: number;
  rows: FoundRow[];
  matched: number;
}

/** Find the rows of a table in source[start, end) (a section body), in the order of the format. */
function findRows(text: string, def: TableDef, start: number, end: number): TableRead {
  const v = viewOf(text, start, end);
  const rows: FoundRow[] = [];
  let pos = 0;
  for (const { row, labels } of labelIndex(def)) {
    let best: { p: number; len: number } | null = null;
    for (const l of labels) {
      const p = v.norm.indexOf(l, pos);
      if (p !== -1 && (!best || p < best.p)) best = { p, len: l.length };
    }
    if (!best) continue;
    const label = spanOf(v, best.p, best.p + best.len);
    while (label.end < end && QUOTES.includes(text[label.end])) label.end++; // a closing quote is the label's
    rows.push({ def: row, label, run: null, columns: columnsOf(def, row).map((c) => c.key), candidates: [], possible: 0, chosen: null, overflow: false });
    pos = best.p + best.len;
  }
  // Each row's run stops where the next row's label begins.
  for (let k = 0; k < rows.length; k++) {
    const limit = k + 1 < rows.length ? rows[k + 1].label!.start : end;
    const dec = rows[k].columns.some((c) => def.columns.find((x) => x.key === c)?.kind === 'decimal');
    rows[k].run = readRun(text, rows[k].label!.end, limit, dec);
  }
  const unlabelled = def.rows.find((r) => r.unlabelled);
  if (unlabelled) {
    // T4: the first run of at least as many digits as it has columns.
    const cols = columnsOf(def, unlabelled).map((c) => c.key);
    for (let i = start; i < end; i++) {
      if (digitValue(text.charCodeAt(i)) < 0) continue;
      const run = readRun(text, i, end, false);
      if (run && run.chars.length >= cols.length) {
        rows.push({ def: unlabelled, label: null, run, columns: cols, candidates: [], possible: 0, chosen: null, overflow: false });
        break;
      }
      if (run) i = run.span.end;
    }
  }
  const first = rows[0];
  const last = rows[rows.length - 1];
  return {
    start: first ? Math.min(first.label?.start ?? first.run!.span.start, first.run?.span.start ?? Infinity) : start,
    end: last ? Math.max(last.run?.span.end ?? 0, last.label?.end ?? 0) : start,
    rows,
    matched: rows.filter((r) => r.run).length,
  };
}

// ---------------------------------------------------------------------------
// The reader

/** Put the text of source[from, to) on lines, cutting before and after each known header word. */
function copyWords(b: TextBuilder, text: string, from: number, to: number, words: string[]): void {
  const v = viewOf(text, from, to);
  if (!v.norm.length) return;
  const cuts = new Set<number>();
  for (let i = 0; i < v.norm.length; ) {
    const w = words.find((x) => v.norm.startsWith(x, i));
    if (w) {
      cuts.add(i);
      cuts.add(i + w.length);
      i += w.length;
    } else i++;
  }
  let s = 0;
  for (let i = 1; i <= v.norm.length; i++) {
    if (i === v.norm.length || cuts.has(i)) {
      const span = spanOf(v, s, i);
      b.newline(span.start).copy(span.start, span.end).newline(span.end);
      s = i;
    }
  }
}

function emitTable(b: TextBuilder, text: string, def: TableDef, read: TableRead, notes: ReadingNote[], bodyStart: number, bodyEnd: number): void {
  const words = headerWords(def);
  let pos = bodyStart;
  for (const row of read.rows) {
    const at = row.label?.start ?? row.run!.span.start;
    copyWords(b, text, pos, at, words);
    if (row.label) b.newline(row.label.start).copy(row.label.start, row.label.end).newline(row.label.end);
    pos = row.label?.end ?? at;
    const run = row.run;
    if (!run) continue;
    const name = row.def.unlabelled ? '表四数据行' : '本行';
    const noteSpan = (): Span => {
      // Where the row stands in the read text: its label, or the first digit for T4.
      const t = b.text.length;
      return row.label ? { start: t - 1 - (row.label.end - row.label.start), end: t - 1 } : { start: t, end: t };
    };
    if (row.chosen) {
      for (const p of partsOf(run, row.chosen)) b.newline(p.span.start).copy(p.span.start, p.span.end).newline(p.span.end);
      if (row.possible > 1) {
        const others = row.candidates.filter((c) => c !== row.chosen);
        const t = b.text.length;
        const first = t - run.chars.length - partsOf(run, row.chosen).length;
        notes.push({
          code: 'cell-reading',
          span: { start: first, end: t - 1 },
          message:
            `${name}数字连写（${run.chars}），按勾稽关系读作 ${show(row, row.chosen)}` +
            (others.length ? `（另有拆法 ${others.slice(0, SHOWN).map((c) => show(row, c)).join('、')} 与列合计不符）` : ''),
        });
      }
    } else if (row.run && row.columns.length > 0) {
      const expected = row.columns.length;
      // A row written with blanks between all its numbers (or more numbers than columns) is read as written.
      if (run.cuts.size + 1 >= expected) {
        let s = 0;
        for (const c of [...run.cuts, run.chars.length]) {
          const sp = { start: run.at[s], end: run.at[c - 1] + 1 };
          b.newline(sp.start).copy(sp.start, sp.end).newline(sp.end);
          s = c;
        }
      } else {
        const span = noteSpan();
        if (!row.label) b.newline(run.span.start).copy(run.span.start, run.span.end).newline(run.span.end);
        const cands = row.candidates;
        notes.push({
          code: 'cell-ambiguous',
          span: row.label ? span : { start: span.start, end: span.start + run.chars.length },
          message: row.overflow
            ? `${name}数字连写（${run.chars}），拆成 ${expected} 个数的方法太多，无法确定，本行未计入：请在数字之间加空格或改用表格`
            : cands.length === 0
              ? `${name}数字连写（${run.chars}），无法拆成 ${expected} 个合乎勾稽关系的数，本行未计入：请核对`
              : `${name}数字连写（${run.chars}），有 ${cands.length} 种拆法：${cands.slice(0, SHOWN).map((c) => show(row, c)).join('、')}${cands.length > SHOWN ? ' 等' : ''}，无法确定，本行未计入`,
          row: { table: def.id, key: row.def.key },
        });
      }
    }
    pos = Math.max(pos, run.span.end);
  }
  copyWords(b, text, pos, bodyEnd, words);
}

/** The numerals of the section ordinals (一、 to 六、). */
const ORDINALS = new Set(SECTIONS.map((s) => s.ordinal.charCodeAt(0)));

/** Does the line start with a section ordinal and its mark (`一、`, `一．`), after blanks? Such a line may be a heading with its text run on. */
function startsWithOrdinal(text: string, l: { start: number; end: number }): boolean {
  let i = l.start;
  while (i < l.end && isBlank(text.charCodeAt(i))) i++;
  return ORDINALS.has(text.charCodeAt(i)) && ordinalMark(text.charCodeAt(i + 1));
}

/**
 * Is this text crawler page text (section headings inline: the whole report in one long line, or
 * a line per paragraph with each heading run into its first sentence)? Then read it so; otherwise
 * as it is.
 */
export function readText(text: string): Document {
  const plain = plainDocument(text);
  if (plain.report.sections.length >= 3 || text.length < LONG_LINE) return plain;
  const lines = splitLines(text);
  if (!lines.some((l) => l.end - l.start >= LONG_LINE)) return plain;
  // Headings are looked for in long lines and in lines that start with an ordinal, in order.
  let next = 0;
  const views: (View | null)[] = [];
  const heads: InlineHeading[][] = [];
  for (const l of lines) {
    const v = l.end - l.start >= LONG_LINE || startsWithOrdinal(text, l) ? viewOf(text, l.start, l.end) : null;
    const hs = v && next < SECTIONS.length ? inlineHeadings(v, next) : [];
    if (hs.length) next = hs[hs.length - 1].index + 1;
    views.push(v);
    heads.push(hs);
  }
  const count = heads.reduce((n, h) => n + h.length, 0);
  if (count < 3 || count <= plain.report.sections.length) return plain;
  return readRunTogether(text, lines, views, heads);
}

function chooseFormat(text: string, bodies: Map<number, Span>): FormatDef {
  const t3 = bodies.get(2);
  let best = DEFAULT_FORMATS[0];
  if (!t3) return best;
  let score = -1;
  for (const f of DEFAULT_FORMATS) {
    if (!f.tables.T3) continue;
    const r = findRows(text, f.tables.T3, t3.start, t3.end);
    if (r.matched > score) {
      score = r.matched;
      best = f;
    }
  }
  return best;
}

/**
 * Prose run together: a new paragraph where a sentence ends before a sub-heading (`。（二）…`), and
 * after a sub-heading that runs into its first point (`（四）平台建设方面一是…`), as the page had them.
 */
function copyProse(b: TextBuilder, text: string, from: number, to: number): void {
  const para = /[。；;！!]\s*(?=（[一二三四五六七八九十]{1,3}）)|（[一二三四五六七八九十]{1,3}）[^。；;，,（）]{1,30}?(?=一是)/g;
  para.lastIndex = from;
  let pos = from;
  for (let m = para.exec(text); m && m.index < to; m = para.exec(text)) {
    const cut = m.index + m[0].length;
    if (cut >= to) break;
    b.copy(pos, cut).newline(cut);
    pos = cut;
  }
  b.copy(pos, to);
}

function readRunTogether(text: string, lines: { start: number; end: number }[], views: (View | null)[], heads: InlineHeading[][]): Document {
  // Section bodies in source offsets, for the tables.
  const all: { index: number; start: number; end: number; line: number }[] = [];
  heads.forEach((hs, li) => hs.forEach((h) => all.push({ index: h.index, start: views[li]!.at[h.start], end: views[li]!.at[h.end - 1] + 1, line: li })));
  // A section's body runs to the next heading, over lines when the page kept its paragraphs; the last to its line's end.
  const bodies = new Map<number, Span>();
  all.forEach((h, k) => {
    const next = all[k + 1];
    bodies.set(h.index, { start: h.end, end: next ? next.start : lines[h.line].end });
  });
  const format = chooseFormat(text, bodies);
  const b = new TextBuilder(text);
  const notes: ReadingNote[] = [];
  let titled = false;
  /** Where the text is written up to (a table may be read over several lines). */
  let done = 0;
  for (let li = 0; li < lines.length; li++) {
    const l = lines[li];
    // A line a table read over already (an empty one too).
    if (l.start < done && l.end <= done) continue;
    let pos = Math.max(l.start, done);
    // The title written at the start of a paragraph before the first heading (a short one too).
    const before = !titled && pos === l.start && li <= all[0].line;
    const v = views[li] ?? (before && l.end - l.start <= MAX_TITLE_LINE ? viewOf(text, l.start, l.end) : null);
    const title = v && before ? inlineTitle(v, v.norm.length) : null;
    if (v && title && (!heads[li].length || title.end <= heads[li][0].start)) {
      const ts = v.at[title.start];
      const te = v.at[title.end - 1] + 1;
      b.copy(pos, ts).newline(ts).copy(ts, te).newline(te);
      pos = te;
      titled = true;
    }
    if (!heads[li].length) {
      b.copy(pos, l.end).put('\n', l.end);
      done = l.end;
      continue;
    }
    const hs = all.filter((h) => h.line === li);
    for (const h of hs) {
      copyProse(b, text, pos, h.start);
      b.newline(h.start).copy(h.start, h.end).newline(h.end);
      pos = h.end;
      const body = bodies.get(h.index)!;
      const tableId = SECTIONS[h.index].table;
      if (tableId && format.tables[tableId]) {
        const def = format.tables[tableId];
        const read = findRows(text, def, body.start, body.end);
        if (read.rows.length) {
          resolve(def, read.rows);
          emitTable(b, text, def, read, notes, pos, body.end);
          pos = body.end;
        }
      }
      copyProse(b, text, pos, body.end);
      pos = body.end;
    }
    if (pos <= l.end) {
      copyProse(b, text, pos, l.end);
      b.put('\n', l.end);
      pos = l.end;
    }
    done = pos;
  }
  return documentOf(b.finish('run-together', notes));
}
