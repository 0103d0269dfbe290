// "均已办结" / "全部办结" while 表三 carries applications over to next year, and "均已审结/结案" of the
// review and litigation cases while 表四 has cases 尚未审结. See docs/rules/narrative-all-closed.md.

import { tableFigure } from '../figures';
import { msg } from '../messages';
import { builtinDocs, type Rule } from './rule';
import { proseSentences } from './prose';
import { scopeMap, execAll } from './claims';

const CODE = 'narrative-all-closed';
const ALL_CLOSED = /(?:均已|已全部|全部|均|都已|已经全部)(?:按时|依法|按期|依法依规|在法定期限内)?(?:办结|办理完毕|办理完结|审结|结案)/g;

const rule: Rule = {
  code: CODE,
  severity: 'warning',
  description: '正文说申请（或复议诉讼）均已办结，表格却有结转下年度（或尚未审结）的',
  docs: builtinDocs(CODE),
  fixable: false,
  check(ctx) {
    const { report } = ctx;
    const carriedOut = tableFigure(report, 'T3', [{ row: 'carriedOut', column: 'total' }]);
    for (const sentence of proseSentences(report)) {
      const s = sentence.text;
      if (!s.includes('办结') && !s.includes('审结') && !s.includes('结案') && !s.includes('办理完')) continue;
      const scope = scopeMap(s, report.year, [], sentence.memo);
      for (const m of execAll(ALL_CLOSED, s)) {
        const at = m.index!;
        if (scope(at) !== 0 || /率/.test(s.slice(at + m[0].length, at + m[0].length + 1))) continue;
        const before = s.slice(0, at);
        // Of a part only: 上年结转的申请已全部办结, 其中…均已办结.
        if (/结转|其中|部分|除/.test(before)) continue;
        const cases = Math.max(before.lastIndexOf('复议'), before.lastIndexOf('诉讼'));
        const applications = before.lastIndexOf('申请');
        const span = { start: sentence.start + at, end: sentence.start + at + m[0].length };
        if (cases > applications && /信息公开|依申请/.test(s)) {
          const groups = [
            ...(before.includes('复议') ? ['review'] : []),
            ...(before.includes('诉讼') ? ['direct', 'afterReview'] : []),
          ];
          const pending = tableFigure(report, 'T4', groups.map((g) => ({ row: 'data', column: `${g}.pending` })));
          if (pending !== null && pending > 0) ctx.add(span, msg.allClosedCases(m[0], pending));
        } else if (applications !== -1 && cases < applications && carriedOut !== null && carriedOut > 0) {
          ctx.add(span, msg.allClosedApplications(m[0], carriedOut));
        }
      }
    }
  },
};
export default rule;
