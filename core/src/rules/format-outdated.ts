import { FORMAT_2021_FROM_YEAR, tableDef } from '../format';
import { trimSpan } from '../text';
import { msg } from '../messages';
import type { Rule } from './rule';

/** Whether the 2021 format changed this table at all (T4 is the same in both). */
function changedIn2021(id: string): boolean {
  const shape = (format: '2019' | '2021') => {
    const def = tableDef(format, id);
    return JSON.stringify([def.rows.map((r) => [r.label, r.columns]), def.columns.map((c) => c.label)]);
  };
  return shape('2019') !== shape('2021');
}

const rule: Rule = {
  code: 'format-outdated',
  severity: 'warning',
  description: '2021 年及以后的年度报告仍使用 2019 年旧格式的表格',
  fixable: false,
  check(ctx) {
    const { report } = ctx;
    if (report.year === null || report.year < FORMAT_2021_FROM_YEAR) return;
    for (const table of report.tables) {
      if (table.format !== '2019' || !changedIn2021(table.id)) continue;
      const lineEnd = report.text.indexOf('\n', table.span.start);
      const span = trimSpan(report.text, table.span.start, lineEnd === -1 ? report.text.length : lineEnd);
      ctx.report_(span, msg.formatOutdated(report.year, table.id));
    }
  },
};
export default rule;
