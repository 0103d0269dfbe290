// Fixes that change text in place: recompute totals (every derived cell from its parts) and the
// canonical headings. Both touch only the characters they must: digits of a cell, a heading's text.

import { derivedValues, cellMap, tableDefOf } from './relations';
import { cellName } from './format';
import { formatNumber } from './text';
import { parse } from './parse';
import { check } from './rules';
import type { Report, Edit, Settings, Problem, Span } from './types';

export interface RecomputeChange {
  table: string;
  /** The table's short Chinese name (表三). */
  tableName: string;
  /** Name of the cell, as in messages. */
  cell: string;
  from: string;
  to: string;
  span: Span;
}

export interface RecomputeResult {
  edits: Edit[];
  changes: RecomputeChange[];
  /** `balance` problems that remain after recomputing (positions in the recomputed text). */
  remaining: Problem[];
}

/**
 * Edits that set every derived cell to the value its parts give. With `enabled`, only cells that a
 * rule still switched on checks (a user who turned `row-total` off does not want those cells rewritten).
 */
function recomputeEdits(report: Report, enabled: (rule: string) => boolean = () => true): { edits: Edit[]; changes: RecomputeChange[] } {
  const edits: Edit[] = [];
  const changes: RecomputeChange[] = [];
  for (const table of report.tables) {
    const def = tableDefOf(table);
    const cells = cellMap(table);
    for (const [key, value] of derivedValues(table)) {
      const cell = cells.get(key);
      // Only digits are rewritten: a derived cell that is not a number is left for the person to see.
      if (!cell || cell.value === null || cell.value === value) continue;
      const [r, c] = key.split('|');
      if (!def.relations.some((rel) => rel.kind === 'sum' && rel.target.row === r && rel.target.column === c && enabled(rel.rule))) continue;
      const newText = formatNumber(value, cell.fullWidth);
      const [row, column] = key.split('|');
      edits.push({ ...cell.valueSpan, newText });
      changes.push({ table: table.id, tableName: def.shortName, cell: cellName(def, { row, column }), from: cell.raw, to: newText, span: cell.valueSpan });
    }
  }
  edits.sort((a, b) => a.start - b.start);
  changes.sort((a, b) => a.span.start - b.span.start);
  return { edits, changes };
}

const TOTAL_RULES = ['row-total', 'column-total', 'review-total', 'litigation-total'];

/**
 * Recompute every derived total whose rule is on (a total whose rule the settings switch off is left
 * as written); reports what changed and the balance problems that remain, unless balance is off.
 */
export function recompute(report: Report, settings: Settings = {}): RecomputeResult {
  const on = (code: string) => settings.rules?.[code] !== 'off';
  const { edits, changes } = recomputeEdits(report, on);
  const after = edits.length ? parse(applyEdits(report.text, edits), { formats: report.formats }) : report;
  const remaining = on('balance') ? check(after, settings).filter((p) => p.code === 'balance') : [];
  return { edits, changes, remaining };
}

/**
 * The fix-all set: the fixes that change text in place and are safe without a person's judgement —
 * a total located as the one wrong cell (never an entry: a changed entry may be the new truth and
 * the totals stale), and canonical headings. As non-overlapping edits sorted by position.
 */
export function fixAll(report: Report, settings: Settings = {}): Edit[] {
  const edits: Edit[] = [];
  for (const p of check(report, settings)) if (p.fix?.fixAll) edits.push(...p.fix.edits);
  edits.sort((a, b) => a.start - b.start || a.end - b.end);
  return edits.filter((e, i) => i === 0 || e.start >= edits[i - 1].end);
}

/** Apply non-overlapping edits (any order) to a text. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    if (e.start < pos) throw new Error(`overlapping edits at ${e.start}`);
    out += text.slice(pos, e.start) + e.newText;
    pos = e.end;
  }
  return out + text.slice(pos);
}
