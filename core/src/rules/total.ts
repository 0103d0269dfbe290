// The arithmetic rules (row-total, column-total, balance, review-total, litigation-total) share one
// analysis of each table (arithmetic.ts): the failed relations are explained by the smallest set of
// wrong cells, and each finding carries the code of the first failed relation it explains. Each rule
// file reports the findings of its own code, so its severity setting applies to them.

import { tableArithmetic } from '../arithmetic';
import { builtinDocs, type Rule } from './rule';

export function arithmeticRule(code: string, description: string): Rule {
  return {
    code,
    severity: 'error',
    description,
    docs: builtinDocs(code),
    fixable: true,
    check(ctx) {
      for (const table of ctx.report.tables) {
        for (const f of tableArithmetic(table, ctx.enabled).findings) {
          if (f.rule !== code) continue;
          const [fix, ...alternativeFixes] = f.fixes;
          ctx.add(f.cell.valueSpan, f.message, fix, { alternativeFixes, related: f.related });
        }
      }
    },
  };
}
