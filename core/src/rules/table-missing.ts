import { SECTIONS, tableDef } from '../format';
import { tableTemplate } from '../template';
import { eolOf } from '../text';
import { msg, fixTitle } from '../messages';
import type { Rule } from './rule';

const rule: Rule = {
  code: 'table-missing',
  severity: 'error',
  description: '第二、三、四部分没有可识别的统计表',
  fixable: true,
  check(ctx) {
    const { report } = ctx;
    const eol = eolOf(report.text);
    for (const s of report.sections) {
      const id = SECTIONS[s.index].table;
      if (!id || report.tables.some((t) => t.id === id)) continue;
      const format = report.format ?? '2021';
      ctx.report_(s.textSpan, msg.tableMissing(SECTIONS[s.index].ordinal, id, tableDef(format, id).name), {
        title: fixTitle.insertTable(id),
        edits: [{ start: s.lineSpan.end, end: s.lineSpan.end, newText: `${eol}${tableTemplate(id, format, report.layout, eol)}` }],
        preferred: true,
        fixAll: false,
      });
    }
  },
};
export default rule;
