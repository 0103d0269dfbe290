// What the format requires the prose to say (PhraseRequirement of format.ts, rule 'fee-missing'):
// in the 2021 format, section 六 says how the information-processing fee was charged.

import { builtinDocs, type Rule } from './rule';

const CODE = 'fee-missing';

const rule: Rule = {
  code: CODE,
  severity: 'info',
  description: '第六部分应说明信息处理费的收取情况（2021 年格式的要求）',
  docs: builtinDocs(CODE),
  fixable: false,
  check(ctx) {
    const { report } = ctx;
    for (const req of report.formatDef.requirements) {
      if (req.rule !== CODE) continue;
      const section = report.sections.find((s) => s.index === req.section);
      if (!section) continue;
      const body = report.text.slice(section.bodySpan.start, section.bodySpan.end);
      if (req.anyOf.some((w) => body.includes(w))) continue;
      ctx.add(section.textSpan, req.message);
    }
  },
};
export default rule;
