import { canonicalHeading } from '../format';
import { msg } from '../messages';
import { builtinDocs, type Rule } from './rule';

const rule: Rule = {
  code: 'section-order',
  severity: 'warning',
  description: '六个部分的顺序不对',
  docs: builtinDocs('section-order'),
  fixable: false,
  check(ctx) {
    const sections = ctx.report.sections;
    const heading = (index: number) => canonicalHeading(ctx.report.formatDef.sections[index]);
    for (let k = 1; k < sections.length; k++) {
      const s = sections[k];
      const laterThan = sections.slice(0, k).find((p) => p.index > s.index);
      if (laterThan) ctx.add(s.textSpan, msg.sectionOrder(heading(s.index), heading(laterThan.index)));
    }
  },
};
export default rule;
