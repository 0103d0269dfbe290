import { tableTemplate } from '../template';
import { eolOf } from '../text';
import { msg, fixTitle } from '../messages';
import { builtinDocs, type Rule } from './rule';

const rule: Rule = {
  code: 'table-missing',
  severity: 'error',
  description: '第二、三、四部分没有可识别的统计表',
  docs: builtinDocs('table-missing'),
  fixable: true,
  check(ctx) {
    const { report } = ctx;
    const eol = eolOf(report.text);
    const format = report.formatDef;
    for (const s of report.sections) {
      const section = format.sections[s.index];
      const def = section.table ? format.tables[section.table] : undefined;
      if (!def || report.tables.some((t) => t.id === def.id)) continue;
      // The table is there but its rows could not be read (crawler text whose digits split no one
      // way, e.g. 表四's single data row): cell-ambiguous says so on the digits; "missing" would be
      // wrong, and its fix would insert a second, empty table.
      if (report.notes?.some((n) => n.code === 'cell-ambiguous' && n.row?.table === def.id)) continue;
      ctx.add(s.textSpan, msg.tableMissing(section.ordinal, def.shortName, def.name), {
        title: fixTitle.insertTable(def.shortName),
        edits: [{ start: s.lineSpan.end, end: s.lineSpan.end, newText: `${eol}${tableTemplate(def, report.layout, eol)}` }],
        preferred: true,
        fixAll: false,
      });
    }
  },
};
export default rule;
