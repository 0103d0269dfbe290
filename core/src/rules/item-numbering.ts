// Numbering inside a section: points 一是…二是…三是 and sub-headings （一）（二）… that restart or skip
// (一是…三是…三是), and sub-headings of 总体情况 numbered like the report's own sections (一、 instead of
// （一）). See docs/rules/item-numbering.md.

import { msg, fixTitle } from '../messages';
import { builtinDocs, type Rule, type RuleContext } from './rule';
import { proseLines } from './prose';
import { parseChineseNumber, chineseNumber, execAll } from './claims';
import type { FormatDef } from '../format';
import { knownLabels } from '../readers/placed-text';
import { normalizeLabel } from '../text';

const CODE = 'item-numbering';
const POINT = /(?:^|[。；，：:\s（(])([一二三四五六七八九十]{1,3})是/g;
const SUBHEADING = /^[\s\u3000]*[（(]([一二三四五六七八九十]{1,3})[）)]/;
const TOPLEVEL = /^[\s\u3000]*([一二三四五六七八九十]{1,3})、/;

/**
 * A line that is one of the tables' rows (`一、本年新收政府信息公开申请数量` and its numbers, `三、本年度办理结果`)
 * that a damaged layout left outside its table: not a sub-heading, and renumbering it, or writing it
 * （一）, would only hide the row from the table it belongs to.
 */
function isTableRowLabel(line: string, formats: readonly FormatDef[]): boolean {
  const label = normalizeLabel(line.split(/[\t|]/, 1)[0]);
  const { rows, groups } = knownLabels(formats);
  return groups.has(label) || rows.some((r) => label.startsWith(r));
}

/** 2 → 二 (an ordinal, not the count 两). */
const ordinal = (n: number): string => (n === 2 ? '二' : chineseNumber(n));

interface Item {
  start: number;
  end: number;
  n: number;
}

function checkSequence(ctx: RuleContext, items: Item[], kind: string): void {
  let prev: number | null = null;
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    if (it.n === 1 || prev === null) {
      prev = it.n;
      continue;
    }
    if (it.n !== prev + 1) {
      const expected = ordinal(prev + 1);
      ctx.add({ start: it.start, end: it.end }, msg.itemNumbering(kind, ordinal(it.n), ordinal(prev), expected), {
        title: fixTitle.ordinal(ordinal(it.n), expected),
        edits: [{ start: it.start, end: it.end, newText: expected }],
        preferred: false,
        fixAll: false,
      });
      // 一是…三是…三是: when the next one follows the expected number, this one was the slip.
      if (items[i + 1]?.n === prev + 2) {
        prev = prev + 1;
        continue;
      }
    }
    prev = it.n;
  }
}

const rule: Rule = {
  code: CODE,
  severity: 'warning',
  description: '一部分之内的“一是、二是”或“（一）（二）”编号重复、跳号，总体情况的小标题用了“一、”',
  docs: builtinDocs(CODE),
  fixable: true,
  check(ctx) {
    const { report } = ctx;
    const lines = proseLines(report);
    for (const section of new Set(lines.map((l) => l.section))) {
      if (section < 0) continue;
      const points: Item[] = [];
      const heads: Item[] = [];
      for (const line of lines) {
        if (line.section !== section) continue;
        const s = report.text.slice(line.start, line.end);
        // A point needs its 是: most lines are passed over without running the pattern.
        for (const m of s.includes('是') ? execAll(POINT, s) : []) {
          const n = parseChineseNumber(m[1]);
          const start = line.start + m.index! + m[0].length - m[1].length - 1;
          if (n !== null && n > 0) points.push({ start, end: start + m[1].length, n });
        }
        const h = SUBHEADING.exec(s);
        if (h && !isTableRowLabel(s, report.formats)) {
          const n = parseChineseNumber(h[1]);
          const start = line.start + s.indexOf(h[1], h[0].length - h[1].length - 1);
          if (n !== null && n > 0) heads.push({ start, end: start + h[1].length, n });
        }
        const top = section === 0 ? TOPLEVEL.exec(s) : null;
        if (top && !isTableRowLabel(s, report.formats)) {
          const start = line.start + top[0].length - top[1].length - 1;
          const end = line.start + top[0].length;
          ctx.add({ start, end }, msg.subheadingTopLevel(top[1]), {
            title: fixTitle.ordinal(`${top[1]}、`, `（${top[1]}）`),
            edits: [{ start, end, newText: `（${top[1]}）` }],
            preferred: true,
            fixAll: false,
          });
        }
      }
      checkSequence(ctx, points, '是');
      checkSequence(ctx, heads, '（）');
    }
  },
};
export default rule;
