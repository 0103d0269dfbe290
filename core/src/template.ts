// Empty tables and the whole report skeleton, generated from the format definition in each layout:
// one cell per line (as copied from a web page), one row per line (tabs), or Markdown pipe tables.

import { DEFAULT_FORMATS, canonicalHeading, columnsOf, formatForYear, type FormatDef, type TableDef, type RowDef } from './format';
import type { Layout } from './types';

const ZERO = '0';

/** The text of each cell of a generated table: zeros for a template, real values when re-laying a table. */
export type CellText = (row: string, column: string) => string;
const zeros: CellText = () => ZERO;
/** The label printed for a row: the official one for a template, the one as written when re-laying a table. */
export type LabelText = (row: RowDef) => string;
const official: LabelText = (row) => row.label;

/** Groups of rows in order, each with the group label to print before its first row ('' for none). */
function rowBlocks(def: TableDef): { group: string; rows: RowDef[] }[] {
  const blocks: { group: string; rows: RowDef[] }[] = [];
  const printed = new Set<string>();
  let current = '\u0000';
  for (const row of def.rows) {
    const g = row.group ?? '';
    if (g !== current) {
      // A group's caption is printed once, before its first row: T3's （七）总计 belongs to
      // 三、本年度办理结果 again after （六）, but the official table does not repeat the caption.
      const label = printed.has(g) ? '' : def.groups.find((x) => x.key === g)?.label ?? '';
      printed.add(g);
      blocks.push({ group: label, rows: [] });
      current = g;
    }
    blocks[blocks.length - 1].rows.push(row);
  }
  return blocks;
}

function rowCells(def: TableDef, row: RowDef, values: CellText): string[] {
  return columnsOf(def, row).map((c) => values(row.key, c.key));
}

function isItemised(def: TableDef): boolean {
  return def.itemised === true;
}

function cellLayout(def: TableDef, values: CellText, label: LabelText): string[] {
  const out: string[] = [];
  const cell = (s: string) => out.push(`\t${s}`);
  if (!isItemised(def)) {
    for (const line of def.templateHeader) line.forEach((h) => cell(h));
    out.push('');
  }
  for (const block of rowBlocks(def)) {
    if (isItemised(def)) {
      cell(block.group);
      out.push('');
      cell(def.templateHeader[0][0]);
      columnsOf(def, block.rows[0]).forEach((c) => cell(c.label));
      out.push('');
    } else if (block.group) cell(block.group);
    for (const row of block.rows) {
      if (!row.unlabelled) cell(label(row));
      rowCells(def, row, values).forEach(cell);
      out.push('');
    }
  }
  return out;
}

function rowLayout(def: TableDef, values: CellText, labelOf: LabelText): string[] {
  const out: string[] = [];
  if (!isItemised(def)) for (const line of def.templateHeader) out.push(line.join('\t'));
  for (const block of rowBlocks(def)) {
    if (isItemised(def)) {
      out.push(block.group);
      out.push([def.templateHeader[0][0], ...columnsOf(def, block.rows[0]).map((c) => c.label)].join('\t'));
    }
    block.rows.forEach((row, k) => {
      const label = row.unlabelled ? [] : [labelOf(row)];
      const group = !isItemised(def) && k === 0 && block.group ? [block.group] : [];
      out.push([...group, ...label, ...rowCells(def, row, values)].join('\t'));
    });
  }
  return out;
}

const mdRow = (cells: string[]) => `| ${cells.join(' | ')} |`;
const mdRule = (n: number) => `|${' --- |'.repeat(n)}`;

function markdownLayout(def: TableDef, values: CellText, label: LabelText): string[] {
  const out: string[] = [];
  if (isItemised(def)) {
    for (const block of rowBlocks(def)) {
      const cols = columnsOf(def, block.rows[0]).map((c) => c.label);
      out.push(block.group, '');
      out.push(mdRow([def.templateHeader[0][0], ...cols]), mdRule(cols.length + 1));
      for (const row of block.rows) out.push(mdRow([label(row), ...rowCells(def, row, values)]));
      out.push('');
    }
    out.pop();
    return out;
  }
  const width = Math.max(...def.templateHeader.map((l) => l.length), ...def.rows.map((r) => (r.unlabelled ? 0 : 1) + columnsOf(def, r).length));
  const pad = (cells: string[]) => [...cells, ...Array(Math.max(0, width - cells.length)).fill('')];
  const [first, ...rest] = def.templateHeader;
  out.push(mdRow(pad(first)), mdRule(width));
  for (const line of rest) out.push(mdRow(pad(line)));
  for (const block of rowBlocks(def)) {
    if (block.group) out.push(mdRow(pad([block.group])));
    for (const row of block.rows) out.push(mdRow(pad([...(row.unlabelled ? [] : [label(row)]), ...rowCells(def, row, values)])));
  }
  return out;
}

/** An empty table (all zeros) in the given layout, lines joined with eol, without a trailing break. */
export function tableTemplate(def: TableDef, layout: Layout = 'markdown', eol = '\n', values: CellText = zeros, labels: LabelText = official): string {
  const lines = layout === 'cell' ? cellLayout(def, values, labels) : layout === 'row' ? rowLayout(def, values, labels) : markdownLayout(def, values, labels);
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines.join(eol);
}

export interface TemplateOptions {
  agency: string;
  year: number;
  layout?: Layout;
  eol?: string;
  /** Default: the format for `year` (the newest when none covers it). */
  format?: FormatDef;
  /** The cells of each table by id (T2, T3, T4); zeros where not given. */
  values?: Record<string, CellText>;
  /** Each section's body in place of the template paragraphs (index into the format's sections). */
  bodies?: Record<number, string[]>;
}

/** The whole report skeleton in the year's format: title, preamble, the headings, the tables with zeros, each section's template paragraphs. */
export function template({ agency, year, layout = 'markdown', eol = '\n', format = formatForYear(year) ?? DEFAULT_FORMATS[0], values = {}, bodies = {} }: TemplateOptions): string {
  const md = layout === 'markdown';
  const h1 = md ? '# ' : '';
  const h2 = md ? '## ' : '';
  const out: string[] = [
    `${h1}${agency}${year}年度政府信息公开工作年度报告`,
    '',
    `本报告根据《中华人民共和国政府信息公开条例》和${format.source}编制。所列数据的统计期限从${year}年1月1日到${year}年12月31日。`,
    '',
  ];
  format.sections.forEach((s, i) => {
    out.push(`${h2}${canonicalHeading(s)}`, '');
    const def = s.table ? format.tables[s.table] : undefined;
    if (def) out.push(tableTemplate(def, layout, eol, values[def.id] ?? zeros), '');
    out.push(...(bodies[i] ?? (s.templateBody ?? []).map((p) => p.replace(/\{year\}/g, String(year)))));
  });
  return out.join(eol);
}
