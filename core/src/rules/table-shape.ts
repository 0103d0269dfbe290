import { rowDef, shortLabel } from '../format';
import { tableDefOf } from '../relations';
import { msg } from '../messages';
import { builtinDocs, type Rule } from './rule';

const rule: Rule = {
  code: 'table-shape',
  severity: 'error',
  description: '表格缺行、重复行、无法识别的行，或某行数字个数不对',
  docs: builtinDocs('table-shape'),
  fixable: false,
  check(ctx) {
    for (const table of ctx.report.tables) {
      const def = tableDefOf(table);
      const label = (key?: string) => {
        const r = key ? rowDef(def, key) : undefined;
        return r ? (r.unlabelled ? '数据' : shortLabel(r.label)) : key ?? '';
      };
      for (const issue of table.issues) {
        const text =
          issue.kind === 'missing-row'
            ? msg.shapeMissingRow(def.shortName, label(issue.row))
            : issue.kind === 'duplicate-row'
              ? msg.shapeDuplicateRow(def.shortName, label(issue.row))
              : issue.kind === 'unknown-row'
                ? msg.shapeUnknownRow(def.shortName, issue.text ?? '')
                : msg.shapeCellCount(def.shortName, label(issue.row), issue.expected ?? 0, issue.found ?? 0);
        ctx.add(issue.span, text);
      }
    }
  },
};
export default rule;
