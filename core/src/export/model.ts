// What an exported report holds, whatever the file type: the title, the section headings, the
// paragraphs, and 表二, 表三, 表四 as printed (core/src/grid.ts: merged headings, group labels spanning
// their rows), each cell as written in the report. The HTML writer (html.ts) and the Word writer
// (node/src/export/docx.ts) only lay this out. Pure: text in, plain data out. README.md "Export".

import { tableGrid } from '../grid';
import { tableLines } from '../convert-layout';
import { lineIndexAt, splitLines } from '../text';
import type { ParsedTable, Report } from '../types';

export interface ExportCell {
  text: string;
  rowspan: number;
  colspan: number;
  /** A heading, corner, caption, group or row label (not a number). */
  header: boolean;
  /** A value cell that is a total (printed in bold). */
  total: boolean;
  /** A value cell (right-aligned, digits). */
  value: boolean;
}

export interface ExportTable {
  /** 'T2' | 'T3' | 'T4'. */
  id: string;
  /** 表三 */
  shortName: string;
  /** Columns of the full grid. */
  width: number;
  rows: ExportCell[][];
}

export type ExportBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; table: ExportTable };

export interface ExportModel {
  title: string;
  blocks: ExportBlock[];
  /** What the reader of the export should know (a table read with shape problems). Chinese. */
  warnings: string[];
}

/** A line as a paragraph: Markdown heading marks and emphasis stars dropped, blanks trimmed. */
function plain(line: string): string {
  return line
    .replace(/^\s*#{1,6}\s+/, '')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .trim();
}

function exportTable(table: ParsedTable): ExportTable {
  const grid = tableGrid(table.def);
  const raw = new Map<string, string>();
  for (const row of table.rows) for (const cell of row.cells) raw.set(`${row.key}|${cell.column}`, cell.raw);
  return {
    id: grid.id,
    shortName: grid.shortName,
    width: grid.width,
    rows: grid.rows.map((r) =>
      r.cells.map((c) => ({
        text: c.kind === 'value' && c.ref ? raw.get(`${c.ref.row}|${c.ref.column}`) ?? '' : c.text,
        rowspan: c.rowspan,
        colspan: c.colspan,
        header: c.kind !== 'value',
        total: c.kind === 'value' && !!c.total,
        value: c.kind === 'value',
      })),
    ),
  };
}

/** The report as headings, paragraphs and tables, in document order. */
export function exportModel(report: Report): ExportModel {
  const text = report.text;
  const lines = splitLines(text);
  const lineAt = (offset: number) => lineIndexAt(lines, offset);
  const warnings: string[] = [];
  const tableAt = new Map<number, { table: ParsedTable; last: number }>();
  for (const t of report.tables) {
    const { first, last } = tableLines(report, t, lines);
    tableAt.set(first, { table: t, last });
    if (t.issues.length) warnings.push(`${t.def.shortName}有结构问题（缺行、未知行或数字个数不对），导出的表格只含能对上行列的数字`);
  }
  const headingAt = new Map<number, string>();
  for (const s of report.sections) headingAt.set(lineAt(s.lineSpan.start), text.slice(s.textSpan.start, s.textSpan.end));

  let titleText = '';
  let titleLines: { first: number; last: number } | null = null;
  if (report.title) {
    const first = lineAt(report.title.span.start);
    const last = lineAt(Math.max(report.title.span.start, report.title.span.end - 1));
    titleLines = { first, last };
    titleText = lines
      .slice(first, last + 1)
      .map((l) => plain(text.slice(l.start, l.end)))
      .join('');
  }
  const blocks: ExportBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (titleLines && i >= titleLines.first && i <= titleLines.last) continue;
    const t = tableAt.get(i);
    if (t) {
      blocks.push({ kind: 'table', table: exportTable(t.table) });
      i = t.last;
      continue;
    }
    const heading = headingAt.get(i);
    if (heading !== undefined) {
      blocks.push({ kind: 'heading', text: heading });
      continue;
    }
    const p = plain(text.slice(lines[i].start, lines[i].end));
    if (p) blocks.push({ kind: 'paragraph', text: p });
  }
  return { title: titleText || report.title?.text || '政府信息公开工作年度报告', blocks, warnings };
}
