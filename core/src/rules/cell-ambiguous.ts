import { builtinDocs, type Rule } from './rule';

/** A row whose run-together digits split more than one way, or no way that fits (see docs/rules/cell-ambiguous.md). */
const rule: Rule = {
  code: 'cell-ambiguous',
  severity: 'warning',
  description: '连写的数字有多种拆法，或没有一种合乎勾稽关系：本行未计入',
  docs: builtinDocs('cell-ambiguous'),
  fixable: false,
  check(ctx) {
    for (const n of ctx.report.notes ?? []) if (n.code === 'cell-ambiguous') ctx.add(n.span, n.message);
  },
};
export default rule;
