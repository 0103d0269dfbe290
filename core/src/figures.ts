// The one place where the prose rules read a figure from a table. Every check that compares a
// sentence with the tables (narrative-mismatch, narrative-all-closed, fee-contradiction, the
// percentages) asks tableFigure(): when the total rules located a wrong cell, the figure is the
// corrected one, so a sentence that agrees with what the table should hold is not blamed
// (ARCHITECTURE.md, "One mistake, one diagnostic").

import { figureValues } from './arithmetic';
import type { CellRef } from './format';
import { RecentMap } from './recent';
import { TABLES_KEPT } from './text';
import type { ParsedTable, Report } from './types';

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
  if (!table) return null;
  // The prose names the same few sums many times (and its readings are shared: memo.ts), so the
  // values are kept per table and per list of cells, for one set of enabled rules.
  let cache = figureCache.get(table);
  if (!cache || cache.enabled !== enabled) figureCache.set(table, (cache = { enabled, values: new Map() }));
  let values = cache.values.get(cells);
  if (values === undefined) cache.values.set(cells, (values = figureValues(table, [...cells], enabled)));
  return values;
}

const figureCache = new RecentMap<ParsedTable, { enabled: unknown; values: Map<readonly CellRef[], number[] | null> }>(TABLES_KEPT);
