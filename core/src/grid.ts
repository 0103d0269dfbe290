// Each statistical table as it is printed on paper: header rows with merged cells, row labels with
// their group labels spanning the rows they head, and the cells where the numbers go. Derived from
// the format data (format.ts: columns, column headings, groups, rows, relations) and nothing else, so
// the table view, the layout converter and the exporters draw the same grid the format defines.
// `fillGrid` puts a parsed report's numbers into it, with the problems on each cell and the value a
// cell located as wrong should hold (figures.ts). Pure data, like the rest of the core.

import { isDerived, type CellRef, type ColumnHeading, type FormatDef, type FormatId, type GroupDef, type RowDef, type TableDef } from './format';
import { tableFigures } from './figures';
import { refKey } from './relations';
import type { ParsedTable, Problem, Report, Severity, Span } from './types';

export type GridCellKind =
  /** The top-left cell over the row labels (表三's note on the balance). */
  | 'corner'
  /** A heading over one or more columns (申请人情况, 法人或其他组织, 自然人). */
  | 'heading'
  /** A caption row across the whole table (表二's 第二十条第（一）项). */
  | 'caption'
  /** A group label spanning the rows of its group (三、本年度办理结果, （三）不予公开). */
  | 'group'
  /** A row's own label. */
  | 'label'
  /** Where a number goes. */
  | 'value';

export interface GridCell {
  kind: GridCellKind;
  /** The text as printed ('' for a value cell). */
  text: string;
  /** Position of the top-left corner in the table's full grid, 0-based. */
  row: number;
  col: number;
  rowspan: number;
  colspan: number;
  /** value: the cell of the format it holds. */
  ref?: CellRef;
  /** value: a total (the target of a sum: what 重新计算合计 fills). */
  total?: boolean;
  /** heading: the column a leaf heading names. label: the row. group: the group. */
  key?: string;
}

export interface GridRow {
  kind: 'header' | 'caption' | 'data';
  /** data: the key of the format's row. */
  key?: string;
  /** The cells that begin in this row, left to right (as in an HTML table). */
  cells: GridCell[];
}

export interface TableGrid {
  /** 'T2' | 'T3' | 'T4'. */
  id: string;
  format: FormatId;
  /** 表三 */
  shortName: string;
  /** 收到和处理政府信息公开申请情况 */
  name: string;
  /** Columns of the full grid (row labels included). */
  width: number;
  rows: GridRow[];
}

/** The grid of a table definition. */
export function tableGrid(def: TableDef): TableGrid {
  const rows = def.itemised ? itemisedRows(def) : plainRows(def);
  let width = 0;
  for (const r of rows) for (const c of r.cells) width = Math.max(width, c.col + c.colspan);
  return { id: def.id, format: def.format, shortName: def.shortName, name: def.name, width, rows };
}

/** The grids of a format's tables, in the order of its sections (表二, 表三, 表四). */
export function formatGrids(format: FormatDef): TableGrid[] {
  return Object.values(format.tables)
    .sort((a, b) => a.section - b.section)
    .map(tableGrid);
}

// ---------------------------------------------------------------------------
// Building

/** Cells are pushed left to right, row by row; each takes the first column no merged cell above occupies. */
class Builder {
  readonly rows: GridRow[] = [];
  private readonly taken: boolean[][] = [];

  startRow(kind: GridRow['kind'], key?: string): void {
    this.rows.push(key === undefined ? { kind, cells: [] } : { kind, key, cells: [] });
  }

  add(cell: Omit<GridCell, 'row' | 'col' | 'rowspan' | 'colspan'> & { rowspan?: number; colspan?: number }): void {
    const r = this.rows.length - 1;
    const line = (this.taken[r] ??= []);
    let c = 0;
    while (line[c]) c++;
    const rowspan = cell.rowspan ?? 1;
    const colspan = cell.colspan ?? 1;
    for (let i = r; i < r + rowspan; i++) for (let j = c; j < c + colspan; j++) (this.taken[i] ??= [])[j] = true;
    const out: GridCell = { kind: cell.kind, text: cell.text, row: r, col: c, rowspan, colspan };
    if (cell.ref) out.ref = cell.ref;
    if (cell.total !== undefined) out.total = cell.total;
    if (cell.key !== undefined) out.key = cell.key;
    this.rows[r].cells.push(out);
  }
}

function valueCell(def: TableDef, row: string, column: string, colspan = 1): Parameters<Builder['add']>[0] {
  const ref = { row, column };
  return { kind: 'value', text: '', ref, total: isDerived(def, ref), colspan };
}

/** 表二: per group a caption across the table, a heading row (信息内容 and the group's columns), its rows; the last column spans what the group leaves over. */
function itemisedRows(def: TableDef): GridRow[] {
  const b = new Builder();
  const columnsOf = (rows: RowDef[]) => [...new Set(rows.flatMap((r) => r.columns ?? def.columns.map((c) => c.key)))];
  const groups = def.groups.map((g) => ({ g, rows: def.rows.filter((r) => r.group === g.key) })).filter((x) => x.rows.length);
  const width = 1 + Math.max(...groups.map((x) => columnsOf(x.rows).length));
  for (const { g, rows } of groups) {
    const cols = def.columns.filter((c) => columnsOf(rows).includes(c.key));
    const spanOf = (i: number) => (i === cols.length - 1 ? width - cols.length : 1);
    b.startRow('caption');
    b.add({ kind: 'caption', text: g.label, colspan: width, key: g.key });
    b.startRow('header');
    b.add({ kind: 'corner', text: def.labelHeading ?? '' });
    cols.forEach((c, i) => b.add({ kind: 'heading', text: c.label, key: c.key, colspan: spanOf(i) }));
    for (const r of rows) {
      b.startRow('data', r.key);
      b.add({ kind: 'label', text: r.label, key: r.key });
      cols.forEach((c, i) => b.add(valueCell(def, r.key, c.key, spanOf(i))));
    }
  }
  return b.rows;
}

/** 表三, 表四: the column headings over the columns, the corner over the row labels, then one line per row with its groups to the left. */
function plainRows(def: TableDef): GridRow[] {
  const b = new Builder();
  const groupOf = new Map(def.groups.map((g) => [g.key, g]));
  const chain = (row: RowDef): GroupDef[] => {
    const out: GroupDef[] = [];
    for (let g = row.group ? groupOf.get(row.group) : undefined; g; g = g.parent ? groupOf.get(g.parent) : undefined) out.unshift(g);
    return out;
  };
  const labelled = def.rows.some((r) => !r.unlabelled);
  const labelCols = labelled ? 1 + Math.max(...def.rows.map((r) => chain(r).length)) : 0;

  const headings: ColumnHeading[] = def.columnHeadings ?? def.columns.map((c) => ({ column: c.key }));
  const depth = (hs: ColumnHeading[]): number => Math.max(...hs.map((h) => 1 + (h.children?.length ? depth(h.children) : 0)));
  const leaves = (h: ColumnHeading): number => (h.children?.length ? h.children.reduce((n, c) => n + leaves(c), 0) : 1);
  const headerRows = depth(headings);
  let level: { h: ColumnHeading; at: number }[] = headings.map((h) => ({ h, at: 0 }));
  for (let r = 0; r < headerRows; r++) {
    b.startRow('header');
    if (r === 0 && labelCols) b.add({ kind: 'corner', text: def.corner ?? '', rowspan: headerRows, colspan: labelCols });
    const next: typeof level = [];
    for (const { h, at } of level) {
      const leaf = !h.children?.length;
      const text = h.label ?? def.columns.find((c) => c.key === h.column)?.label ?? '';
      b.add({ kind: 'heading', text, colspan: leaves(h), rowspan: leaf ? headerRows - at : 1, ...(h.column ? { key: h.column } : {}) });
      if (!leaf) next.push(...h.children!.map((c) => ({ h: c, at: at + 1 })));
    }
    level = next;
  }

  // How many rows each group spans: its own rows and those of the groups inside it.
  const spanOf = new Map<string, number>();
  for (const r of def.rows) for (const g of chain(r)) spanOf.set(g.key, (spanOf.get(g.key) ?? 0) + 1);
  const opened = new Set<string>();
  for (const r of def.rows) {
    b.startRow('data', r.key);
    const groups = chain(r);
    for (const g of groups) {
      if (opened.has(g.key)) continue;
      opened.add(g.key);
      b.add({ kind: 'group', text: g.label, rowspan: spanOf.get(g.key)!, key: g.key });
    }
    if (labelCols) b.add({ kind: 'label', text: r.unlabelled ? '' : r.label, colspan: labelCols - groups.length, key: r.key });
    const own = new Set(r.columns ?? def.columns.map((c) => c.key));
    for (const c of def.columns) if (own.has(c.key)) b.add(valueCell(def, r.key, c.key));
  }
  return b.rows;
}

// ---------------------------------------------------------------------------
// Filling from a report

export interface CellProblem {
  code: string;
  severity: Severity;
  message: string;
}

export interface CellState {
  ref: CellRef;
  /** null when the cell is absent (row missing or malformed) or not a number. */
  value: number | null;
  /** The cell's text as written (null when absent). */
  raw: string | null;
  /** Where its digits stand in the report text (null when absent). */
  span: Span | null;
  /** Written in full-width digits (an edit keeps the width). */
  fullWidth: boolean;
  total: boolean;
  problems: CellProblem[];
  /** The value the cell should hold, when it is located as the one wrong cell. */
  expected: number | null;
  /** Where several cells are equally likely: the values this one would take under each explanation. */
  candidates: number[];
}

export interface FilledTable {
  grid: TableGrid;
  /** Whether the report has this table. */
  found: boolean;
  /** The table's extent in the text, when found. */
  span: Span | null;
  /** By `row|column` (the value cells of the grid). */
  cells: Record<string, CellState>;
  /** Problems on a row as a whole (its label: a row missing, cells miscounted), by row key. */
  rowProblems: Record<string, CellProblem[]>;
  /** Problems in the table's extent that are on no cell and no row label. */
  tableProblems: CellProblem[];
}

export { refKey as cellKey } from './relations';

const toCellProblem = (p: Problem): CellProblem => ({ code: p.code, severity: p.severity, message: p.message });
const within = (at: number, s: Span) => at >= s.start && (at < s.end || (at === s.start && s.end === s.start));

/**
 * A grid filled from a parsed table (or left empty when the report lacks it). `problems` are the
 * report's problems with spans in the report text (core `check()`); each is put on the cell, row
 * label or table it points into.
 */
export function fillGrid(grid: TableGrid, report: Report, problems: readonly Problem[], enabled?: (rule: string) => boolean): FilledTable {
  const table = report.tables.find((t) => t.id === grid.id);
  const cells: Record<string, CellState> = {};
  const rowProblems: Record<string, CellProblem[]> = {};
  const tableProblems: CellProblem[] = [];
  const parsed = new Map<string, { row: ParsedTable['rows'][number]; cell: ParsedTable['rows'][number]['cells'][number] }>();
  if (table) for (const row of table.rows) for (const cell of row.cells) parsed.set(refKey({ row: row.key, column: cell.column }), { row, cell });

  for (const r of grid.rows) {
    for (const g of r.cells) {
      if (g.kind !== 'value' || !g.ref) continue;
      const key = refKey(g.ref);
      const hit = parsed.get(key);
      const value = hit?.cell.value ?? null;
      let expected: number | null = null;
      let candidates: number[] = [];
      if (table && hit && value !== null) {
        const figures = tableFigures(report, grid.id, [g.ref], enabled) ?? [];
        if (figures.length === 1 && figures[0] !== value) expected = figures[0];
        else if (figures.length > 1) candidates = figures.filter((v) => v !== value);
      }
      cells[key] = {
        ref: g.ref,
        value,
        raw: hit ? hit.cell.raw : null,
        span: hit ? { ...hit.cell.valueSpan } : null,
        fullWidth: hit?.cell.fullWidth ?? false,
        total: !!g.total,
        problems: [],
        expected,
        candidates,
      };
    }
  }
  if (table) {
    const placed = Object.values(cells).filter((c) => c.span);
    for (const p of problems) {
      const at = p.span.start;
      if (at < table.span.start || at > table.span.end) continue;
      const cell = placed.find((c) => within(at, c.span!));
      if (cell) {
        cell.problems.push(toCellProblem(p));
        continue;
      }
      const row = table.rows.find((r) => r.labelSpan && within(at, r.labelSpan));
      if (row) (rowProblems[row.key] ??= []).push(toCellProblem(p));
      else tableProblems.push(toCellProblem(p));
    }
  }
  return { grid, found: !!table, span: table ? { ...table.span } : null, cells, rowProblems, tableProblems };
}

/**
 * The report's three tables filled: each drawn with the definition it was read with (a table may
 * fit another format than the report's), a table the report lacks with the report's format.
 */
export function reportGrids(report: Report, problems: readonly Problem[], enabled?: (rule: string) => boolean): FilledTable[] {
  return Object.values(report.formatDef.tables)
    .sort((a, b) => a.section - b.section)
    .map((def) => {
      const read = report.tables.find((t) => t.id === def.id);
      return fillGrid(tableGrid(read ? read.def : def), report, problems, enabled);
    });
}
