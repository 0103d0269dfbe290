import { balanceChecks, tableDefOf } from '../relations';
import { cellName, columnDef } from '../format';
import { formatNumber } from '../text';
import { msg, fixTitle } from '../messages';
import { builtinDocs, type Rule } from './rule';

const rule: Rule = {
  code: 'balance',
  severity: 'error',
  description: '表三勾稽关系：第一项 + 第二项 = 第三项（七）总计 + 第四项，逐列成立',
  docs: builtinDocs('balance'),
  fixable: true,
  check(ctx) {
    for (const table of ctx.report.tables) {
      const def = tableDefOf(table);
      for (const c of balanceChecks(table)) {
        const [a, b] = c.lhs.map((x) => x.value as number);
        const [t, d] = c.rhs.map((x) => x.value as number);
        if (a + b === t + d) continue;
        const column = columnDef(def, c.relation.fixTarget.column)?.label ?? c.relation.fixTarget.column;
        const value = a + b - t;
        const name = cellName(def, c.relation.fixTarget);
        ctx.add(
          c.fixTarget.valueSpan,
          msg.balance(column, a, b, t, d),
          value >= 0
            ? {
                title: fixTitle.balance(name, value),
                edits: [{ ...c.fixTarget.valueSpan, newText: formatNumber(value, c.fixTarget.fullWidth) }],
                preferred: false,
                fixAll: false,
              }
            : undefined,
        );
      }
    }
  },
};
export default rule;
