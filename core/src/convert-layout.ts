// Layout conversion: the statistical tables re-laid one cell per line, one row per line (tabs) or as
// Markdown pipe tables, for the whole report or the one table at the cursor. Prose and headings are
// never touched: each converted table is one edit that replaces only the lines the table stands on.
// The rows, columns, groups and header come from the format data (template.ts lays them out); every
// row label is kept as written and every cell as written (digits, full-width digits, even a cell
// that is not a number). A table is converted only when nothing would be lost: every piece of text
// on its lines must be one of its labels, its numbers or its header, and the converted report must
// read back to the same cells and the same problems. Otherwise the table is left as it is and the
// result says why. README.md "Layout conversion" describes the feature.

import { parse } from './parse';
import { check } from './rules';
import { tableTemplate } from './template';
import { columnsOf, type ColumnHeading, type TableDef } from './format';
import { eolOf, lineIndexAt, normalizeLabel, parseNumber, splitLines, trimSpan, type Line } from './text';
import type { Edit, Layout, ParsedTable, Report, Span } from './types';

/** The layouts a report's tables can be converted to, as the CLI and the editor name them. */
export type TextLayout = 'cells' | 'rows' | 'markdown';
export const TEXT_LAYOUTS: readonly TextLayout[] = ['cells', 'rows', 'markdown'];

const PARSER_LAYOUT: Record<TextLayout, Layout> = { cells: 'cell', rows: 'row', markdown: 'markdown' };
/** Chinese names of the layouts, for messages. */
export const LAYOUT_NAMES: Record<TextLayout, string> = { cells: '每格一行', rows: '每行一行（制表符分隔）', markdown: 'Markdown 表格' };

export interface ConvertOptions {
  to: TextLayout;
  /** Convert only the table at this offset (or the table of the section the offset is in). */
  at?: number;
}

export interface SkippedTable {
  /** 'T2' | 'T3' | 'T4'. */
  table: string;
  /** 表三. */
  tableName: string;
  /** Why it was left as it is (Chinese, for the user). */
  reason: string;
}

export interface ConvertResult {
  /** One edit per converted table, in document order, non-overlapping. */
  edits: Edit[];
  /** Short names of the tables converted (表二, 表三…). */
  converted: string[];
  /** Tables already in the asked layout. */
  unchanged: string[];
  skipped: SkippedTable[];
  /** With `at`: no table there. */
  noTable?: boolean;
}

interface Token extends Span {
  raw: string;
}

/** The fields of a line as the parser splits them: Markdown pipes, tabs or runs of two blanks. Separator rows give none. */
function fieldsOf(text: string, line: Line): Token[] {
  const t = trimSpan(text, line.start, line.end);
  if (t.end === t.start) return [];
  const spans: Span[] = [];
  if (text[t.start] === '|') {
    let s = t.start + 1;
    for (let i = s; i <= t.end; i++) {
      if (i === t.end || (text[i] === '|' && text[i - 1] !== '\\')) {
        if (i < t.end || s < t.end) spans.push({ start: s, end: i });
        s = i + 1;
      }
    }
    if (spans.every((f) => /^\s*:?-{2,}:?\s*$/.test(text.slice(f.start, f.end)) || text.slice(f.start, f.end).trim() === '')) return [];
  } else {
    let s = t.start;
    for (let i = t.start; i < t.end; i++) {
      const c = text[i];
      if (c === '\t' || ((c === ' ' || c === '\u3000' || c === '\u00a0') && /[ \u3000\u00a0\t]/.test(text[i + 1] ?? ''))) {
        spans.push({ start: s, end: i });
        while (i + 1 < t.end && /[ \u3000\u00a0\t]/.test(text[i + 1])) i++;
        s = i + 1;
      }
    }
    spans.push({ start: s, end: t.end });
  }
  const out: Token[] = [];
  for (const f of spans) {
    const s = trimSpan(text, f.start, f.end);
    if (s.end > s.start) out.push({ ...s, raw: text.slice(s.start, s.end) });
  }
  return out;
}

/** Every header text of a table as the format gives it (normalised): a written header piece must be part of one. */
function headerTexts(def: TableDef): string[] {
  const out = new Set<string>();
  const add = (s: string) => {
    const n = normalizeLabel(s);
    if (n) out.add(n);
  };
  def.headerMarks.forEach(add);
  for (const line of def.templateHeader) line.forEach(add);
  // The headings as printed (format.ts columnHeadings: 法人或其他组织 over five columns), the corner, the label heading.
  const walk = (hs: readonly ColumnHeading[] | undefined) => {
    for (const h of hs ?? []) {
      if (h.label) add(h.label);
      walk(h.children);
    }
  };
  walk(def.columnHeadings);
  if (def.corner) add(def.corner);
  if (def.labelHeading) add(def.labelHeading);
  for (const c of def.columns) {
    add(c.label);
    c.label.split('·').forEach(add);
  }
  for (const g of def.groups) [g.label, ...(g.variants ?? [])].forEach(add);
  return [...out];
}

const CONTINUED = /^\(?续表\)?$/;

const inside = (t: Span, s: Span) => t.start >= s.start && t.end <= s.end;


interface Planned {
  table: ParsedTable;
  edit: Edit;
}

/** The lines a table stands on (indices into splitLines(report.text)): from its first header line to the line of its last cell. */
export function tableLines(report: Report, table: ParsedTable, lines: Line[] = splitLines(report.text)): { first: number; last: number } {
  return regionOf(report, table, lines, headerTexts(table.def));
}

function regionOf(report: Report, table: ParsedTable, lines: Line[], headers: string[]): { first: number; last: number } {
  const text = report.text;
  let first = lineIndexAt(lines, table.span.start);
  const last = lineIndexAt(lines, Math.max(table.span.start, table.span.end - 1));
  // Header lines above the first the parser took (a header it does not use to find the table):
  // taken in when every piece on them is part of the format's header, never past the section heading.
  const section = report.sections.find((s) => s.index === table.section);
  const floor = section ? lineIndexAt(lines, section.lineSpan.end) + 1 : 0;
  for (let i = first - 1; i >= floor; i--) {
    const fields = fieldsOf(text, lines[i]);
    if (!fields.length) continue; // a blank line or a Markdown separator row
    if (fields.every((f) => !parseNumber(f.raw, 'signed') && headers.some((h) => h.includes(normalizeLabel(f.raw))))) first = i;
    else break;
  }
  return { first, last };
}

/** The converted text of one table, or why it cannot be converted. */
function planTable(report: Report, table: ParsedTable, to: TextLayout, lines: Line[], eol: string): Planned | string {
  const text = report.text;
  const def = table.def;
  if (table.issues.length) return '表格有结构问题（缺行、重复行、未知行或数字个数不对），先按提示修正后再转换';
  const headers = headerTexts(def);
  const { first, last } = regionOf(report, table, lines, headers);
  const labelSpans = table.rows.map((r) => r.labelSpan).filter((s): s is Span => s !== null);
  const cellSpans = table.rows.flatMap((r) => r.cells.map((c) => c.valueSpan));
  const firstRowAt = Math.min(...labelSpans.map((s) => s.start), ...cellSpans.map((s) => s.start));
  const labelPieces = new Map<string, string[]>();
  for (let i = first; i <= last; i++) {
    for (const f of fieldsOf(text, lines[i])) {
      if (cellSpans.some((s) => inside(f, s) || inside(s, f))) continue;
      const row = table.rows.find((r) => r.labelSpan && inside(f, r.labelSpan));
      if (row) {
        const pieces = labelPieces.get(row.key) ?? [];
        pieces.push(f.raw);
        labelPieces.set(row.key, pieces);
        continue;
      }
      if (parseNumber(f.raw, 'signed') || parseNumber(f.raw, 'decimal')) return `数字“${f.raw}”不属于表格的任何一行，转换会丢失它`;
      const n = normalizeLabel(f.raw);
      if (headers.some((h) => h.includes(n))) continue;
      // A page's continuation mark (（续表）, where a printed table breaks across pages): a re-laid
      // table is whole and has no use for it.
      if (CONTINUED.test(n)) continue;
      // Before the first row: the table's header as written (wrapped, or with 法人或其他组织 and the
      // like), re-laid from the format.
      if (f.start < firstRowAt && f.start >= table.span.start) continue;
      return `“${f.raw.length > 20 ? f.raw.slice(0, 20) + '…' : f.raw}”不是表格的行名、表头或数字，转换会丢失它`;
    }
  }
  const values = new Map<string, string>();
  for (const r of table.rows) for (const c of r.cells) values.set(`${r.key}\u0000${c.column}`, c.raw);
  const labels = new Map<string, string>();
  for (const r of table.rows) if (r.labelSpan) labels.set(r.key, (labelPieces.get(r.key) ?? []).join(''));
  for (const r of def.rows) {
    for (const c of columnsOf(def, r)) {
      const raw = values.get(`${r.key}\u0000${c.key}`) ?? '';
      if (raw === '' && to === 'cells') return '表格有空白单元格，每格一行的排法无法表示空白（先填入数字）';
      if (to === 'markdown' && raw.includes('|')) return `单元格“${raw}”含有竖线“|”，无法放进 Markdown 表格`;
    }
  }
  if (to === 'markdown' && [...labels.values()].some((l) => l.includes('|'))) return '行名含有竖线“|”，无法放进 Markdown 表格';
  let body = tableTemplate(
    def,
    PARSER_LAYOUT[to],
    eol,
    (row, column) => values.get(`${row}\u0000${column}`) ?? '',
    (row) => labels.get(row.key) || row.label,
  );
  // A Markdown table needs a blank line after it (a following line would become a row), and one before
  // it reads best; in the other layouts a blank line after keeps the last row apart from the prose.
  const blank = (i: number) => i < 0 || i >= lines.length || lines[i].end === lines[i].start || text.slice(lines[i].start, lines[i].end).trim() === '';
  if (to === 'markdown' && !blank(first - 1) && first - 1 >= 0) body = eol + body;
  if (last + 1 < lines.length && !blank(last + 1)) body = body + eol;
  return { table, edit: { start: lines[first].start, end: lines[last].end, newText: body } };
}

function applySorted(text: string, edits: Edit[]): string {
  let out = '';
  let at = 0;
  for (const e of edits) {
    out += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  return out + text.slice(at);
}

/** What a report reads as, to compare before and after: every cell of every table, and every problem. */
function cellsOf(table: ParsedTable): string {
  return table.rows.map((r) => `${r.key}:${r.cells.map((c) => `${c.column}=${c.raw}`).join(',')}`).join(';');
}
function problemsOf(report: Report): string[] {
  return check(report)
    .map((p) => `${p.code}|${p.severity}|${p.message}`)
    .sort();
}

/** Whether converting these tables keeps every cell and every problem as they were. */
function keeps(report: Report, planned: Planned[], before: string[]): boolean {
  const after = parse(applySorted(report.text, planned.map((p) => p.edit)), { formats: report.formats });
  for (const p of planned) {
    const t = after.tables.find((x) => x.id === p.table.id);
    if (!t || t.issues.length || t.def !== p.table.def || cellsOf(t) !== cellsOf(p.table)) return false;
  }
  const now = problemsOf(after);
  return now.length === before.length && now.every((x, i) => x === before[i]);
}

/**
 * Re-lay the tables of a parsed report (the whole report, or with `at` the table there) in the
 * layout `to`. Pure: the edits are returned, the caller applies them (one undo step in the editor).
 */
export function convertLayout(report: Report, options: ConvertOptions): ConvertResult {
  const text = report.text;
  const lines = splitLines(text);
  const eol = eolOf(text);
  const result: ConvertResult = { edits: [], converted: [], unchanged: [], skipped: [] };
  let tables = report.tables;
  if (options.at !== undefined) {
    const at = options.at;
    let table = tables.find((t) => {
      const first = lines[lineIndexAt(lines, t.span.start)].start;
      const last = lines[lineIndexAt(lines, Math.max(t.span.start, t.span.end - 1))].end;
      return at >= first && at <= last;
    });
    if (!table) {
      const section = report.sections.find((s) => at >= s.lineSpan.start && at <= s.bodySpan.end);
      table = section ? tables.find((t) => t.section === section.index) : undefined;
    }
    if (!table) return { ...result, noTable: true };
    tables = [table];
  }
  const planned: Planned[] = [];
  for (const table of tables) {
    const name = table.def.shortName;
    if (table.layout === PARSER_LAYOUT[options.to]) {
      result.unchanged.push(name);
      continue;
    }
    const p = planTable(report, table, options.to, lines, eol);
    if (typeof p === 'string') result.skipped.push({ table: table.id, tableName: name, reason: p });
    else planned.push(p);
  }
  planned.sort((a, b) => a.edit.start - b.edit.start);
  if (!planned.length) return result;
  const before = problemsOf(report);
  let kept = planned;
  if (!keeps(report, planned, before)) {
    // Find the tables that read back the same on their own; leave the others.
    kept = planned.filter((p) => keeps(report, [p], before));
    if (kept.length > 1 && !keeps(report, kept, before)) kept = [];
    for (const p of planned) {
      if (!kept.includes(p)) {
        result.skipped.push({ table: p.table.id, tableName: p.table.def.shortName, reason: '转换后读出的数字或检查结果与原文不一致，未转换' });
      }
    }
  }
  result.edits = kept.map((p) => p.edit);
  result.converted = kept.map((p) => p.table.def.shortName);
  return result;
}

/** Convert the tables of a report text; the new text and what was done. */
export function convertText(text: string, options: ConvertOptions): ConvertResult & { text: string } {
  const report = parse(text);
  const r = convertLayout(report, options);
  return { ...r, text: r.edits.length ? applySorted(text, r.edits) : text };
}

/** One line saying what a conversion did, in Chinese (for the CLI and the editor). */
export function describeConversion(r: ConvertResult, to: TextLayout): string {
  const parts: string[] = [];
  if (r.noTable) return '光标处没有统计表（表二、表三、表四）';
  if (r.converted.length) parts.push(`已将${r.converted.join('、')}转为${LAYOUT_NAMES[to]}`);
  if (r.unchanged.length) parts.push(`${r.unchanged.join('、')}已是${LAYOUT_NAMES[to]}`);
  for (const s of r.skipped) parts.push(`${s.tableName}未转换：${s.reason}`);
  if (!parts.length) return '没有找到统计表，未作修改';
  return parts.join('；');
}
