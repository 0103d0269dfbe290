import { parseYear, YEAR_EDGE_DATE } from '../text';
import { msg, fixTitle } from '../messages';
import { proseLines } from './prose';
import { builtinDocs, type Rule } from './rule';
import type { Span } from '../types';

/** Sections whose paragraphs, when they open with a year, speak of the report's own year (一 to 四). */
const STAT_SECTIONS = new Set([0, 1, 2, 3]);
/** How far around a date the sentence is searched for 统计/截至. */
const SENTENCE_WINDOW = 120;

// The start or end of a calendar year: 2023年1月1日, 2023年12月31日 (ASCII or full-width digits).
const PERIOD_DATE = new RegExp(YEAR_EDGE_DATE.source, 'g');
// A paragraph that opens with its year: "2023年，…" / "2023年度，…".
const OPENING_YEAR = /^[\s\u3000]*([0-9０-９]{4})年度?[，,]/;
// "结合本机关2023年度政府信息公开工作实际编制": the preamble names the year reported on.
const PREAMBLE_YEAR = /([0-9０-９]{4})年度?政府信息公开工作/g;

function sentenceAround(line: string, at: number): string {
  const from = Math.max(0, at - SENTENCE_WINDOW);
  const to = Math.min(line.length, at + SENTENCE_WINDOW);
  const before = line.slice(from, at);
  const cut = Math.max(before.lastIndexOf('。'), before.lastIndexOf('；'));
  const after = line.slice(at, to);
  const end = after.indexOf('。');
  return before.slice(cut + 1) + (end === -1 ? after : after.slice(0, end));
}

/** Depth of 《…》 at each position is needed only to skip document titles: true when `at` is inside one. */
function insideBookTitle(line: string, at: number): boolean {
  const open = line.lastIndexOf('《', at);
  return open !== -1 && line.lastIndexOf('》', at) < open;
}

const rule: Rule = {
  code: 'year-mismatch',
  severity: 'warning',
  description: '统计期限等写明本报告年度的地方与标题年份不一致',
  docs: builtinDocs('year-mismatch'),
  fixable: true,
  check(ctx) {
    const { report } = ctx;
    const year = report.year;
    if (year === null) return;
    const found: { span: Span; year: number }[] = [];
    const titleSpan = report.title?.span;
    for (const line of proseLines(report)) {
      if (titleSpan && line.start >= titleSpan.start && line.end <= titleSpan.end) continue;
      const s = report.text.slice(line.start, line.end);
      PERIOD_DATE.lastIndex = 0;
      for (let m = s.includes('月') ? PERIOD_DATE.exec(s) : null; m; m = PERIOD_DATE.exec(s)) {
        const digits = m[1];
        const sentence = sentenceAround(s, m.index);
        if (!/统计|截至|截止/.test(sentence) || insideBookTitle(s, m.index)) continue;
        const y = parseYear(digits);
        if (y !== null) found.push({ span: { start: line.start + m.index, end: line.start + m.index + 4 }, year: y });
      }
      if (STAT_SECTIONS.has(line.section)) {
        const m = OPENING_YEAR.exec(s);
        const y = m ? parseYear(m[1]) : null;
        if (m && y !== null) {
          const at = s.indexOf(m[1]);
          found.push({ span: { start: line.start + at, end: line.start + at + 4 }, year: y });
        }
      }
      if (line.section === -1) {
        PREAMBLE_YEAR.lastIndex = 0;
        for (let m = PREAMBLE_YEAR.exec(s); m; m = PREAMBLE_YEAR.exec(s)) {
          const y = parseYear(m[1]);
          if (y !== null && !insideBookTitle(s, m.index)) found.push({ span: { start: line.start + m.index, end: line.start + m.index + 4 }, year: y });
        }
      }
    }
    const seen = new Set<number>();
    for (const f of found) {
      if (f.year === year || seen.has(f.span.start)) continue;
      seen.add(f.span.start);
      ctx.add(f.span, msg.yearMismatch(year, f.year), {
        title: fixTitle.year(year),
        edits: [{ ...f.span, newText: String(year) }],
        preferred: true,
        fixAll: false,
      });
    }
  },
};
export default rule;
