import { FORMAT_2021_FROM_YEAR } from '../format';
import { trimSpan } from '../text';
import { msg } from '../messages';
import type { Rule } from './rule';

const rule: Rule = {
  code: 'format-outdated',
  severity: 'warning',
  description: '2021 年及以后的年度报告仍使用 2019 年旧格式的表格',
  fixable: false,
  check(ctx) {
    const { report } = ctx;
    if (report.year === null || report.year < FORMAT_2021_FROM_YEAR) return;
    for (const table of report.tables) {
      if (table.format !== '2019' || table.id === 'T4') continue;
      const lineEnd = report.text.indexOf('\n', table.span.start);
      const span = trimSpan(report.text, table.span.start, lineEnd === -1 ? report.text.length : lineEnd);
      ctx.report_(span, msg.formatOutdated(report.year, table.id));
    }
  },
};
export default rule;
