import { builtinDocs, type Rule } from './rule';

/** How a reader of a published layout read cells that were not plainly written (see docs/rules/cell-reading.md). */
const rule: Rule = {
  code: 'cell-reading',
  severity: 'info',
  description: '连写的数字按勾稽关系拆开，或空白、“/”、“—”单元格按 0 计算：说明读法',
  docs: builtinDocs('cell-reading'),
  fixable: false,
  check(ctx) {
    for (const n of ctx.report.notes ?? []) if (n.code === 'cell-reading') ctx.add(n.span, n.message);
  },
};
export default rule;
