// Lookups by offset for the editor features (hover, inlay hints): which table, row and cell.

import type { Report, ParsedTable, ParsedRow, Cell } from './types';

const inside = (offset: number, span: { start: number; end: number }) => offset >= span.start && offset <= span.end;

export function cellAt(report: Report, offset: number): { table: ParsedTable; row: ParsedRow; cell: Cell } | null {
  for (const table of report.tables) {
    if (!inside(offset, table.span)) continue;
    for (const row of table.rows) for (const cell of row.cells) if (inside(offset, cell.valueSpan) && cell.valueSpan.end > cell.valueSpan.start) return { table, row, cell };
  }
  return null;
}

export function rowAt(report: Report, offset: number): { table: ParsedTable; row: ParsedRow } | null {
  for (const table of report.tables) {
    if (!inside(offset, table.span)) continue;
    for (const row of table.rows) if (row.labelSpan && inside(offset, row.labelSpan)) return { table, row };
  }
  return null;
}
