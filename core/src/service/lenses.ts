// CodeLens above each table: each lens names its table and says what the writer can do about it.
// A table with arithmetic (表三, 表四) shows whether its totals hold, with recompute one click away when
// they do not; cells that are not numbers or rows that are missing say that the sums could not be
// checked. 表二 has no arithmetic and gets no lens: there is nothing to act on.

import { tableDefOf } from '../relations';
import type { Problem, Report, Span } from '../types';
import { tableTitle } from './outline';

export interface LensItem {
  /** The table's first line. */
  span: Span;
  table: string;
  /** Cells of the table with an arithmetic problem. */
  count: number;
  title: string;
  /** True when clicking should run recompute totals. */
  recompute: boolean;
  /** True when clicking should show the problems (cells that block the check). */
  showProblems?: boolean;
}

/** Problems that keep the sums of a table from being checked at all. */
const BLOCKING = new Set(['cell-not-number', 'table-shape']);

export function tableLenses(report: Report, problems: Problem[]): LensItem[] {
  const out: LensItem[] = [];
  for (const table of report.tables) {
    const def = tableDefOf(table);
    const rules = new Set(def.relations.map((r) => r.rule));
    if (!rules.size) continue;
    const inTable = problems.filter((p) => p.span.start >= table.span.start && p.span.start <= table.span.end);
    // Counted by place: a cell wrong both across and down is one place to look at.
    const count = new Set(inTable.filter((p) => rules.has(p.code)).map((p) => p.span.start)).size;
    const blocked = new Set(inTable.filter((p) => BLOCKING.has(p.code)).map((p) => p.span.start)).size;
    const span = firstLine(report, table.span);
    const name = tableTitle(table);
    const hasBalance = def.relations.some((r) => r.kind === 'balance');
    let title: string;
    if (count > 0) title = `${name} · ${count} 处合计不一致 · 点此重新计算合计`;
    else if (blocked > 0) title = `${name} · ${blocked} 处不是数字或缺行，合计无法核对 · 点此查看问题`;
    else title = hasBalance ? `${name} · 合计正确，勾稽关系平衡` : `${name} · 总计均正确`;
    out.push({ span, table: table.id, count, title, recompute: count > 0, showProblems: count === 0 && blocked > 0 });
  }
  return out;
}

/** A table's first line: where its lenses stand. */
function firstLine(report: Report, table: Span): Span {
  const nl = report.text.indexOf('\n', table.start);
  return { start: table.start, end: nl < 0 || nl > table.end ? table.end : nl };
}

/** Where the lens that opens the table view stands: above every table found (表二 included). */
export function tableViewLenses(report: Report): { span: Span; table: string }[] {
  return report.tables.map((t) => ({ span: firstLine(report, t.span), table: t.id }));
}
