import { msg } from '../messages';
import type { Rule } from './rule';

/** Words that show section 六 speaks of the information-processing fee. */
const FEE_WORDS = ['信息处理费', '处理费', '收费通知'];

const rule: Rule = {
  code: 'fee-missing',
  severity: 'info',
  description: '2021 年格式：第六部分应说明信息处理费的收取情况',
  fixable: false,
  check(ctx) {
    const { report } = ctx;
    if (report.format !== '2021') return;
    const six = report.sections.find((s) => s.index === 5);
    if (!six) return;
    const body = report.text.slice(six.bodySpan.start, six.bodySpan.end);
    if (FEE_WORDS.some((w) => body.includes(w))) return;
    ctx.report_(six.textSpan, msg.feeMissing());
  },
};
export default rule;
