// Empty tables and the whole report skeleton, generated from the format definition in each layout:
// one cell per line (as copied from a web page), one row per line (tabs), or Markdown pipe tables.

import { SECTIONS, canonicalHeading, tableDef, columnsOf, type TableDef, type RowDef } from './format';
import type { FormatId, Layout } from './types';

const ZERO = '0';

/** The text of each cell of a generated table: zeros for a template, real values when re-laying a table. */
export type CellText = (row: string, column: string) => string;
const zeros: CellText = () => ZERO;

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

function cellLayout(def: TableDef, values: CellText): string[] {
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
      if (!row.unlabelled) cell(row.label);
      rowCells(def, row, values).forEach(cell);
      out.push('');
    }
  }
  return out;
}

function rowLayout(def: TableDef, values: CellText): string[] {
  const out: string[] = [];
  if (!isItemised(def)) for (const line of def.templateHeader) out.push(line.join('\t'));
  for (const block of rowBlocks(def)) {
    if (isItemised(def)) {
      out.push(block.group);
      out.push([def.templateHeader[0][0], ...columnsOf(def, block.rows[0]).map((c) => c.label)].join('\t'));
    }
    block.rows.forEach((row, k) => {
      const label = row.unlabelled ? [] : [row.label];
      const group = !isItemised(def) && k === 0 && block.group ? [block.group] : [];
      out.push([...group, ...label, ...rowCells(def, row, values)].join('\t'));
    });
  }
  return out;
}

const mdRow = (cells: string[]) => `| ${cells.join(' | ')} |`;
const mdRule = (n: number) => `|${' --- |'.repeat(n)}`;

function markdownLayout(def: TableDef, values: CellText): string[] {
  const out: string[] = [];
  if (isItemised(def)) {
    for (const block of rowBlocks(def)) {
      const cols = columnsOf(def, block.rows[0]).map((c) => c.label);
      out.push(block.group, '');
      out.push(mdRow([def.templateHeader[0][0], ...cols]), mdRule(cols.length + 1));
      for (const row of block.rows) out.push(mdRow([row.label, ...rowCells(def, row, values)]));
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
    for (const row of block.rows) out.push(mdRow(pad([...(row.unlabelled ? [] : [row.label]), ...rowCells(def, row, values)])));
  }
  return out;
}

/** An empty table (all zeros) in the given layout, lines joined with eol, without a trailing break. */
export function tableTemplate(
  id: string,
  format: FormatId = '2021',
  layout: Layout = 'markdown',
  eol = '\n',
  values: CellText = zeros,
): string {
  const def = tableDef(format, id);
  const lines = layout === 'cell' ? cellLayout(def, values) : layout === 'row' ? rowLayout(def, values) : markdownLayout(def, values);
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines.join(eol);
}

export interface TemplateOptions {
  agency: string;
  year: number;
  layout?: Layout;
  eol?: string;
}

/** The whole 2021-format report skeleton: title, preamble, six headings, the three tables with zeros, the fee sentence. */
export function template({ agency, year, layout = 'markdown', eol = '\n' }: TemplateOptions): string {
  const md = layout === 'markdown';
  const h1 = md ? '# ' : '';
  const h2 = md ? '## ' : '';
  const out: string[] = [
    `${h1}${agency}${year}年度政府信息公开工作年度报告`,
    '',
    `本报告根据《中华人民共和国政府信息公开条例》和国办公开办函〔2021〕30号编制。所列数据的统计期限从${year}年1月1日到${year}年12月31日。`,
    '',
  ];
  const body: Record<number, string[]> = {
    0: ['（一）主动公开', '', '（二）依申请公开', '', '（三）政府信息管理', '', '（四）平台建设', '', '（五）监督保障', ''],
    4: ['（一）存在的主要问题', '', '（二）改进情况', ''],
    5: [`本机关${year}年度发出收费通知 0 件，总金额 0 元，实际收取信息处理费 0 元。`, ''],
  };
  SECTIONS.forEach((s, i) => {
    out.push(`${h2}${canonicalHeading(i)}`, '');
    if (s.table) out.push(tableTemplate(s.table, '2021', layout, eol), '');
    out.push(...(body[i] ?? []));
  });
  return out.join(eol);
}
