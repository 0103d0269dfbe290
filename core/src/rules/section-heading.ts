import { canonicalHeading } from '../format';
import { msg, fixTitle } from '../messages';
import { builtinDocs, type Rule } from './rule';

const rule: Rule = {
  code: 'section-heading',
  severity: 'warning',
  description: '章节标题不规范：缺序号、用阿拉伯数字、序号错误或重复、多余空格',
  docs: builtinDocs('section-heading'),
  fixable: true,
  check(ctx) {
    for (const s of ctx.report.sections) {
      if (s.issues.length === 0) continue;
      const canonical = canonicalHeading(ctx.report.formatDef.sections[s.index]);
      ctx.add(s.textSpan, msg.sectionHeading(canonical, s.issues), {
        title: fixTitle.heading(canonical),
        edits: [{ ...s.textSpan, newText: canonical }],
        preferred: true,
        fixAll: true,
      });
    }
  },
};
export default rule;
