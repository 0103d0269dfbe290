// Section 六 says no information-processing fee was charged or no fee notice sent, while 表三 counts
// applications closed because a fee notice went unpaid (which means notices were sent).
// See docs/rules/fee-contradiction.md.

import { tableFigure } from '../figures';
import { msg } from '../messages';
import { builtinDocs, type Rule } from './rule';
import { proseSentences } from './prose';

const CODE = 'fee-contradiction';
// Spaces may stand around the number, as in the skeleton's own sentence (发出收费通知 0 件).
const NO_FEE = /(?:未|没有|无|不)(?:发出|开具|收取|产生|发生|涉及)?(?:任何)?(?:信息处理费|收费通知)|收费通知\s*(?:件数)?\s*(?:为)?\s*(?:0|０|零)(?![0-9０-９.])(?:\s*件)?/g;

const rule: Rule = {
  code: CODE,
  severity: 'warning',
  description: '第六部分说未收取信息处理费、未发收费通知，表三却有逾期未按收费通知缴费的申请',
  docs: builtinDocs(CODE),
  fixable: false,
  check(ctx) {
    const { report } = ctx;
    const t3 = report.tables.find((t) => t.id === 'T3');
    if (!t3 || !t3.def.rows.some((r) => r.key === 'other2')) return;
    const unpaid = tableFigure(report, 'T3', [{ row: 'other2', column: 'total' }]);
    if (unpaid === null || unpaid === 0) return;
    for (const sentence of proseSentences(report)) {
      if (sentence.section !== 5) continue;
      for (const m of sentence.text.matchAll(NO_FEE)) {
        const start = sentence.start + m.index!;
        ctx.add({ start, end: start + m[0].length }, msg.feeContradiction(m[0], unpaid));
        break;
      }
    }
  },
};
export default rule;
