// The four "total" rules share one mechanism: a sum relation of format.ts whose target cell
// disagrees with its terms. Each rule file picks its relations by rule code.

import { cellName } from '../format';
import { sumChecks, tableDefOf, termsText } from '../relations';
import { formatNumber } from '../text';
import { msg, fixTitle } from '../messages';
import { builtinDocs, type Rule } from './rule';

export function totalRule(code: string, description: string): Rule {
  return {
    code,
    severity: 'error',
    description,
    docs: builtinDocs(code),
    fixable: true,
    check(ctx) {
      for (const table of ctx.report.tables) {
        const def = tableDefOf(table);
        for (const c of sumChecks(table)) {
          if (c.relation.rule !== code || c.target.value === c.expected) continue;
          const name = cellName(def, c.relation.target);
          const terms = termsText(c.terms.map((t) => t.value as number));
          ctx.add(c.target.valueSpan, msg.sumMismatch(name, c.expected, terms, c.target.value as number), {
            title: fixTitle.setValue(name, c.expected),
            edits: [{ ...c.target.valueSpan, newText: formatNumber(c.expected, c.target.fullWidth) }],
            preferred: true,
            fixAll: true,
          });
        }
      }
    },
  };
}
