// Figures stated in prose ("受理依申请公开52件", "2件结转下年度继续办理") against the table cells
// they restate. Precision first: a phrase is read only in the two plain shapes
//   KEY + a short gap without digits or punctuation + N + 件   and   N + 件 + KEY,
// and skipped when the gap compares (较上年增加…), negates, or joins two categories (或/和).

import { cellName } from '../format';
import { cellMap, tableDefOf } from '../relations';
import { parseNumber } from '../text';
import { msg } from '../messages';
import { proseLines } from './prose';
import { builtinDocs, type Rule } from './rule';
import type { CellRef } from '../format';
import type { Report } from '../types';

interface Claim {
  keys: string[];
  table: 'T3' | 'T4';
  /** The cells whose sum the figure restates. */
  cells: CellRef[];
  /** Alternative readings that are also correct (受理 may include 上年结转). */
  alternatives?: CellRef[][];
  units: string;
  /** Allow the "N件 + KEY" shape. */
  numberFirst: boolean;
  /** The gap must mention applications (申请), so that 收到/受理 of other things are not read. */
  needsApplication?: boolean;
  maxGap: number;
}

const T3 = (row: string): CellRef => ({ row, column: 'total' });
const CLAIMS: Claim[] = [
  { keys: ['新收到', '新收'], table: 'T3', cells: [T3('received')], units: '件个', numberFirst: false, needsApplication: true, maxGap: 14 },
  {
    keys: ['受理', '收到'],
    table: 'T3',
    cells: [T3('received')],
    alternatives: [[T3('received'), T3('carriedIn')]],
    units: '件个',
    numberFirst: false,
    needsApplication: true,
    maxGap: 14,
  },
  { keys: ['上年结转'], table: 'T3', cells: [T3('carriedIn')], units: '件个', numberFirst: false, maxGap: 8 },
  { keys: ['办结'], table: 'T3', cells: [T3('resultTotal')], units: '件个', numberFirst: false, maxGap: 4 },
  { keys: ['予以公开'], table: 'T3', cells: [T3('granted')], units: '件个', numberFirst: true, maxGap: 4 },
  { keys: ['部分公开'], table: 'T3', cells: [T3('partial')], units: '件个', numberFirst: true, maxGap: 4 },
  {
    keys: ['结转下年度', '结转下一年度', '结转至下年度', '结转到下年度'],
    table: 'T3',
    cells: [T3('carriedOut')],
    units: '件个',
    numberFirst: true,
    maxGap: 8,
  },
  { keys: ['行政复议'], table: 'T4', cells: [{ row: 'data', column: 'review.total' }], units: '件起宗', numberFirst: false, maxGap: 6 },
  {
    keys: ['行政诉讼'],
    table: 'T4',
    cells: [
      { row: 'data', column: 'direct.total' },
      { row: 'data', column: 'afterReview.total' },
    ],
    units: '件起宗',
    numberFirst: false,
    maxGap: 6,
  },
];

/** A gap that compares, negates, estimates or joins: the number is not a plain restatement. */
const GAP_STOP = /较|比|同比|环比|增|减|降|多|少|约|超|以上|以下|不到|近|余|未|没有|无|或|和|及|与|、|各|其中|累计|平均|占/;
/** Characters that end a phrase. */
const PUNCT = '。；;，,！？!?：:（）()《》“”"\n';
/** Characters before a key that negate it (不予公开 is not 予以公开) or join it to another (复议和诉讼). */
const KEY_PREFIX_STOP = '不未和及与';

function isDigit(ch: string | undefined): boolean {
  return !!ch && /[0-9０-９]/.test(ch);
}

interface Figure {
  start: number;
  end: number;
  value: number;
}

/** The number right after position i (blanks allowed), followed by one of the units. */
function numberAt(s: string, i: number, units: string): Figure | null {
  let j = i;
  while (j < s.length && (s[j] === ' ' || s[j] === '\u3000')) j++;
  const start = j;
  while (j < s.length && isDigit(s[j])) j++;
  if (j === start || j - start > 9) return null;
  const end = j;
  while (j < s.length && (s[j] === ' ' || s[j] === '\u3000')) j++;
  if (!units.includes(s[j] ?? '')) return null;
  const n = parseNumber(s.slice(start, end));
  return n ? { start, end, value: n.value } : null;
}

function readClaims(s: string, claim: Claim): Figure[] {
  const out: Figure[] = [];
  for (const key of claim.keys) {
    for (let at = s.indexOf(key); at !== -1; at = s.indexOf(key, at + key.length)) {
      if (KEY_PREFIX_STOP.includes(s[at - 1] ?? '')) continue;
      // A longer key of the same claim starting here was already read ("新收到" before "新收").
      if (claim.keys.some((k) => k.length > key.length && k.includes(key) && s.startsWith(k, at - k.indexOf(key)))) continue;
      // KEY + gap + N件
      let gapEnd = at + key.length;
      while (gapEnd < s.length && gapEnd - (at + key.length) <= claim.maxGap && !isDigit(s[gapEnd]) && !PUNCT.includes(s[gapEnd])) gapEnd++;
      const gap = s.slice(at + key.length, gapEnd);
      if (isDigit(s[gapEnd]) && !GAP_STOP.test(gap) && (!claim.needsApplication || gap.includes('申请'))) {
        const f = numberAt(s, gapEnd, claim.units);
        if (f) out.push(f);
      }
      // N件 + KEY (at most one word such as 均 or 为 between)
      if (claim.numberFirst) {
        let k = at - 1;
        let between = 0;
        while (k >= 0 && !claim.units.includes(s[k]) && between < 2 && !isDigit(s[k]) && !PUNCT.includes(s[k])) {
          k--;
          between++;
        }
        if (k >= 0 && claim.units.includes(s[k]) && !GAP_STOP.test(s.slice(k + 1, at))) {
          let d = k;
          while (d > 0 && (s[d - 1] === ' ' || s[d - 1] === '\u3000')) d--;
          const end = d;
          while (d > 0 && isDigit(s[d - 1])) d--;
          if (d < end && !isDigit(s[d - 1]) && s[d - 1] !== '.' && s[d - 1] !== '第') {
            const n = parseNumber(s.slice(d, end));
            if (n) out.push({ start: d, end, value: n.value });
          }
        }
      }
    }
  }
  return out;
}

function sumOf(report: Report, table: string, refs: CellRef[]): number | null {
  const t = report.tables.find((x) => x.id === table);
  if (!t) return null;
  const cells = cellMap(t);
  let sum = 0;
  for (const r of refs) {
    const v = cells.get(`${r.row}|${r.column}`)?.value;
    if (v === null || v === undefined) return null;
    sum += v;
  }
  return sum;
}

const rule: Rule = {
  code: 'narrative-mismatch',
  severity: 'warning',
  description: '正文中写出的申请、办结、结转、复议、诉讼件数与表格不一致',
  docs: builtinDocs('narrative-mismatch'),
  fixable: false,
  check(ctx) {
    const { report } = ctx;
    if (!report.tables.some((t) => t.id === 'T3' || t.id === 'T4')) return;
    // What each claim restates, computed once per report (not once per line).
    const claims = CLAIMS.map((claim) => {
      const value = sumOf(report, claim.table, claim.cells);
      if (value === null) return null;
      const table = report.tables.find((t) => t.id === claim.table)!;
      const def = tableDefOf(table);
      return {
        claim,
        value,
        accepted: [value, ...(claim.alternatives ?? []).map((a) => sumOf(report, claim.table, a))],
        name: claim.cells.map((c) => cellName(def, c)).join(' + '),
        tableName: def.shortName,
      };
    }).filter((c) => c !== null);
    const reported = new Set<number>();
    for (const line of proseLines(report)) {
      const s = report.text.slice(line.start, line.end);
      for (const { claim, value, accepted, name, tableName } of claims) {
        if (!claim.keys.some((k) => s.includes(k))) continue;
        for (const f of readClaims(s, claim)) {
          if (accepted.includes(f.value) || reported.has(line.start + f.start)) continue;
          reported.add(line.start + f.start);
          ctx.add({ start: line.start + f.start, end: line.start + f.end }, msg.narrativeMismatch(f.value, tableName, name, value));
        }
      }
    }
  },
};
export default rule;
