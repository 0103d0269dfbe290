import { canonicalHeading } from '../format';
import { msg } from '../messages';
import type { Rule } from './rule';

const rule: Rule = {
  code: 'section-order',
  severity: 'warning',
  description: '六个部分的顺序不对',
  fixable: false,
  check(ctx) {
    const sections = ctx.report.sections;
    for (let k = 1; k < sections.length; k++) {
      const s = sections[k];
      const laterThan = sections.slice(0, k).find((p) => p.index > s.index);
      if (laterThan) ctx.report_(s.textSpan, msg.sectionOrder(canonicalHeading(s.index), canonicalHeading(laterThan.index)));
    }
  },
};
export default rule;
