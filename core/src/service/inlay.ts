// Inlay hints: in the one-cell-per-line layout a number alone on its line says nothing about which
// column it belongs to, so each cell gets its column's name after it.

import { columnDef } from '../format';
import { tableDefOf } from '../relations';
import type { Report, Span } from '../types';

export interface InlayHintItem {
  /** Where the hint stands: just after the number. */
  offset: number;
  label: string;
  /** The cell, for tooltips. */
  span: Span;
}

export function inlayHints(report: Report, range?: Span): InlayHintItem[] {
  const out: InlayHintItem[] = [];
  for (const table of report.tables) {
    if (table.layout !== 'cell') continue;
    if (range && (table.span.end < range.start || table.span.start > range.end)) continue;
    const def = tableDefOf(table);
    for (const row of table.rows) {
      for (const cell of row.cells) {
        const offset = cell.valueSpan.end;
        if (range && (offset < range.start || offset > range.end)) continue;
        const col = columnDef(def, cell.column);
        if (!col) continue;
        out.push({ offset, label: col.label, span: cell.valueSpan });
      }
    }
  }
  return out;
}
