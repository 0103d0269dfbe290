// The one place where the prose rules read a figure from a table. Every check that compares a
// sentence with the tables (narrative-mismatch, narrative-all-closed, fee-contradiction, the
// percentages) asks tableFigure(), so a later change of what "the table's value" is (for example,
// the corrected value of a cell the total rules located as wrong) is made here and nowhere else.

import { cellMap } from './relations';
import type { CellRef } from './format';
import type { Report } from './types';

/** The sum of the given cells of table `tableId`, or null when the table or any cell is missing or not a number. */
export function tableFigure(report: Report, tableId: string, cells: readonly CellRef[]): number | null {
  const table = report.tables.find((t) => t.id === tableId);
  if (!table) return null;
  const map = cellMap(table);
  let sum = 0;
  for (const ref of cells) {
    const v = map.get(`${ref.row}|${ref.column}`)?.value;
    if (v === null || v === undefined) return null;
    sum += v;
  }
  return sum;
}
