// Locating the wrong cell. A table's relations (format.ts: row totals, column totals, the balance,
// T4's totals) are linear equations over its cells. When some of them fail, the mistake is the
// smallest set of cells whose change makes every relation hold again: one cell first, then two.
// One mistake then gives one diagnostic, at the cell, with the failed sums as related information,
// instead of one error per failed sum (ARCHITECTURE.md, "One mistake, one diagnostic").
//
// Three outcomes, per table:
//   - exactly one smallest explanation: one finding per located cell, saying what it should be;
//   - several equally small explanations: one finding per carrier sum, naming every candidate cell,
//     one (non-preferred) fix per candidate;
//   - none small enough: one finding per failed relation at its total, as the relation itself says.
// Every fix offered is simulated on the table's values first and dropped if it would leave more
// findings than there are now: a quick fix never makes the table worse.

import { cellName, columnDef, columnsOf, isDerived, rowDef, shortLabel, type CellRef, type Relation, type TableDef } from './format';
import { anchorOf, cellMap, refKey, signedRefs, tableDefOf, termsText } from './relations';
import { msg, fixTitle } from './messages';
import { RecentMap } from './recent';
import { formatNumber, TABLES_KEPT } from './text';
import type { Cell, Fix, ParsedTable, RelatedInfo } from './types';

/** Failed relations beyond this many cannot come from two wrong cells (a cell sits in at most three). */
const MAX_FAILED_FOR_PAIRS = 6;

interface Equation {
  relation: Relation;
  rule: string;
  /** Σ coefs[i] · value(cells[i]) = 0 when the relation holds. */
  cells: number[];
  coefs: number[];
  /** The cell the relation's own problem points at: the sum's target, the balance's fix target. */
  anchor: number;
}

/** A set of cells with the values that make every relation hold. */
interface Explanation {
  cells: number[];
  values: number[];
}

type Outcome =
  | { kind: 'ok' }
  | { kind: 'located'; explanation: Explanation }
  | { kind: 'candidates'; explanations: Explanation[]; carriers: number[] }
  | { kind: 'unexplained' };

/** The cells of a table as numbered variables, and its enabled relations as equations over them. */
interface System {
  def: TableDef;
  keys: string[];
  cells: Cell[];
  values: number[];
  equations: Equation[];
  /** Equations each cell appears in. */
  eqsOf: number[][];
}

export interface ArithmeticFinding {
  rule: string;
  cell: Cell;
  message: string;
  related: RelatedInfo[];
  fixes: Fix[];
}

export interface TableArithmetic {
  findings: ArithmeticFinding[];
  /** The values the located cells should hold (only when exactly one explanation was found). */
  corrected: Map<string, number>;
  /** When several explanations tie: the values each would give its cells. */
  alternatives: Map<string, number>[];
}

const cache = new RecentMap<ParsedTable, Map<string, TableArithmetic>>(TABLES_KEPT);

/**
 * The arithmetic findings of a table for the relations whose rule is enabled. A parsed table never
 * changes, so the result is kept with it (per set of enabled rules).
 */
export function tableArithmetic(table: ParsedTable, enabled: (rule: string) => boolean = () => true): TableArithmetic {
  const def = tableDefOf(table);
  const c = compiled(def);
  let signature = '';
  for (const rule of c.rules) if (enabled(rule)) signature += `${rule},`;
  let perTable = cache.get(table);
  const hit = perTable?.get(signature);
  if (hit) return hit;
  const result = allHold(table, c, enabled)
    ? { findings: [], corrected: new Map(), alternatives: [] }
    : analyse(buildSystem(table, def, new Set(c.rules.filter(enabled))));
  if (!perTable) cache.set(table, (perTable = new Map()));
  perTable.set(signature, result);
  return result;
}

/**
 * Whether every enabled relation of the table holds, that is, whether tableArithmetic would find
 * nothing; answered without building the system of equations (and not kept).
 */
export function tableHolds(table: ParsedTable, enabled: (rule: string) => boolean = () => true): boolean {
  return allHold(table, compiled(tableDefOf(table)), enabled);
}

/**
 * The values a sum of cells may stand for, for comparing the prose with the table: the sum once the
 * located wrong cell is corrected; where several cells are equally likely, the sum as written and
 * under each candidate correction. null when a cell is missing or not a number.
 */
export function figureValues(table: ParsedTable, refs: CellRef[], enabled?: (rule: string) => boolean): number[] | null {
  const a = tableArithmetic(table, enabled);
  if (a.corrected.size === 0 && a.alternatives.length === 0) {
    // Nothing located (the usual case): the sum as written, read by cell number.
    const c = compiled(tableDefOf(table));
    const values = numberedValues(table, c);
    let total = 0;
    for (const ref of refs) {
      const i = c.index.get(ref.row)?.get(ref.column);
      const v = i === undefined ? NaN : values[i];
      if (Number.isNaN(v)) return null;
      total += v;
    }
    return [total];
  }
  const cells = cellMap(table);
  const sum = (over: Map<string, number>): number | null => {
    let total = 0;
    for (const ref of refs) {
      const key = refKey(ref);
      const v = over.get(key) ?? cells.get(key)?.value;
      if (v === null || v === undefined) return null;
      total += v;
    }
    return total;
  };
  const first = sum(a.corrected);
  if (first === null) return null;
  return [...new Set([first, ...a.alternatives.map((alt) => sum(alt) as number)])];
}

/**
 * A definition's relations compiled once: its cells numbered (row → column → index), each relation
 * as indices and signs, and the rule codes it has.
 */
interface Compiled {
  index: Map<string, Map<string, number>>;
  size: number;
  relations: { rule: string; cells: Int32Array; signs: Int8Array }[];
  rules: string[];
}
const compiledDefs = new WeakMap<TableDef, Compiled>();

function compiled(def: TableDef): Compiled {
  let c = compiledDefs.get(def);
  if (c) return c;
  const index = new Map<string, Map<string, number>>();
  let size = 0;
  const numberOf = (ref: CellRef): number => {
    let row = index.get(ref.row);
    if (!row) index.set(ref.row, (row = new Map()));
    let i = row.get(ref.column);
    if (i === undefined) row.set(ref.column, (i = size++));
    return i;
  };
  const relations = def.relations.map((r) => {
    const refs = signedRefs(r);
    return { rule: r.rule, cells: Int32Array.from(refs, ([ref]) => numberOf(ref)), signs: Int8Array.from(refs, ([, s]) => s) };
  });
  // Every other cell too, so that a figure of the prose is read by number (figureValues).
  for (const row of def.rows) for (const column of columnsOf(def, row)) numberOf({ row: row.key, column: column.key });
  c = { index, size, relations, rules: [...new Set(def.relations.map((r) => r.rule))] };
  compiledDefs.set(def, c);
  return c;
}

/**
 * True when every enabled relation whose cells are all numbers holds: the usual case, answered
 * without building the system of equations (a missing or non-numeric cell reads as NaN).
 */
function allHold(table: ParsedTable, c: Compiled, rules: (rule: string) => boolean): boolean {
  const values = numberedValues(table, c);
  for (const r of c.relations) {
    let residual = 0;
    for (let k = 0; k < r.cells.length; k++) residual += r.signs[k] * values[r.cells[k]];
    // NaN (an incomplete relation) is not a failure here: the full analysis leaves it out too.
    if (residual !== 0 && !Number.isNaN(residual) && rules(r.rule)) return false;
  }
  return true;
}

const numbered = new RecentMap<ParsedTable, Float64Array>(TABLES_KEPT);

/** The table's values by the definition's cell numbers (NaN: missing or not a number); kept with the table. */
function numberedValues(table: ParsedTable, c: Compiled): Float64Array {
  let values = numbered.get(table);
  if (values) return values;
  values = new Float64Array(c.size).fill(NaN);
  for (const row of table.rows) {
    const columns = c.index.get(row.key);
    if (!columns) continue;
    for (const cell of row.cells) {
      const i = columns.get(cell.column);
      if (i !== undefined && cell.value !== null) values[i] = cell.value;
    }
  }
  numbered.set(table, values);
  return values;
}

function buildSystem(table: ParsedTable, def: TableDef, rules: Set<string>): System {
  const map = cellMap(table);
  const index = new Map<string, number>();
  const keys: string[] = [];
  const cells: Cell[] = [];
  const values: number[] = [];
  const eqsOf: number[][] = [];
  const variable = (ref: CellRef): number | null => {
    const key = refKey(ref);
    let i = index.get(key);
    if (i !== undefined) return i;
    const cell = map.get(key);
    // A cell that is missing (a malformed row keeps none) or not a number takes no part in the sums.
    if (!cell || cell.value === null) return null;
    i = keys.length;
    index.set(key, i);
    keys.push(key);
    cells.push(cell);
    values.push(cell.value);
    eqsOf.push([]);
    return i;
  };
  const equations: Equation[] = [];
  for (const relation of def.relations) {
    if (!rules.has(relation.rule)) continue;
    const refs = signedRefs(relation);
    const vars = refs.map(([ref]) => variable(ref));
    const anchor = variable(anchorOf(relation));
    if (anchor === null || vars.some((v) => v === null)) continue;
    const eq: Equation = { relation, rule: relation.rule, cells: vars as number[], coefs: refs.map(([, c]) => c), anchor };
    const e = equations.length;
    equations.push(eq);
    for (const v of new Set(eq.cells)) eqsOf[v].push(e);
  }
  return { def, keys, cells, values, equations, eqsOf };
}

function residual(eq: Equation, values: readonly number[]): number {
  let r = 0;
  for (let k = 0; k < eq.cells.length; k++) r += eq.coefs[k] * values[eq.cells[k]];
  return r;
}

function coefOf(eq: Equation, v: number): number {
  let c = 0;
  for (let k = 0; k < eq.cells.length; k++) if (eq.cells[k] === v) c += eq.coefs[k];
  return c;
}

/** The smallest explanations of the failed equations (one cell, else two), or why there is none. */
function explain(system: System, values: readonly number[]): { failed: number[]; outcome: Outcome } {
  const res = system.equations.map((eq) => residual(eq, values));
  const failed = res.flatMap((r, e) => (r !== 0 ? [e] : []));
  if (!failed.length) return { failed, outcome: { kind: 'ok' } };
  const bit = new Map(failed.map((e, k) => [e, 1 << k]));
  const full = (1 << Math.min(failed.length, 30)) - 1;
  const candidates = new Set<number>();
  for (const e of failed) for (const v of system.equations[e].cells) candidates.add(v);
  const maskOf = (v: number) => system.eqsOf[v].reduce((m, e) => m | (bit.get(e) ?? 0), 0);
  const masks = new Map([...candidates].map((v) => [v, maskOf(v)]));
  const settle = (found: Explanation[], size: number): Outcome | null => {
    if (!found.length) return null;
    if (found.length === 1) return { kind: 'located', explanation: found[0] };
    const carriers = chooseCarriers(system, failed, found, size);
    return carriers ? { kind: 'candidates', explanations: found, carriers } : { kind: 'unexplained' };
  };

  const singles: Explanation[] = [];
  if (failed.length <= 30) {
    for (const [v, mask] of masks) {
      if (mask !== full) continue;
      const d = solveOne(system, res, v);
      if (d !== null && values[v] + d >= 0) singles.push({ cells: [v], values: [values[v] + d] });
    }
  }
  const one = settle(singles, 1);
  if (one) return { failed, outcome: one };

  const pairs: Explanation[] = [];
  if (failed.length <= MAX_FAILED_FOR_PAIRS) {
    const list = [...masks.keys()].sort((a, b) => a - b);
    for (let i = 0; i < list.length; i++) {
      const x = list[i];
      for (let j = i + 1; j < list.length; j++) {
        const y = list[j];
        if ((masks.get(x)! | masks.get(y)!) !== full) continue;
        const d = solveTwo(system, res, x, y);
        if (d && values[x] + d[0] >= 0 && values[y] + d[1] >= 0) pairs.push({ cells: [x, y], values: [values[x] + d[0], values[y] + d[1]] });
      }
    }
  }
  return { failed, outcome: settle(pairs, 2) ?? { kind: 'unexplained' } };
}

/** The change of one cell that satisfies every equation it is in, or null. */
function solveOne(system: System, res: readonly number[], v: number): number | null {
  let d: number | null = null;
  for (const e of system.eqsOf[v]) {
    const a = coefOf(system.equations[e], v);
    if (a === 0) continue;
    const need = -res[e] / a;
    if (d === null) d = need;
    else if (need !== d) return null;
  }
  return d !== null && d !== 0 && Number.isInteger(d) ? d : null;
}

/** The changes of two cells that satisfy every equation either is in, or null. */
function solveTwo(system: System, res: readonly number[], x: number, y: number): [number, number] | null {
  const eqs = [...new Set([...system.eqsOf[x], ...system.eqsOf[y]])].map((e) => ({
    ax: coefOf(system.equations[e], x),
    ay: coefOf(system.equations[e], y),
    r: res[e],
  }));
  let dx: number | null = null;
  let dy: number | null = null;
  for (const { ax, ay, r } of eqs) {
    if (ax !== 0 && ay === 0) {
      if (dx !== null && dx !== -r / ax) return null;
      dx = -r / ax;
    } else if (ay !== 0 && ax === 0) {
      if (dy !== null && dy !== -r / ay) return null;
      dy = -r / ay;
    }
  }
  for (const { ax, ay, r } of eqs) {
    if (ax === 0 || ay === 0) continue;
    if (dx === null && dy !== null) dx = (-r - ay * dy) / ax;
    else if (dy === null && dx !== null) dy = (-r - ax * dx) / ay;
  }
  if (dx === null || dy === null || dx === 0 || dy === 0 || !Number.isInteger(dx) || !Number.isInteger(dy)) return null;
  for (const { ax, ay, r } of eqs) if (ax * dx + ay * dy + r !== 0) return null;
  return [dx, dy];
}

/**
 * Where tied explanations are reported: as many failed equations as an explanation has cells,
 * together holding every candidate cell (row totals first, in the format's order).
 */
function chooseCarriers(system: System, failed: number[], found: Explanation[], size: number): number[] | null {
  const all = new Set(found.flatMap((x) => x.cells));
  const holds = (es: number[]) => [...all].every((v) => es.some((e) => system.equations[e].cells.includes(v)));
  if (size === 1) return failed.slice(0, 1);
  for (let i = 0; i < failed.length; i++) {
    for (let j = i + 1; j < failed.length; j++) if (holds([failed[i], failed[j]])) return [failed[i], failed[j]];
  }
  return null;
}

/** How many findings a state of the table gives: what "never worse" compares. */
function findingCount(system: System, values: readonly number[]): number {
  const { failed, outcome } = explain(system, values);
  switch (outcome.kind) {
    case 'ok':
      return 0;
    case 'located':
      return outcome.explanation.cells.length;
    case 'candidates':
      return outcome.carriers.length;
    default:
      return failed.length;
  }
}

// ---------------------------------------------------------------------------
// Findings: the outcome in words, with fixes that never make the table worse

function analyse(system: System): TableArithmetic {
  const { failed, outcome } = explain(system, system.values);
  const corrected = new Map<string, number>();
  const alternatives: Map<string, number>[] = [];
  if (outcome.kind === 'ok') return { findings: [], corrected, alternatives };
  const now = findingCount(system, system.values);
  const notWorse = (changes: [number, number][]): boolean => {
    const next = [...system.values];
    for (const [v, value] of changes) next[v] = value;
    return findingCount(system, next) <= now;
  };
  const setFix = (v: number, value: number, preferred: boolean, fixAll: boolean, title?: string): Fix[] => {
    if (!notWorse([[v, value]])) return [];
    const cell = system.cells[v];
    return [
      {
        title: title ?? fixTitle.setValue(nameOf(system, v), value),
        edits: [{ ...cell.valueSpan, newText: formatNumber(value, cell.fullWidth) }],
        preferred,
        fixAll,
      },
    ];
  };
  const related = (es: number[]): RelatedInfo[] => es.map((e) => ({ span: system.cells[system.equations[e].anchor].valueSpan, message: relationMessage(system, e) }));
  const findings: ArithmeticFinding[] = [];

  if (outcome.kind === 'located') {
    const { cells, values } = outcome.explanation;
    cells.forEach((v, k) => {
      corrected.set(system.keys[v], values[k]);
      const mine = failed.filter((e) => system.equations[e].cells.includes(v));
      const derived = isDerived(system.def, refOf(system, v));
      findings.push({
        rule: system.equations[mine[0]].rule,
        cell: system.cells[v],
        message: msg.located(nameOf(system, v), values[k], system.values[v], mine.map((e) => relationName(system, e, v))),
        related: related(mine),
        fixes: setFix(v, values[k], true, derived),
      });
    });
  } else if (outcome.kind === 'candidates') {
    for (const x of outcome.explanations) alternatives.push(new Map(x.cells.map((v, k) => [system.keys[v], x.values[k]])));
    for (const carrier of outcome.carriers) {
      const eq = system.equations[carrier];
      const options = new Map<string, [number, number]>();
      for (const x of outcome.explanations) {
        x.cells.forEach((v, k) => {
          if (eq.cells.includes(v)) options.set(`${v}=${x.values[k]}`, [v, x.values[k]]);
        });
      }
      // The sum's own total first (the cell its relation names), then the others in text order.
      const list = [...options.values()].sort(
        (a, b) => Number(b[0] === eq.anchor) - Number(a[0] === eq.anchor) || system.cells[a[0]].valueSpan.start - system.cells[b[0]].valueSpan.start,
      );
      findings.push({
        rule: eq.rule,
        cell: system.cells[eq.anchor],
        message: msg.candidates(
          relationMessage(system, carrier),
          list.map(([v, value]) => `${nameOf(system, v)}应为 ${value}`),
        ),
        related: related(failed.filter((e) => e !== carrier)),
        fixes: list.flatMap(([v, value]) => setFix(v, value, false, false)),
      });
    }
  } else {
    for (const e of failed) {
      const eq = system.equations[e];
      const target = eq.anchor;
      // The value the relation alone calls for at its anchor. A sum's total is set to its parts
      // (preferred); the balance's 四 = 一 + 二 − （七） only when that is a count, never preferred.
      // Neither joins fix-all: with no small explanation, an entry may as well be what is wrong, and
      // making the totals follow the entries is what 重新计算合计 is for.
      const value = system.values[target] - residual(eq, system.values) / coefOf(eq, target);
      const fixes =
        eq.relation.kind === 'sum'
          ? setFix(target, value, true, false)
          : value >= 0
            ? setFix(target, value, false, false, fixTitle.balance(nameOf(system, target), value))
            : [];
      findings.push({ rule: eq.rule, cell: system.cells[target], message: relationMessage(system, e), related: [], fixes });
    }
  }
  return { findings, corrected, alternatives };
}

// ---------------------------------------------------------------------------
// Names and messages

function refOf(system: System, v: number): CellRef {
  const [row, column] = system.keys[v].split('|');
  return { row, column };
}

function nameOf(system: System, v: number): string {
  return cellName(system.def, refOf(system, v));
}

/** The relation's own message: `…应为 52（36+16+0+0+0+0），实为 53` or the balance spelled out. */
function relationMessage(system: System, e: number): string {
  const eq = system.equations[e];
  const rel = eq.relation;
  const v = (k: number) => system.values[eq.cells[k]];
  if (rel.kind === 'sum') {
    const terms = eq.cells.slice(1).map((_, k) => v(k + 1));
    return msg.sumMismatch(nameOf(system, eq.anchor), terms.reduce((a, b) => a + b, 0), termsText(terms), v(0));
  }
  const n = rel.lhs.length;
  const column = columnDef(system.def, rel.fixTarget.column)?.label ?? rel.fixTarget.column;
  return msg.balance(column, v(0), v(1), v(n), v(n + 1));
}

/** A relation named from the point of view of a cell in it: 本行合计, “（七）总计”·自然人, 自然人列勾稽关系. */
function relationName(system: System, e: number, from: number): string {
  const eq = system.equations[e];
  const rel = eq.relation;
  const def = system.def;
  if (rel.kind === 'balance') {
    const column = columnDef(def, rel.fixTarget.column)?.label ?? rel.fixTarget.column;
    return `${column}列勾稽关系`;
  }
  const here = refOf(system, from);
  if (rel.rule === 'row-total') {
    if (rel.target.row === here.row) return '本行合计';
    const row = rowDef(def, rel.target.row);
    return `“${row ? shortLabel(row.label) : rel.target.row}”行合计`;
  }
  return cellName(def, rel.target);
}
