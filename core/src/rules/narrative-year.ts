// A year one off from the report year in a sentence that is about the report year: read with the
// report year in its place, the sentence restates table figures, and every one of them agrees with
// the tables (2022年全区接收…申请81件 in the 2023 report whose 表三 says 81). A sentence that reads as
// last year's figures is left alone. See docs/rules/narrative-year.md.

import { tableFigure } from '../figures';
import { msg, fixTitle } from '../messages';
import { builtinDocs, type Rule } from './rule';
import { proseSentences } from './prose';
import { readClaims, type TableDefs, execAll } from './claims';

const CODE = 'narrative-year';
const YEAR = /[0-9]{4}(?=年)/g;
/** The paragraph opening "2022年，" is year-mismatch's (sections 一 to 四). */
const OPENING_YEAR = /^[\s\u3000]*[0-9]{4}年度?[，,]/;

const rule: Rule = {
  code: CODE,
  severity: 'warning',
  description: '正文复述本年度表格数字的句子写错了年份（与报告年度差一年）',
  docs: builtinDocs(CODE),
  fixable: true,
  check(ctx) {
    const { report } = ctx;
    const year = report.year;
    if (year === null) return;
    const defs: TableDefs = {};
    for (const t of report.tables) if (t.id === 'T3' || t.id === 'T4') defs[t.id] ??= t.def;
    if (!defs.T3 && !defs.T4) return;
    // Only a year one off counts: sentences that name neither are passed over without a match.
    const before = String(year - 1);
    const after = String(year + 1);
    for (const sentence of proseSentences(report)) {
      const s = sentence.text;
      if (!s.includes(before) && !s.includes(after)) continue;
      for (const m of execAll(YEAR, s)) {
        const y = Number(m[0]);
        if (Math.abs(y - year) !== 1) continue;
        if (sentence.paragraph.startsWith(s) && OPENING_YEAR.test(s) && m.index === s.search(/[0-9]/) && sentence.section >= 0 && sentence.section <= 3) continue;
        const as = s.slice(0, m.index!) + String(year) + s.slice(m.index! + 4);
        const claims = readClaims({ ...sentence, text: as }, defs, year).filter((c) => c.figure.start > m.index!);
        if (!claims.length || readClaims(sentence, defs, year).some((c) => c.figure.start > m.index!)) continue;
        const fits = claims.every((c) => {
          const v = tableFigure(report, c.table, c.cells);
          return v !== null && v === c.figure.value && !c.figure.lowerBound && !c.ambiguous;
        });
        if (!fits || !claims.some((c) => c.figure.value > 0)) continue;
        const start = sentence.start + m.index!;
        ctx.add({ start, end: start + 4 }, msg.narrativeYear(y, year), {
          title: fixTitle.year(year),
          edits: [{ start, end: start + 4, newText: String(year) }],
          preferred: false,
          fixAll: false,
        });
      }
    }
  },
};
export default rule;
