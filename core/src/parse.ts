// parse(text) → Report: title, the six section headings, and the three tables with an exact
// source span for every heading, label and number. One pass over the lines to find headings,
// then one pass over the tokens of each table's section. Text that cannot be placed is recorded
// as a shape issue (reported by the rules), never guessed.

import { DEFAULT_FORMATS, columnsOf, formatForYear, type FormatDef, type SectionDef, type TableDef, type RowDef } from './format';
import { splitLines, keepLines, trimSpan, normalizeLabel, labelCharCode, parseNumber, isNumberText, parseYear, isBlank, digitValue, lineIndexAt, readableNumber, YEAR_EDGE_DATE, BREADCRUMB_MARKS, type Line } from './text';
import type { Report, SectionHeading, HeadingIssue, Title, ParsedTable, ParsedRow, Cell, ShapeIssue, Layout, Span } from './types';
import { detached } from './recent';

export interface ParseOptions {
  /** The formats to read the report against, newest first (default: the national formats of format.ts). */
  formats?: readonly FormatDef[];
}

/** Lines longer than this are prose, never a heading, title or label (keeps the scan linear). */
const MAX_HEADING_LENGTH = 80;
/** The title must appear among the first non-empty lines. */
const TITLE_SEARCH_LINES = 8;
/** A title may be wrapped over at most this many lines. */
const TITLE_MAX_LINES = 3;
/** How many trailing text tokens may form one (wrapped) row label. */
const MAX_LABEL_PIECES = 6;
/** A text token longer than this is prose: it ends a row's cells. */
const PROSE_LENGTH = 24;
/** Longer than any label: such a token is normalised only this far, and marked so it matches nothing. */
const MAX_LABEL_TOKEN = 256;

// ---------------------------------------------------------------------------
// Section headings

const CN_ORDINALS = '一二三四五六七八九十';
const CN_ORDINAL_CODES = new Set([...CN_ORDINALS].map((c) => c.charCodeAt(0)));
/** What may follow a heading's ordinal: 、 . ． , ， */
const ORDINAL_MARK_CODES = new Set([0x3001, 0x2e, 0xff0e, 0x2c, 0xff0c]);

/** The section titles of a set of formats, normalised: what makes a line a heading. */
interface SectionKeys {
  keys: Set<string>;
  min: number;
  /** The first character of each key: a line without an ordinal must start with one to be a heading. */
  first: Set<number>;
}
const sectionKeyCache = new WeakMap<readonly FormatDef[], SectionKeys>();

function sectionKeys(formats: readonly FormatDef[]): SectionKeys {
  let k = sectionKeyCache.get(formats);
  if (!k) {
    const keys = new Set(formats.flatMap((f) => f.sections.map((s) => normalizeTitle(s.title))));
    k = { keys, min: Math.min(...[...keys].map((x) => x.length)), first: new Set([...keys].map((x) => x.charCodeAt(0))) };
    sectionKeyCache.set(formats, k);
  }
  return k;
}

/** Title comparison ignores blanks and list punctuation. */
const TITLE_PUNCTUATION = /[、,，;；]/g;
/** normalizeTitle's results: the lines it is asked about (headings, row labels) recur in every report. */
const titleKeys = new Map<string, string>();
function normalizeTitle(s: string): string {
  let key = titleKeys.get(s);
  if (key === undefined) {
    key = normalizeLabel(s).replace(TITLE_PUNCTUATION, '');
    if (titleKeys.size >= 4096) titleKeys.clear();
    titleKeys.set(detached(s), key);
  }
  return key;
}

interface OrdinalRead {
  kind: 'cn' | 'arabic';
  value: string;
  sep: string;
  end: number;
}

/** Read one ordinal (`一、`, `1、`, `一.`) at s[i], allowing blanks around the mark. */
function readOrdinal(s: string, i: number, end = s.length): OrdinalRead | null {
  let j = i;
  let kind: 'cn' | 'arabic';
  // Char codes, not one-character strings: this runs at the start of every line.
  if (j < end && CN_ORDINAL_CODES.has(s.charCodeAt(j))) {
    kind = 'cn';
    while (j < end && CN_ORDINAL_CODES.has(s.charCodeAt(j))) j++;
  } else if (j < end && digitValue(s.charCodeAt(j)) >= 0) {
    kind = 'arabic';
    while (j < end && digitValue(s.charCodeAt(j)) >= 0) j++;
  } else return null;
  if (j - i > 3) return null;
  let k = j;
  while (k < end && isBlank(s.charCodeAt(k))) k++;
  if (k >= end || !ORDINAL_MARK_CODES.has(s.charCodeAt(k))) return null;
  const sep = s[k];
  const value = s.slice(i, j);
  k++;
  while (k < end && isBlank(s.charCodeAt(k))) k++;
  return { kind, value, sep, end: k };
}

/** True when b is a with one character inserted, removed or changed. */
function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

function arabicToCn(v: string): string {
  const n = Number(v.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)));
  return n >= 1 && n <= 10 ? CN_ORDINALS[n - 1] : '';
}

interface HeadingCandidate {
  /** The normalised title: which section, whatever the format. */
  key: string;
  line: Line;
  textSpan: Span;
  text: string;
  hashes: string;
  ordinals: OrdinalRead[];
  /** A long title with one character wrong (`行政法复议`) after an ordinal: the heading, misspelt. */
  typo?: boolean;
}

function readHeading(text: string, line: Line, sk: SectionKeys): HeadingCandidate | null {
  let end = line.end;
  let start = line.start;
  while (start < end && isBlank(text.charCodeAt(start))) start++;
  while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
  if (end - start > MAX_HEADING_LENGTH || end === start) return null;
  let hashes = '';
  if (text.charCodeAt(start) === 0x23 /* # */) {
    let h = start;
    while (h < end && text.charCodeAt(h) === 0x23) h++;
    let s = h;
    while (s < end && isBlank(text.charCodeAt(s))) s++;
    hashes = text.slice(start, s);
    start = s;
  }
  // Ordinals are read on the text itself; the body is cut out only for a line that may be a heading.
  let ordinals: OrdinalRead[] | null = null;
  let pos = start;
  for (let o = readOrdinal(text, pos, end); o; o = readOrdinal(text, pos, end)) {
    (ordinals ??= []).push(o);
    pos = o.end;
  }
  // Cheap exits first: most short lines are table cells, most long ones prose. Without an ordinal
  // (no misspelt heading then) the first character must begin a title, unless normalising changes it.
  if (end - pos < sk.min) return null;
  if (!ordinals) {
    const c = text.charCodeAt(pos);
    if (!sk.first.has(c) && labelCharCode(c, 0) === c) return null;
    ordinals = [];
  }
  for (const o of ordinals) o.end -= start;
  const body = text.slice(start, end);
  let key = normalizeTitle(body.slice(pos - start));
  let typo = false;
  if (!sk.keys.has(key)) {
    if (!ordinals.length || key.length < 8) return null;
    const near = [...sk.keys].find((k) => k.length >= 8 && oneEditApart(k, key));
    if (near === undefined) return null;
    key = near;
    typo = true;
  }
  return { key, line, textSpan: { start, end }, text: body, hashes, ordinals, ...(typo ? { typo } : {}) };
}

/** What is wrong with a heading, measured against the section it names. */
function headingIssues(h: HeadingCandidate, def: SectionDef): HeadingIssue[] {
  const issues: HeadingIssue[] = h.typo ? ['typo'] : [];
  if (h.ordinals.length === 0) issues.push('no-ordinal');
  else {
    if (h.ordinals.length > 1) issues.push('duplicate-ordinal');
    const last = h.ordinals[h.ordinals.length - 1];
    const cn = last.kind === 'arabic' ? arabicToCn(last.value) : last.value;
    if (last.kind === 'arabic') issues.push('arabic-ordinal');
    if (cn !== def.ordinal) issues.push('wrong-ordinal');
    if (issues.length === 0 && h.text !== `${def.ordinal}、${def.title}`) {
      issues.push(last.sep === '、' ? 'spaces' : 'punctuation');
    }
  }
  return issues;
}

// ---------------------------------------------------------------------------
// Title

/** What parts a site's name or breadcrumbs from the page's own title (`网站名-标题`, `网站名_标题`, `网站名|标题`, `首页>…>标题`). */
const SITE_SEPARATOR = new RegExp(`[-_|｜—–${BREADCRUMB_MARKS}]+`);
const TITLE_TAIL = '政府信息公开';
const TITLE_END = '年度报告';

function readTitle(text: string, lines: Line[], firstHeadingLine: number): Title | null {
  // A long line (a page's byline: 来源… 发布时间… 浏览次数…) is no part of a title, but the title may follow it.
  const candidates: { line: Line; norm: string; long?: boolean }[] = [];
  for (let i = 0; i < lines.length && i < firstHeadingLine && candidates.length < TITLE_SEARCH_LINES; i++) {
    const t = trimSpan(text, lines[i].start, lines[i].end);
    if (t.end === t.start) continue;
    if (t.end - t.start > MAX_HEADING_LENGTH) {
      candidates.push({ line: t, norm: '', long: true });
      continue;
    }
    let norm = normalizeLabel(text.slice(t.start, t.end));
    if (norm.startsWith('#')) norm = norm.replace(/^#+/, '');
    // A crawler's record starts with `标题: …`.
    if (norm.startsWith('标题:')) norm = norm.slice(3);
    candidates.push({ line: { start: t.start, end: t.end }, norm });
  }
  // The fewest lines that make a title: a page's breadcrumbs (`首页 > 政务公开 > 政府信息公开年报`)
  // before a title on a line of its own are not part of it.
  for (let n = 1; n <= TITLE_MAX_LINES; n++) {
    for (let i = 0; i + n <= candidates.length; i++) {
      const group = candidates.slice(i, i + n);
      if (group.some((c) => c.long)) continue;
      const joined = group.map((c) => c.norm).join('');
      if (!joined.endsWith(TITLE_END) || !joined.includes(TITLE_TAIL)) continue;
      // The title's own 政府信息公开 is the last (an agency may be named 政府信息公开办公室).
      const before = joined.slice(0, joined.lastIndexOf(TITLE_TAIL));
      const m = /^(.*?)([0-9〇○零一二三四五六七八九]{4})年度?(?:工作)?$/.exec(before);
      let agency: string | null = null;
      let year: number | null = null;
      if (m) {
        year = parseYear(m[2]);
        agency = m[1] || null;
      } else {
        agency = before.replace(/年度?$/, '') || null;
      }
      if (!agency && i > 0 && !candidates[i - 1].long) {
        const prev = candidates[i - 1].norm;
        if (prev.length <= 40 && !prev.includes('报告')) agency = prev;
      }
      // A page's <title> may put the site's name first (`青禾市人民政府门户网站-…`): the agency is after it.
      const named = agency?.split(SITE_SEPARATOR).pop();
      if (named && named.length >= 2) agency = named;
      const span = { start: candidates[i].line.start, end: candidates[i + n - 1].line.end };
      let yearSpan: Span | null = null;
      if (year !== null && m) {
        for (let k = i; k < i + n && !yearSpan; k++) {
          const at = text.slice(candidates[k].line.start, candidates[k].line.end).indexOf(m[2]);
          if (at !== -1) yearSpan = { start: candidates[k].line.start + at, end: candidates[k].line.start + at + 4 };
        }
      }
      return { span, text: joined, agency, year, yearSpan };
    }
  }
  return null;
}

/** The dates of the statistical period (`统计期限自2023年1月1日起至2023年12月31日止`). */
const PERIOD_DATES = new RegExp(YEAR_EDGE_DATE.source, 'g');
/** Lines before the first heading searched for the period, and characters of each. */
const PERIOD_LINES = 20;
const PERIOD_CHARS = 2000;

/**
 * The year of the statistical period written before the first section heading, when it is one
 * calendar year: 统计, then within a clause its opening date, then shortly its closing date.
 */
function periodYear(text: string, lines: Line[], firstHeadingLine: number): number | null {
  const within = (line: string, from: number, to: number, most: number) => to - from <= most && !line.slice(from, to).includes('。');
  for (let i = 0; i < lines.length && i < firstHeadingLine && i < PERIOD_LINES; i++) {
    const line = text.slice(lines[i].start, Math.min(lines[i].end, lines[i].start + PERIOD_CHARS));
    const at = line.indexOf('统计');
    if (at === -1) continue;
    PERIOD_DATES.lastIndex = at;
    const open = PERIOD_DATES.exec(line);
    const close = open && PERIOD_DATES.exec(line);
    if (!open || !close || !open[2] || close[2] || !within(line, at + 2, open.index, 24) || !within(line, open.index + open[0].length, close.index, 12)) continue;
    const year = parseYear(open[1]);
    return year !== null && year === parseYear(close[1]) ? year : null;
  }
  return null;
}

/** True when the text looks like an annual disclosure report (title within the first lines). */
export function looksLikeReport(text: string): boolean {
  const head = text.slice(0, 4000);
  const lines = splitLines(head);
  return readTitle(head, lines, lines.length) !== null;
}

// ---------------------------------------------------------------------------
// Tokens: the cells of a region, whatever its layout

interface Token {
  /** Trimmed span; for an empty field, a zero-width span at the field. */
  start: number;
  end: number;
  raw: string;
  norm: string;
  line: number;
  /** The line holds more than one field (a row-per-line or Markdown row). */
  multi: boolean;
  markdown: boolean;
  empty: boolean;
  /** Reads as a number of some kind (integer, signed or decimal). */
  numeric: boolean;
}

function isMarkdownSeparator(cells: string[]): boolean {
  return cells.length > 0 && cells.every((c) => /^\s*:?-{2,}:?\s*$/.test(c) || c.trim() === '');
}

/**
 * Field bounds of the line being tokenised, as pairs [start, end, …] (`fieldCount` pairs), and the
 * untrimmed start of each field (an empty field's position). Reused across lines, so tokenising a
 * line allocates no arrays; grown when a line has more fields than ever before.
 */
let bounds = new Int32Array(64);
let raw0 = new Int32Array(32);
let fieldCount = 0;

function pushField(start: number, end: number): void {
  if (2 * fieldCount + 2 > bounds.length) {
    const grown = new Int32Array(bounds.length * 2);
    grown.set(bounds);
    bounds = grown;
    raw0 = new Int32Array(bounds.length / 2);
  }
  bounds[2 * fieldCount] = start;
  bounds[2 * fieldCount + 1] = end;
  fieldCount++;
}

function tokenizeLine(text: string, line: Line, lineNo: number, out: Token[]): void {
  let tStart = line.start;
  let tEnd = line.end;
  while (tStart < tEnd && isBlank(text.charCodeAt(tStart))) tStart++;
  while (tEnd > tStart && isBlank(text.charCodeAt(tEnd - 1))) tEnd--;
  if (tEnd === tStart) return;
  fieldCount = 0;
  let markdown = false;
  if (text.charCodeAt(tStart) === 0x7c /* | */) {
    markdown = true;
    let s = tStart + 1;
    for (let i = s; i <= tEnd; i++) {
      if (i === tEnd || (text.charCodeAt(i) === 0x7c && text.charCodeAt(i - 1) !== 0x5c /* backslash */)) {
        if (i < tEnd || s < tEnd) pushField(s, i);
        s = i + 1;
      }
    }
    const fields: string[] = [];
    for (let k = 0; k < fieldCount; k++) fields.push(text.slice(bounds[2 * k], bounds[2 * k + 1]));
    if (isMarkdownSeparator(fields)) return;
  } else {
    // Fields are separated by a tab or by a run of two or more blanks.
    let s = tStart;
    let i = tStart;
    while (i < tEnd) {
      const c = text.charCodeAt(i);
      if (c === 0x09 || (isBlank(c) && i + 1 < tEnd && isBlank(text.charCodeAt(i + 1)))) {
        pushField(s, i);
        if (c === 0x09) i++;
        else while (i < tEnd && isBlank(text.charCodeAt(i)) && text.charCodeAt(i) !== 0x09) i++;
        s = i;
        continue;
      }
      i++;
    }
    pushField(s, tEnd);
  }
  // Trimmed bounds, in place of the raw ones; the raw start is kept for empty fields.
  let nonEmpty = 0;
  for (let k = 0; k < fieldCount; k++) {
    let a = bounds[2 * k];
    let b = bounds[2 * k + 1];
    raw0[k] = a;
    while (a < b && isBlank(text.charCodeAt(a))) a++;
    while (b > a && isBlank(text.charCodeAt(b - 1))) b--;
    bounds[2 * k] = a;
    bounds[2 * k + 1] = b;
    if (b > a) nonEmpty++;
  }
  const multi = nonEmpty > 1 || markdown;
  // Leading and trailing empty fields are indentation, not cells.
  let first = 0;
  let last = fieldCount - 1;
  if (!markdown) {
    while (first <= last && bounds[2 * first] === bounds[2 * first + 1]) first++;
    while (last >= first && bounds[2 * last] === bounds[2 * last + 1]) last--;
  }
  for (let k = first; k <= last; k++) {
    const start = bounds[2 * k];
    const end = bounds[2 * k + 1];
    const empty = end === start;
    const raw = text.slice(start, end);
    out.push({
      start: empty ? raw0[k] : start,
      end: empty ? raw0[k] : end,
      raw,
      norm: empty ? '' : raw.length > MAX_LABEL_TOKEN ? `${normalizeLabel(raw.slice(0, MAX_LABEL_TOKEN))}\u0000` : normalizeLabel(raw),
      line: lineNo,
      multi,
      markdown,
      empty,
      numeric: !empty && isNumberText(raw),
    });
  }
}

// ---------------------------------------------------------------------------
// Tables

const ORDINAL_PREFIX = /^(?:\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+[、.]|[0-9]+\.)/;

interface LabelIndex {
  def: TableDef;
  /** normalised label → row key */
  rows: Map<string, RowDef>;
  /** normalised label without its ordinal → row (only for cores of 4+ characters) */
  cores: Map<string, RowDef>;
  groups: Map<string, string>;
  /** Every ending of a group label: a piece that is none cannot complete one (most row labels). */
  groupEnds: Set<string>;
  /** A group's ordinal alone (`(三)`) → group key: a flattened rowspan written in front of each row's label. */
  groupOrdinals: Map<string, string>;
  /** every normalised row/group label, for "does this token start a label?" */
  all: string[];
  /** header marks that open the table */
  marks: Set<string>;
  /** header words (column names, header lines): never a cell */
  headers: Set<string>;
  /** marks and row labels of the other tables of the format: once this table has begun, they end it */
  foreign: Set<string>;
}

const labelIndexes = new WeakMap<TableDef, LabelIndex>();
/** The format each table definition belongs to (its sibling tables end it); filled by parse(). */
const ownerFormat = new WeakMap<TableDef, FormatDef>();

function labelIndex(def: TableDef): LabelIndex {
  let idx = labelIndexes.get(def);
  if (idx) return idx;
  const rows = new Map<string, RowDef>();
  const cores = new Map<string, RowDef>();
  const groups = new Map<string, string>();
  const groupOrdinals = new Map<string, string>();
  const groupEnds = new Set<string>();
  const all: string[] = [];
  for (const row of def.rows) {
    if (row.unlabelled) continue;
    for (const label of [row.label, ...(row.variants ?? [])]) {
      const n = normalizeLabel(label);
      rows.set(n, row);
      all.push(n);
      const core = n.replace(ORDINAL_PREFIX, '');
      if (core !== n && core.length >= 4 && !cores.has(core)) cores.set(core, row);
    }
  }
  for (const g of def.groups) {
    for (const label of [g.label, ...(g.variants ?? [])]) {
      const n = normalizeLabel(label);
      groups.set(n, g.key);
      for (let i = 0; i < n.length; i++) groupEnds.add(n.slice(i));
      all.push(n);
      const ord = /^\([一二三四五六七八九十]+\)/.exec(n);
      if (ord) groupOrdinals.set(ord[0], g.key);
    }
  }
  const marks = new Set(def.headerMarks.map(normalizeLabel));
  const headers = new Set<string>(marks);
  for (const c of def.columns) headers.add(normalizeLabel(c.label));
  for (const line of def.templateHeader) for (const h of line) if (h) headers.add(normalizeLabel(h));
  const foreign = new Set<string>();
  for (const other of Object.values(ownerFormat.get(def)?.tables ?? {})) {
    if (other.id === def.id) continue;
    for (const m of other.headerMarks) foreign.add(normalizeLabel(m));
    for (const r of other.rows) if (!r.unlabelled) foreign.add(normalizeLabel(r.label));
    for (const g of other.groups) foreign.add(normalizeLabel(g.label));
  }
  idx = { def, rows, cores, groups, groupEnds, groupOrdinals, all, marks, headers, foreign };
  labelIndexes.set(def, idx);
  return idx;
}

/**
 * Match a label string, stripping any group labels written in front of it: a rowspan flattened into
 * every row (`三、本年度办理结果（一）予以公开`, `（四）无法提供1.本机关不掌握相关政府信息`), or only the
 * group's ordinal (`（三）1.属于国家秘密`, then the row must belong to that group).
 */
function matchLabel(idx: LabelIndex, s: string): RowDef | undefined {
  let group: string | undefined;
  for (let guard = 0; guard < 4 && s; guard++) {
    const row = idx.rows.get(s) ?? idx.cores.get(s);
    if (row) return group === undefined || row.group === group ? row : undefined;
    let stripped = false;
    for (const [g, key] of idx.groups) {
      if (s.startsWith(g) && s.length > g.length) {
        s = s.slice(g.length);
        group = key;
        stripped = true;
        break;
      }
    }
    if (!stripped && s.startsWith('(')) {
      const close = s.indexOf(')');
      const key = close > 0 ? idx.groupOrdinals.get(s.slice(0, close + 1)) : undefined;
      if (key !== undefined && s.length > close + 1) {
        s = s.slice(close + 1);
        group = key;
        stripped = true;
      }
    }
    if (!stripped) return undefined;
  }
  return undefined;
}

function startsLabel(idx: LabelIndex, t: Token): boolean {
  if (t.empty || t.norm.length < 2) return false;
  if (ORDINAL_PREFIX.test(t.norm) && t.norm.length >= 3) return true;
  return idx.all.some((l) => l.startsWith(t.norm));
}

/** Header words of the table (and the `第二十条第（x）项` captions of T2). */
function isHeaderWord(idx: LabelIndex, t: Token): boolean {
  return idx.headers.has(t.norm) || /^第[^条]{1,4}条/.test(t.norm);
}

interface Candidate {
  table: ParsedTable;
  matched: number;
}

function makeCell(t: Token, column: string, kind: 'int' | 'decimal' | 'signed'): Cell {
  const parsed = t.empty ? null : parseNumber(t.raw, kind);
  return {
    valueSpan: { start: t.start, end: t.end },
    raw: t.raw,
    value: parsed ? parsed.value : null,
    fullWidth: parsed ? parsed.fullWidth : false,
    column,
  };
}

function parseTable(text: string, def: TableDef, tokens: Token[]): Candidate | null {
  return new TableReading(text, def, tokens).read();
}

/** Where a row's label stands among the pending label pieces (indices into `buffer`). */
interface RowLabel {
  row: RowDef;
  from: number;
  to: number;
  /** A label wrapped after its numbers (text copied from a PDF): the token index after the label's rest. */
  restEnd?: number;
}

/** A wrapped label's first part is at least this long before its rest is looked for after the numbers. */
const MIN_LABEL_HEAD = 6;

/**
 * One reading of a table region with one definition, token by token. Each step is a method:
 *   - `labelPiece`: a non-number is kept as a label piece; a group label closes the pending ones;
 *   - `rowLabel`: a number starts a row, whose label is the pending pieces that match a row label;
 *   - `stray`: a number no label precedes is a stray, or the numbers of a row we cannot name;
 *   - `rowCells`: the row's cells, the rest of its line or the next tokens up to the next label;
 *   - `addRow`: the row with its cells, or without them (and a shape issue) when they do not fit;
 *   - `finish`: rows never met, the rows in the definition's order, the layout by vote.
 */
class TableReading {
  private readonly idx: LabelIndex;
  private readonly rows: ParsedRow[] = [];
  private readonly issues: ShapeIssue[] = [];
  private readonly found = new Set<string>();
  /** Indices of the text tokens since the last row or group: the pending label pieces. */
  private buffer: number[] = [];
  private tableStart = -1;
  private headerStart = -1;
  private tableEnd = -1;
  private readonly layoutVotes = { cell: 0, row: 0, markdown: 0 };
  private readonly unlabelled: RowDef | undefined;

  constructor(
    private readonly text: string,
    private readonly def: TableDef,
    private readonly tokens: Token[],
  ) {
    this.idx = labelIndex(def);
    this.unlabelled = def.rows.find((r) => r.unlabelled);
  }

  read(): Candidate | null {
    const { tokens } = this;
    let i = 0;
    while (i < tokens.length) {
      const tok = tokens[i];
      if (tok.empty) {
        i++;
        continue;
      }
      if (!tok.numeric) {
        // Another table begins (its section heading is missing): this one ends here.
        if (!this.labelPiece(i)) break;
        i++;
        continue;
      }
      const label = this.rowLabel() ?? this.wrappedLabel(i);
      const row = label?.row ?? this.unlabelledRow();
      if (!row) {
        i = this.stray(i);
        continue;
      }
      const labelTokens = label ? this.buffer.slice(label.from, label.to).map((k) => tokens[k]) : [];
      const cellsFrom = label && label.to < this.buffer.length ? this.buffer[label.to] : i;
      const { cells, next } = this.rowCells(i, row, labelTokens, label, cellsFrom);
      this.addRow(row, tok, labelTokens, cells);
      this.buffer = [];
      i = Math.max(next, i + 1, label?.restEnd ?? 0);
    }
    return this.finish();
  }

  private joinNorm(from: number, to: number): string {
    let s = '';
    for (let k = from; k < to; k++) s += this.tokens[this.buffer[k]].norm;
    return s;
  }

  /**
   * Row labels left standing without any number before the next label. A row whose every cell holds
   * something other than a number (`| 行政许可 | 无 |`, `1,126`, an empty Markdown cell) has those
   * cells, each reported where it stands; else it is a row with no cells.
   */
  private emptyRows(pending: number[]): void {
    if (this.tableStart === -1) return;
    for (const k of pending) {
      const t = this.tokens[k];
      const row = this.idx.rows.get(t.norm);
      if (!row || this.found.has(row.key)) continue;
      this.found.add(row.key);
      const columns = columnsOf(this.def, row);
      const expected = columns.length;
      const span = { start: t.start, end: t.end };
      const cells = this.cellsWithoutNumbers(k, expected);
      if (cells) {
        this.rows.push({ key: row.key, labelSpan: span, cells: cells.map((c, n) => makeCell(c, columns[n].key, columns[n].kind ?? 'int')), expectedCells: expected });
        this.tableEnd = Math.max(this.tableEnd, cells[cells.length - 1].end);
        continue;
      }
      this.rows.push({ key: row.key, labelSpan: span, cells: [], expectedCells: expected });
      this.issues.push({ kind: 'cell-count', span, row: row.key, found: 0, expected });
    }
  }

  /** The tokens after the label at k that are its cells, all of them non-numbers: the rest of its line, or (one cell per line) the next cell-like tokens. */
  private cellsWithoutNumbers(k: number, expected: number): Token[] | null {
    const { tokens } = this;
    const label = tokens[k];
    const cells: Token[] = [];
    if (label.multi) {
      for (let j = k + 1; j < tokens.length && tokens[j].line === label.line; j++) cells.push(tokens[j]);
      while (cells.length > expected && cells[cells.length - 1].empty) cells.pop();
    } else {
      for (let j = k + 1; j < tokens.length && cells.length < expected && this.cellLike(tokens[j]); j++) cells.push(tokens[j]);
    }
    return cells.length === expected && cells.every((c) => !c.numeric) ? cells : null;
  }

  /** A short text that may stand where a number is due (`l`, `O`, `-`, `无`), or a number written with separators or a unit (`1,126`, `12件`). */
  private cellLike(t: Token): boolean {
    return !t.empty && (t.raw.length <= 4 || readableNumber(t.raw) !== null) && !startsLabel(this.idx, t) && !isHeaderWord(this.idx, t);
  }

  /** A non-number: a label piece. False when it belongs to another table (this one ends before it). */
  private labelPiece(i: number): boolean {
    const { idx } = this;
    const tok = this.tokens[i];
    if (this.tableStart !== -1 && idx.foreign.has(tok.norm)) return false;
    if (this.tableStart === -1 && this.headerStart === -1 && idx.marks.has(tok.norm)) this.headerStart = tok.start;
    this.buffer.push(i);
    if (this.buffer.length > MAX_LABEL_PIECES * 4) this.buffer = this.buffer.slice(-MAX_LABEL_PIECES);
    // A group label (no numbers of its own) closes the pending label pieces.
    const ends = idx.groupEnds.has(tok.norm);
    for (let k = this.buffer.length - 1; ends && k >= Math.max(0, this.buffer.length - MAX_LABEL_PIECES); k--) {
      if (idx.groups.has(this.joinNorm(k, this.buffer.length))) {
        this.emptyRows(this.buffer.slice(0, k));
        this.buffer = [];
        if (this.tableStart === -1 && this.headerStart === -1) this.headerStart = tok.start;
        break;
      }
    }
    return true;
  }

  /**
   * The row a number starts: the label its pending pieces spell. The label may be followed by a few
   * short non-numbers that are really its first cells (`l`, `-`, `无`). Label pieces before it that
   * name rows of their own are rows with no cells.
   */
  private rowLabel(): RowLabel | null {
    const { buffer } = this;
    for (let skip = 0; skip <= Math.min(3, buffer.length - 1); skip++) {
      if (skip > 0 && !this.cellLike(this.tokens[buffer[buffer.length - skip]])) break;
      const to = buffer.length - skip;
      for (let from = Math.max(0, to - MAX_LABEL_PIECES); from < to; from++) {
        const row = matchLabel(this.idx, this.joinNorm(from, to));
        if (row) {
          this.emptyRows(buffer.slice(0, from));
          return { row, from, to };
        }
      }
    }
    return null;
  }

  /**
   * A label wrapped after its numbers, as text copied from a PDF has it: `（二）部分公开（区分处理的，⇥4⇥1…`
   * then `只计这一情形，不计其他情形）` on the next line. The pending pieces begin exactly one row's label,
   * and the lines after the row's numbers complete it; else it is no label (reported, never guessed).
   */
  private wrappedLabel(i: number): RowLabel | null {
    const { tokens, buffer, idx } = this;
    const tok = tokens[i];
    const last = buffer.length ? tokens[buffer[buffer.length - 1]] : null;
    if (!last || last.line !== tok.line) return null;
    let next = i + 1;
    while (next < tokens.length && tokens[next].line === tok.line) next++;
    if (next === tokens.length) return null;
    for (let from = Math.max(0, buffer.length - MAX_LABEL_PIECES); from < buffer.length; from++) {
      const head = this.joinNorm(from, buffer.length);
      if (head.length < MIN_LABEL_HEAD) continue;
      const rests = new Map<string, RowDef>();
      for (const [n, row] of idx.rows) if (n.length > head.length && n.startsWith(head) && !this.found.has(row.key)) rests.set(n.slice(head.length), row);
      if (new Set(rests.values()).size !== 1) continue;
      // The rest, from the tokens after the numbers (one or more lines, no number between).
      let joined = '';
      for (let k = next; k < tokens.length && k - next < MAX_LABEL_PIECES; k++) {
        const t = tokens[k];
        if (t.empty) continue;
        if (t.numeric) break;
        joined += t.norm;
        const row = rests.get(joined);
        if (row) {
          this.emptyRows(buffer.slice(0, from));
          return { row, from, to: buffer.length, restEnd: k + 1 };
        }
        if (![...rests.keys()].some((r) => r.startsWith(joined))) break;
      }
    }
    return null;
  }

  /** The definition's row without a label (T2's header-less row), once the table has begun. */
  private unlabelledRow(): RowDef | undefined {
    const u = this.unlabelled;
    return u && !this.found.has(u.key) && (this.headerStart !== -1 || this.tableStart !== -1) ? u : undefined;
  }

  /**
   * A number no row label precedes. Alone inside the table (between header lines, between the pieces
   * of a wrapped label, or before a row's label) it is a stray, reported where it stands, and the label
   * pieces around it still belong together. Before the table it is not ours. After a label we cannot
   * match, the label is reported and its numbers skipped. Returns the index to go on from.
   */
  private stray(i: number): number {
    const { tokens, buffer, idx } = this;
    const tok = tokens[i];
    const inTable = this.tableStart !== -1 || this.headerStart !== -1;
    const lone = !tokens[i + 1] || !tokens[i + 1].numeric;
    const prev = buffer.length ? tokens[buffer[buffer.length - 1]] : null;
    // The pieces read so far begin a label (（三）/不予/…): the number fell inside a wrapped label.
    let insideLabel = false;
    for (let k = buffer.length - 1; k >= Math.max(0, buffer.length - MAX_LABEL_PIECES) && !insideLabel; k--) {
      const joined = this.joinNorm(k, buffer.length);
      insideLabel = joined.length >= 2 && idx.all.some((l) => l.startsWith(joined) && l !== joined);
    }
    if (inTable && lone && (this.tableStart === -1 || !prev || insideLabel || isHeaderWord(idx, prev) || startsLabel(idx, prev))) {
      this.issues.push({ kind: 'stray-number', span: { start: tok.start, end: tok.end }, text: tok.raw });
      return i + 1;
    }
    if (this.tableStart === -1) {
      // Numbers before the table proper (prose pasted cell by cell).
      this.buffer = [];
      return i + 1;
    }
    const last = buffer.length ? tokens[buffer[buffer.length - 1]] : tok;
    this.issues.push({ kind: 'unknown-row', span: { start: last.start, end: last.end }, text: last.raw });
    this.buffer = [];
    let j = i;
    while (j < tokens.length && (tokens[j].empty || tokens[j].numeric)) j++;
    this.tableEnd = Math.max(this.tableEnd, tokens[j - 1].end);
    return j;
  }

  /**
   * The tokens that are the row's cells, and the index after them. One row per line (tabs, blanks or
   * Markdown pipes): the rest of its line. One cell per line: the next tokens until the row is full or
   * a label begins, then any further bare numbers (extra cells).
   */
  private rowCells(i: number, row: RowDef, labelTokens: Token[], label: RowLabel | null, cellsFrom: number): { cells: Token[]; next: number } {
    const { tokens, idx } = this;
    const tok = tokens[i];
    const columns = columnsOf(this.def, row);
    const lastLabel = labelTokens[labelTokens.length - 1];
    const cells: Token[] = [];
    let j: number;
    if (lastLabel ? tok.line === lastLabel.line : tok.multi) {
      j = lastLabel && label ? this.buffer[label.to - 1] + 1 : i;
      while (j < tokens.length && tokens[j].line === tok.line) cells.push(tokens[j++]);
      // Trailing empty cells of a wider Markdown table are not part of a short row.
      while (cells.length > columns.length && cells[cells.length - 1].empty) cells.pop();
      this.layoutVotes[tok.markdown ? 'markdown' : 'row']++;
    } else {
      j = cellsFrom;
      while (j < tokens.length && cells.length < columns.length) {
        const t = tokens[j];
        if (!t.empty && !t.numeric && (startsLabel(idx, t) || isHeaderWord(idx, t) || t.raw.length > PROSE_LENGTH)) break;
        cells.push(t);
        j++;
      }
      while (j < tokens.length && tokens[j].numeric && cells.length < columns.length * 2) cells.push(tokens[j++]);
      this.layoutVotes.cell++;
    }
    return { cells, next: j };
  }

  /**
   * The row with its cells, one per column; with too many or too few numbers, which column each
   * belongs to is not known, so none is assigned (they are kept as `loose`) and the shape is reported.
   */
  private addRow(row: RowDef, tok: Token, labelTokens: Token[], cellTokens: Token[]): void {
    const columns = columnsOf(this.def, row);
    const lastLabel = labelTokens[labelTokens.length - 1];
    const labelSpan = lastLabel ? { start: labelTokens[0].start, end: lastLabel.end } : null;
    const anchor = labelSpan ?? { start: tok.start, end: tok.end };
    if (this.tableStart === -1) this.tableStart = this.headerStart !== -1 ? Math.min(this.headerStart, anchor.start) : anchor.start;
    if (this.found.has(row.key)) {
      this.issues.push({ kind: 'duplicate-row', span: anchor, row: row.key });
    } else {
      this.found.add(row.key);
      if (cellTokens.length === columns.length) {
        const cells = cellTokens.map((t, c) => makeCell(t, columns[c].key, columns[c].kind ?? 'int'));
        this.rows.push({ key: row.key, labelSpan, cells, expectedCells: columns.length });
      } else {
        const loose = cellTokens.filter((t) => !t.empty).map((t) => makeCell(t, '', 'int'));
        this.rows.push({ key: row.key, labelSpan, cells: [], expectedCells: columns.length, loose });
        this.issues.push({
          kind: cellTokens.length < columns.length ? 'cell-count' : 'extra-cells',
          span: anchor,
          row: row.key,
          found: cellTokens.length,
          expected: columns.length,
        });
      }
    }
    const lastTok = cellTokens[cellTokens.length - 1] ?? tok;
    this.tableEnd = Math.max(this.tableEnd, lastTok.end, anchor.end);
  }

  /** Rows never met (missing), the rows in the definition's order, the layout most rows were written in. */
  private finish(): Candidate | null {
    // Labels still pending at the table's end (its last row has no number).
    this.emptyRows(this.buffer);
    this.buffer = [];
    const { def, text, tableStart, layoutVotes } = this;
    if (tableStart === -1) return null;
    for (const r of def.rows) {
      if (!this.found.has(r.key)) {
        const firstLineEnd = text.indexOf('\n', tableStart);
        const end = firstLineEnd === -1 ? text.length : firstLineEnd;
        this.issues.push({ kind: 'missing-row', span: trimSpan(text, tableStart, end), row: r.key });
      }
    }
    const order = (key: string) => def.rows.findIndex((r) => r.key === key);
    this.rows.sort((a, b) => order(a.key) - order(b.key));
    const layout: Layout =
      layoutVotes.markdown >= layoutVotes.row && layoutVotes.markdown > layoutVotes.cell
        ? 'markdown'
        : layoutVotes.row > layoutVotes.cell
          ? 'row'
          : 'cell';
    return {
      table: {
        id: def.id,
        format: def.format,
        def,
        section: def.section,
        span: { start: tableStart, end: this.tableEnd },
        layout,
        rows: this.rows,
        issues: this.issues,
      },
      matched: this.found.size,
    };
  }
}

/** Try each format's definition of a table on a region; keep the one that fits best (the first on a tie). */
function parseBestTable(text: string, defs: readonly TableDef[], tokens: Token[]): ParsedTable | null {
  let best: { table: ParsedTable; score: number } | null = null;
  for (const def of defs) {
    const c = parseTable(text, def, tokens);
    if (!c) continue;
    const score = c.matched * 2 - c.table.issues.length;
    if (!best || score > best.score) best = { table: c.table, score };
    // Every row of the preferred definition read, and nothing amiss: no other reading can explain more.
    if (c.matched === def.rows.length && c.table.issues.length === 0) break;
  }
  return best?.table ?? null;
}

// ---------------------------------------------------------------------------
// The report

/** The recognised headings mapped onto a format's sections (first occurrence of each section only). */
function sectionsOf(format: FormatDef, text: string, lines: Line[], candidates: { h: HeadingCandidate; lineNo: number }[]): SectionHeading[] {
  const keys = format.sections.map((s) => normalizeTitle(s.title));
  // A repeated title later is a caption or a quotation.
  const seen = new Set<number>();
  const heads: { h: HeadingCandidate; lineNo: number; index: number }[] = [];
  for (const c of candidates) {
    const index = keys.indexOf(c.h.key);
    if (index === -1 || seen.has(index)) continue;
    seen.add(index);
    heads.push({ ...c, index });
  }
  return heads.map(({ h, lineNo, index }, k) => {
    const bodyStart = lines[lineNo + 1]?.start ?? text.length;
    const bodyEnd = k + 1 < heads.length ? heads[k + 1].h.line.start : text.length;
    return {
      index,
      lineSpan: { start: h.line.start, end: h.line.end },
      textSpan: h.textSpan,
      text: h.text,
      hashes: h.hashes,
      issues: headingIssues(h, format.sections[index]),
      bodySpan: { start: Math.min(bodyStart, bodyEnd), end: bodyEnd },
    };
  });
}

/**
 * parse(text) → Report. The format is the one whose years include the title's year; without a year
 * (or for a year no format covers) it is the format of the tables found, else the newest.
 * Each table is read with every format's definition of it, the report's own first.
 */
export function parse(text: string, options: ParseOptions = {}): Report {
  const formats = options.formats ?? DEFAULT_FORMATS;
  for (const f of formats) for (const t of Object.values(f.tables)) if (!ownerFormat.has(t)) ownerFormat.set(t, f);
  const lines = splitLines(text);
  const sk = sectionKeys(formats);
  const candidates: { h: HeadingCandidate; lineNo: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const h = readHeading(text, lines[i], sk);
    if (h) candidates.push({ h, lineNo: i });
  }
  const firstHeadingLine = candidates.length ? candidates[0].lineNo : Math.min(lines.length, 40);
  const title = readTitle(text, lines, firstHeadingLine);
  // A page's article body may leave the title out: its statistical period still names the year.
  const year = title?.year ?? periodYear(text, lines, firstHeadingLine);
  const byYear = formatForYear(year, formats);
  // Where the year does not decide, the sections are placed with the newest format until the tables tell.
  let format = byYear ?? formats[0];
  let sections = sectionsOf(format, text, lines, candidates);

  // Tables: each in the body of its own section or, when that section is missing, in the body of the
  // section before it (where its rows then stand).
  const tables: ParsedTable[] = [];
  const tokenCache = new Map<number, Token[]>();
  const tokensOf = (span: Span, key: number): Token[] => {
    let toks = tokenCache.get(key);
    if (toks) return toks;
    toks = [];
    const first = lineIndexAt(lines, span.start);
    for (let i = first; i < lines.length && lines[i].start < span.end; i++) {
      tokenizeLine(text, { start: lines[i].start, end: Math.min(lines[i].end, span.end) }, i, toks);
    }
    tokenCache.set(key, toks);
    return toks;
  };
  /** The format the tables read so far prefer: the year's, else the first table's. */
  let prefer: FormatDef | null = byYear ?? null;
  const tableIds = [...new Set(formats.flatMap((f) => Object.keys(f.tables)))];
  for (const id of tableIds) {
    const order = [...(prefer ? [prefer] : []), ...formats.filter((f) => f !== prefer)];
    const defs = order.flatMap((f) => (f.tables[id] ? [f.tables[id]] : []));
    const sectionIndex = defs[0].section;
    let host = sections.find((s) => s.index === sectionIndex);
    if (!host) {
      const before = sections.filter((s) => s.index < sectionIndex);
      host = before[before.length - 1];
    }
    if (!host) continue;
    // A cell belongs to one table only: where a section heading is missing, two tables share a body.
    const taken = tables.map((t) => t.span);
    const tokens = tokensOf(host.bodySpan, host.index).filter((t) => !taken.some((sp) => t.start >= sp.start && t.end <= sp.end));
    const table = parseBestTable(text, defs, tokens);
    if (table) {
      tables.push(table);
      prefer ??= formats.find((f) => f.id === table.format) ?? null;
    }
  }
  tables.sort((a, b) => a.section - b.section);
  if (!byYear && prefer && prefer !== format) {
    format = prefer;
    sections = sectionsOf(format, text, lines, candidates);
  }

  const layouts = tables.map((t) => t.layout);
  const layout: Layout = layouts.includes('markdown')
    ? 'markdown'
    : layouts.includes('row')
      ? 'row'
      : layouts.length
        ? 'cell'
        : sections.some((s) => s.hashes)
          ? 'markdown'
          : 'cell';

  const report: Report = {
    text,
    title,
    agency: title?.agency ?? null,
    year,
    format: byYear || prefer ? format.id : null,
    formatDef: format,
    formats,
    sections,
    tables,
    layout,
    isReport: title !== null || sections.length >= 2,
  };
  return keepLines(report, lines);
}

