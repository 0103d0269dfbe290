// Figures stated in prose ("受理依申请公开52件", "2件结转下年度", "行政复议和行政诉讼各0件",
// "予以公开及部分公开42件，占51.85%", "无因政府信息公开引起的行政复议或诉讼") against the table cells
// they restate. The reading is claims.ts (data-driven kinds over the format's cells, with the scope
// filters); every table figure comes from tableFigure() (figures.ts). See docs/rules/narrative-mismatch.md.

import { cellName, shortLabel, type CellRef } from '../format';
import { tableFigure, tableFigures } from '../figures';
import { msg, fixTitle } from '../messages';
import { proseSentences } from './prose';
import { readClaims, readZeroClaims, formatLike, rowsOf, type Claim, type TableDefs } from './claims';
import { builtinDocs, type Rule, type RuleContext } from './rule';
import type { Report } from '../types';

/** How the message names what a claim restates: a cell, a group's sum, or a sum of those. */
function claimName(claim: Claim, defs: TableDefs): string {
  const def = defs[claim.table]!;
  return claim.kinds
    .map((kind) => {
      if (claim.table === 'T4' || !kind.rows) return null;
      const column = claim.cells[0].column;
      return kind.rows
        .map((r) => {
          const rows = rowsOf(def, r);
          if (rows.length === 1 && rows[0] === r) return cellName(def, { row: r, column });
          const group = def.groups.find((g) => g.key === r);
          return `“${shortLabel(group?.label ?? r)}”各项之和`;
        })
        .join(' + ');
    })
    .map((n, i) => n ?? (i === 0 ? claim.cells.map((c: CellRef) => cellName(def, c)).join(' + ') : ''))
    .filter(Boolean)
    .join(' + ');
}

/** N余件: more than N, and below the next step of N's last non-zero digit (50余 → 50..59). */
function atLeast(value: number, n: number): boolean {
  let step = 1;
  for (let m = n; m > 0 && m % 10 === 0; m /= 10) step *= 10;
  return value >= n && (step === 1 || value < n + step);
}

const round = (v: number, decimals: number) => Math.round(v * 10 ** decimals) / 10 ** decimals;

function checkPercent(ctx: RuleContext, report: Report, claim: Claim, count: number): void {
  const p = claim.percent!;
  // The share of what: 办结 (（七）总计), 新收 (一) or all handled (一 + 二); any of them that fits is accepted.
  const bases = [
    [{ row: 'resultTotal', column: 'total' }],
    [{ row: 'received', column: 'total' }],
    [
      { row: 'received', column: 'total' },
      { row: 'carriedIn', column: 'total' },
    ],
  ]
    .map((cells) => tableFigure(report, 'T3', cells))
    .filter((b): b is number => b !== null && b > 0);
  if (claim.table !== 'T3' || !bases.length) return;
  const tolerance = 10 ** -p.decimals; // rounded or truncated
  if (bases.some((b) => Math.abs((count / b) * 100 - p.value) <= tolerance + 1e-9)) return;
  const base = bases[0];
  const expected = round((count / base) * 100, p.decimals);
  const text = formatLike(expected, p.style, p.decimals);
  ctx.add({ start: p.start, end: p.end }, msg.narrativePercent(p.value, count, base, expected), {
    title: fixTitle.prose(report.text.slice(p.start, p.end), text),
    edits: [{ start: p.start, end: p.end, newText: text }],
    preferred: false,
    fixAll: false,
  });
}

const rule: Rule = {
  code: 'narrative-mismatch',
  severity: 'warning',
  description: '正文中写出的申请、办理结果、结转、复议、诉讼及表二件数与表格不一致',
  docs: builtinDocs('narrative-mismatch'),
  fixable: true,
  check(ctx) {
    const { report } = ctx;
    const defs: TableDefs = {};
    for (const t of report.tables) if (t.id === 'T2' || t.id === 'T3' || t.id === 'T4') defs[t.id] ??= t.def;
    if (!Object.keys(defs).length) return;
    const reported = new Set<number>();
    const carriedIn = tableFigure(report, 'T3', [{ row: 'carriedIn', column: 'total' }]);
    for (const sentence of proseSentences(report)) {
      for (const claim of readClaims(sentence, defs, report.year)) {
        const values = tableFigures(report, claim.table, claim.cells, ctx.enabled);
        if (values === null) continue;
        const value = values[0];
        // 受理/办理 N件: only when 二 is 0 can the words not matter.
        if (claim.ambiguous && carriedIn !== 0) continue;
        const f = claim.figure;
        const at = sentence.start + f.start;
        // Where the table's mistake cannot be pinned to one cell, a sentence fitting any reading is not blamed.
        const fits = values.some((v) => (f.lowerBound ? atLeast(v, f.value) : round(v, f.decimals) === f.value));
        if (fits) {
          if (claim.percent) checkPercent(ctx, report, { ...claim, percent: { ...claim.percent, start: sentence.start + claim.percent.start, end: sentence.start + claim.percent.end } }, value);
          continue;
        }
        if (reported.has(at)) continue;
        reported.add(at);
        const written = report.text.slice(at, sentence.start + f.end);
        const name = claimName(claim, defs);
        const message = msg.narrativeMismatch(f.value, defs[claim.table]!.shortName, name, value, f.unit === '万元' ? '万元' : '件', f.lowerBound);
        if (f.lowerBound) {
          ctx.add({ start: at, end: sentence.start + f.end }, message);
          continue;
        }
        const text = formatLike(value, f.style, f.decimals);
        ctx.add({ start: at, end: sentence.start + f.end }, message, {
          title: fixTitle.prose(written, text),
          edits: [{ start: at, end: sentence.start + f.end, newText: text }],
          preferred: false,
          fixAll: false,
        });
      }
      for (const zero of readZeroClaims(sentence, report.year)) {
        const parts = zero.groups.map((g) => {
          const cells = g === 'review' ? [{ row: 'data', column: 'review.total' }] : [{ row: 'data', column: 'direct.total' }, { row: 'data', column: 'afterReview.total' }];
          return { g, value: tableFigure(report, 'T4', cells) };
        });
        const found = parts.filter((p) => p.value !== null && p.value > 0);
        if (!found.length) continue;
        const at = sentence.start + zero.start;
        if (reported.has(at)) continue;
        reported.add(at);
        ctx.add({ start: at, end: sentence.start + zero.end }, msg.narrativeZero(found.map((p) => ({ name: p.g === 'review' ? '行政复议' : '行政诉讼', value: p.value! }))));
      }
    }
  },
};
export default rule;
