// Completions where they belong, as plain data: at the start of a line outside the tables, the
// section headings still missing (the next one first); inside a table or right below it, the next row
// label the format expects (with zeros for its cells in the row and Markdown layouts); on an empty line
// of section 二, 三 or 四 that has no table yet, the whole empty table. Nowhere else: prose gets nothing.

import { canonicalHeading, columnsOf, type RowDef, type TableDef } from '../format';
import { tableTemplate } from '../template';
import { tableDefOf } from '../relations';
import { eolOf, isBlank } from '../text';
import type { ParsedTable, Report, Span } from '../types';
import { tableTitle } from './outline';

export interface CompletionItemData {
  label: string;
  /** What the item is, shown next to it (Chinese). */
  detail: string;
  kind: 'heading' | 'row' | 'table';
  /** Text that replaces `span`. */
  insertText: string;
  span: Span;
  /** Sorts before the others and is selected first. */
  preselect: boolean;
  sortText: string;
}

/** How far a typed line prefix may be from its start and still be completed (a heading or a label). */
const MAX_PREFIX = 40;

function lineStartOf(text: string, offset: number): number {
  const nl = text.lastIndexOf('\n', offset - 1);
  return nl + 1;
}

function onlyBlanks(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (!isBlank(c) && c !== 0x0a) return false;
  }
  return true;
}

/** The table the offset is in, or just below (only blank text between its end and the offset). */
function tableNear(report: Report, offset: number): ParsedTable | null {
  for (const t of report.tables) {
    if (offset >= t.span.start && offset <= t.span.end) return t;
    const line = lineStartOf(report.text, offset);
    if (offset > t.span.end && onlyBlanks(report.text, t.span.end, line)) return t;
  }
  return null;
}

function rowText(def: TableDef, row: RowDef, layout: Report['layout']): string {
  const zeros = columnsOf(def, row).map(() => '0');
  if (layout === 'markdown') {
    const width = Math.max(...def.templateHeader.map((l) => l.length), ...def.rows.map((r) => (r.unlabelled ? 0 : 1) + columnsOf(def, r).length));
    const cells = [row.label, ...zeros];
    while (cells.length < width) cells.push('');
    return `| ${cells.join(' | ')} |`;
  }
  if (layout === 'row') return [row.label, ...zeros].join('\t');
  return row.label;
}

function rowItems(table: ParsedTable, span: Span): CompletionItemData[] {
  const def = tableDefOf(table);
  const present = new Set(table.rows.map((r) => r.key));
  // The last row written before the cursor: the format's next row after it comes first.
  let lastIndex = -1;
  for (const r of table.rows) {
    const at = r.labelSpan?.start ?? r.cells[0]?.valueSpan.start ?? -1;
    if (at >= 0 && at < span.start) lastIndex = Math.max(lastIndex, def.rows.findIndex((d) => d.key === r.key));
  }
  const missing = def.rows.filter((r) => !r.unlabelled && !present.has(r.key));
  if (!missing.length) return [];
  const next = missing.find((r) => def.rows.indexOf(r) > lastIndex) ?? missing[0];
  return missing.map((r, i) => {
    const group = def.groups.find((g) => g.key === r.group)?.label;
    return {
      label: r.label,
      detail: `${tableTitle(table)}${group ? ` · ${group}` : ''} · 缺少的行`,
      kind: 'row' as const,
      insertText: rowText(def, r, table.layout),
      span,
      preselect: r === next,
      sortText: r === next ? '0' : `1${String(i).padStart(3, '0')}`,
    };
  });
}

export function completions(report: Report, offset: number): CompletionItemData[] {
  const text = report.text;
  const lineStart = lineStartOf(text, offset);
  if (offset - lineStart > MAX_PREFIX) return [];
  const before = text.slice(lineStart, offset);
  // Indentation and a Markdown heading mark stay as typed.
  const lead = /^[\s\u3000]*(#{1,6}\s+)?/.exec(before)![0];
  const typed = before.slice(lead.length);
  const span = { start: lineStart + lead.length, end: offset };
  // Only a short prefix without sentence punctuation is a heading or a label being typed.
  if (/[。；！？，]/.test(typed)) return [];

  const table = tableNear(report, offset);
  if (table) return lead.includes('#') ? [] : rowItems(table, span);

  const items: CompletionItemData[] = [];
  const present = new Set(report.sections.map((s) => s.index));
  const format = report.formatDef;
  const missing = format.sections.map((_, i) => i).filter((i) => !present.has(i));
  // The next missing section after the last heading above the cursor comes first.
  const above = report.sections.filter((s) => s.lineSpan.start < lineStart).map((s) => s.index);
  const after = above.length ? Math.max(...above) : -1;
  const next = missing.find((i) => i > after) ?? missing[0];
  const eol = eolOf(text);
  for (const i of missing) {
    const s = format.sections[i];
    const heading = canonicalHeading(s);
    const preselect = i === next;
    items.push({ label: heading, detail: `第${s.ordinal}部分标题`, kind: 'heading', insertText: heading, span, preselect, sortText: preselect ? '0' : `1${i}` });
    const def = s.table ? format.tables[s.table] : undefined;
    if (def) {
      items.push({
        label: `${heading}（含${def.shortName}）`,
        detail: `标题及空的${def.shortName}“${def.name}”`,
        kind: 'table',
        insertText: `${heading}${eol}${eol}${tableTemplate(def, report.layout, eol)}${eol}`,
        span,
        preselect: false,
        sortText: `${preselect ? '0' : '1'}${i}t`,
      });
    }
  }
  // On an empty line of a section that must hold a table and has none: the empty table.
  const section = [...report.sections].reverse().find((s) => s.lineSpan.start < lineStart);
  const tableId = section ? format.sections[section.index].table : undefined;
  const def = tableId ? format.tables[tableId] : undefined;
  if (def && typed === '' && !lead.includes('#') && !report.tables.some((t) => t.id === def.id)) {
    const name = def.shortName;
    items.unshift({
      label: `${name}（空表）`,
      detail: `${name}“${def.name}”，各格为 0`,
      kind: 'table',
      insertText: tableTemplate(def, report.layout, eol),
      span,
      preselect: true,
      sortText: '00',
    });
  }
  return items;
}
