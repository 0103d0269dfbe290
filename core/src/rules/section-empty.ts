// A section without a table whose heading stands alone: nothing but blanks before the next heading.
// See docs/rules/section-empty.md.

import { canonicalHeading } from '../format';
import { msg } from '../messages';
import { builtinDocs, type Rule } from './rule';

const CODE = 'section-empty';

const rule: Rule = {
  code: CODE,
  severity: 'warning',
  description: '没有表格的部分只有标题、没有内容',
  docs: builtinDocs(CODE),
  fixable: false,
  check(ctx) {
    const { report } = ctx;
    for (const h of report.sections) {
      const def = report.formatDef.sections[h.index];
      if (!def || def.table) continue;
      const body = report.text.slice(h.bodySpan.start, h.bodySpan.end);
      if (body.trim() !== '' || report.tables.some((t) => t.span.start >= h.bodySpan.start && t.span.start < h.bodySpan.end)) continue;
      ctx.add(h.textSpan, msg.sectionEmpty(def.ordinal, canonicalHeading(def)));
    }
  },
};
export default rule;
