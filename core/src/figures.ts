// The one place where the prose rules read a figure from a table. Every check that compares a
// sentence with the tables (narrative-mismatch, narrative-all-closed, fee-contradiction, the
// percentages) asks tableFigure(): when the total rules located a wrong cell, the figure is the
// corrected one, so a sentence that agrees with what the table should hold is not blamed
// (ARCHITECTURE.md, "One mistake, one diagnostic").

import { figureValues } from './arithmetic';
import type { CellRef } from './format';
import type { Report } from './types';

/**
 * The sum of the given cells of table `tableId` (with a located wrong cell corrected), or null when
 * the table or any cell is missing or not a number.
 */
export function tableFigure(report: Report, tableId: string, cells: readonly CellRef[], enabled?: (rule: string) => boolean): number | null {
  return tableFigures(report, tableId, cells, enabled)?.[0] ?? null;
}

/**
 * Every figure the table may stand for: the corrected sum first; where several cells are equally
 * likely to be wrong, also the sum as written and under each candidate correction.
 */
export function tableFigures(report: Report, tableId: string, cells: readonly CellRef[], enabled?: (rule: string) => boolean): number[] | null {
  const table = report.tables.find((t) => t.id === tableId);
  return table ? figureValues(table, [...cells], enabled) : null;
}
