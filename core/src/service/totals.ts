// The arithmetic of one cell, spelled out term by term for hovers: what a derived cell should hold
// and why. Reads the relations of format.ts, so a new format needs no change here.

import { cellName, columnDef, rowDef, shortLabel } from '../format';
import type { CellRef, Relation, TableDef } from '../format';
import { cellMap, refKey } from '../relations';
import type { ParsedTable } from '../types';

export interface TermValue {
  ref: CellRef;
  name: string;
  value: number | null;
}

export interface Explanation {
  rule: string;
  /** One line of Chinese, e.g. `总计应为 52 = 36 + 16 + 0 + 0 + 0 + 0`. */
  line: string;
  expected: number | null;
  actual: number | null;
  ok: boolean | null;
}

function valueOf(table: ParsedTable, ref: CellRef): number | null {
  return cellMap(table).get(refKey(ref))?.value ?? null;
}

/** Decimal-safe sum (T2 amounts are decimals; T3/T4 are integers, where this is exact anyway). */
function sum(values: number[]): number {
  return Math.round(values.reduce((a, b) => a + b, 0) * 1e6) / 1e6;
}

function same(a: CellRef, b: CellRef): boolean {
  return a.row === b.row && a.column === b.column;
}

function targetName(def: TableDef, rel: Relation): string {
  if (rel.kind !== 'sum') return '';
  const col = columnDef(def, rel.target.column);
  switch (rel.rule) {
    case 'row-total':
      return '总计';
    case 'column-total': {
      const row = rowDef(def, rel.target.row);
      return `${row ? shortLabel(row.label) : ''}${col ? `·${col.label}` : ''}`;
    }
    default:
      return col ? col.label.replace(/·/g, '') : cellName(def, rel.target);
  }
}

function fmt(values: (number | null)[]): string {
  return values.map((v) => (v === null ? '？' : String(v))).join(' + ');
}

/** Every relation in which `ref` is the derived cell (sum target) or the balance's fix target. */
export function explainCell(table: ParsedTable, def: TableDef, ref: CellRef): Explanation[] {
  const out: Explanation[] = [];
  const actual = valueOf(table, ref);
  for (const rel of def.relations) {
    if (rel.kind === 'sum' && same(rel.target, ref)) {
      const values = rel.terms.map((t) => valueOf(table, t));
      const complete = values.every((v) => v !== null);
      const expected = complete ? sum(values as number[]) : null;
      const line = complete
        ? `${targetName(def, rel)}应为 ${expected} = ${fmt(values)}`
        : `${targetName(def, rel)}无法计算：${rel.terms
            .filter((_, i) => values[i] === null)
            .map((t) => cellName(def, t))
            .join('、')} 不是数字`;
      out.push({ rule: rel.rule, line, expected, actual, ok: expected === null || actual === null ? null : expected === actual });
    } else if (rel.kind === 'balance' && rel.fixTarget && same(rel.fixTarget, ref)) {
      const lhs = rel.lhs.map((t) => valueOf(table, t));
      const rhs = rel.rhs.map((t) => valueOf(table, t));
      const all = [...lhs, ...rhs];
      const complete = all.every((v) => v !== null);
      const names = (refs: CellRef[]) => refs.map((t) => shortLabelOf(def, t)).join(' + ');
      const l = complete ? sum(lhs as number[]) : null;
      const r = complete ? sum(rhs as number[]) : null;
      const col = columnDef(def, rel.fixTarget.column);
      const line = `勾稽关系${col ? `（${col.label}列）` : ''} ${names(rel.lhs)} = ${names(rel.rhs)}：${fmt(lhs)} ${l === r ? '=' : '≠'} ${fmt(rhs)}`;
      out.push({ rule: rel.rule, line, expected: null, actual, ok: l === null ? null : l === r });
    }
  }
  return out;
}

function shortLabelOf(def: TableDef, ref: CellRef): string {
  const row = rowDef(def, ref.row);
  if (!row) return ref.row;
  const m = /^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)/.exec(row.label);
  return m ? m[1].replace(/、$/, '') : shortLabel(row.label);
}
