// Evaluating a table's relations (format.ts) against its parsed cells. Shared by the arithmetic
// locator (arithmetic.ts), the stray-number check, recompute and the hover on total cells.

import { isDerived, type CellRef, type Relation, type TableDef } from './format';
import { RecentMap } from './recent';
import { TABLES_KEPT } from './text';
import type { Cell, ParsedTable } from './types';

export const refKey = (ref: CellRef): string => `${ref.row}|${ref.column}`;

/** The definition a table was read with. */
export function tableDefOf(table: ParsedTable): TableDef {
  return table.def;
}

// A parsed table never changes, so what is derived from it is computed once and kept while the
// table is among the recent ones (recent.ts).
const cellMaps = new RecentMap<ParsedTable, Map<string, Cell>>(TABLES_KEPT);

/** Every cell of a table by `row|column`. */
export function cellMap(table: ParsedTable): Map<string, Cell> {
  let map = cellMaps.get(table);
  if (map) return map;
  map = new Map<string, Cell>();
  for (const row of table.rows) for (const cell of row.cells) map.set(`${row.key}|${cell.column}`, cell);
  cellMaps.set(table, map);
  return map;
}

/**
 * A relation as signed cells: it holds when Σ sign · value = 0 (a sum's target +1 and its terms −1;
 * a balance's left side +1 and its right side −1). What the locator of wrong cells and the stray-number
 * check both evaluate.
 */
export function signedRefs(relation: Relation): [CellRef, number][] {
  return relation.kind === 'sum'
    ? [[relation.target, 1], ...relation.terms.map((t): [CellRef, number] => [t, -1])]
    : [...relation.lhs.map((t): [CellRef, number] => [t, 1]), ...relation.rhs.map((t): [CellRef, number] => [t, -1])];
}

/** The cell a relation's problem points at and its fix sets: a sum's target, a balance's fix target. */
export function anchorOf(relation: Relation): CellRef {
  return relation.kind === 'sum' ? relation.target : relation.fixTarget;
}

/**
 * The values recompute gives to derived cells: each sum relation evaluated once its terms are known,
 * repeated until nothing changes (so totals of totals follow their parts). Inputs are never changed.
 */
export function derivedValues(table: ParsedTable): Map<string, number> {
  const def = tableDefOf(table);
  const cells = cellMap(table);
  const computed = new Map<string, number>();
  const written = (ref: CellRef): number | undefined => cells.get(refKey(ref))?.value ?? undefined;
  // First from inputs only; then, for what an incomplete table leaves open (a row missing), from the
  // derived cells as written, so that a total whose own parts are all there is still filled.
  for (const fallBackToWritten of [false, true]) {
    const valueOf = (ref: CellRef): number | undefined => {
      if (!isDerived(def, ref)) return written(ref);
      return computed.get(refKey(ref)) ?? (fallBackToWritten ? written(ref) : undefined);
    };
    for (let changed = true; changed; ) {
      changed = false;
      for (const r of def.relations) {
        if (r.kind !== 'sum' || computed.has(refKey(r.target))) continue;
        let sum = 0;
        let known = true;
        for (const t of r.terms) {
          const v = valueOf(t);
          if (v === undefined) {
            known = false;
            break;
          }
          sum += v;
        }
        if (known) {
          computed.set(refKey(r.target), sum);
          changed = true;
        }
      }
    }
  }
  return computed;
}

/** `36+16+0+0+0+0`, or for long sums the non-zero terms and the count. */
export function termsText(values: number[]): string {
  if (values.length <= 8) return values.join('+');
  const nonZero = values.filter((v) => v !== 0);
  return nonZero.length ? `${nonZero.join('+')}，共 ${values.length} 项之和` : `${values.length} 项均为 0`;
}
