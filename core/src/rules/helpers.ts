import { cellName as formatCellName, shortLabel, type TableDef, type CellRef } from '../format';
import { formatNumber } from '../text';
import type { Cell } from '../types';

/** `表三“（一）予以公开”·总计`-style name of a cell for messages. */
export function cellName(def: TableDef, ref: CellRef): string {
  return formatCellName(def, ref);
}

export function formatNumberFor(cell: Cell, value: number): string {
  return formatNumber(value, cell.fullWidth);
}

export { shortLabel };
