// CodeLens above each table: whether its arithmetic holds, and a way to recompute when it does not.

import { tableDefOf } from '../query';
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
}

export function tableLenses(report: Report, problems: Problem[]): LensItem[] {
  return report.tables.map((table) => {
    const def = tableDefOf(table);
    const rules = new Set(def.relations.map((r) => r.rule));
    // Counted by place: a cell wrong both across and down is one place to look at.
    const count = new Set(
      problems
        .filter((p) => rules.has(p.code) && p.span.start >= table.span.start && p.span.start <= table.span.end)
        .map((p) => p.span.start),
    ).size;
    const nl = report.text.indexOf('\n', table.span.start);
    const span = { start: table.span.start, end: nl < 0 || nl > table.span.end ? table.span.end : nl };
    let title: string;
    if (!rules.size) title = `${tableTitle(table)} · 无勾稽关系`;
    else if (count === 0) title = '勾稽关系 ✓';
    else title = `${count} 处不一致 · 重新计算合计`;
    return { span, table: table.id, count, title, recompute: count > 0 };
  });
}
