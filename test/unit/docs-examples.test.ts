// The examples of each docs/rules/*.md page run as tests: the 错误示例 block, put into a clean report,
// must give a problem of the page's rule; the 正确示例 block must not. Examples are fragments (…… for
// what is left out), so each is merged into the 2021 skeleton in the one-row-per-line layout:
//   - a report title and the line after it replace the skeleton's title and preamble;
//   - section headings (whatever their ordinal) take the place and order the example gives them, with
//     the example's body when it has one (sections skipped between two shown ones are left out);
//   - a table row (label, then numbers) replaces the skeleton's row with that label;
//   - a line equal to a line of the skeleton anchors the prose lines after it;
//   - a bare line of five numbers under 行政复议 / 行政诉讼 fills that group of 表四.
// An example that cannot be placed this way is skipped, with the reason.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkDocument, FORMATS, readText } from '../../core/src';
import { BASE } from './rule-tester';
import { ROOT } from '../helpers';

const DOCS = path.join(ROOT, 'docs', 'rules');
const TITLES = FORMATS['2021'].sections.map((s) => s.title);
const ORDINAL = /^(?:#+\s*)?(?:[(（]?[一二三四五六七八九十]+[)）]?|[0-9０-９]+)?\s*[、.．]?\s*/;
const isEllipsis = (l: string) => /^…+/.test(l.trim());
const headingIndex = (l: string) => (l.length <= 40 ? TITLES.indexOf(l.replace(ORDINAL, '').trim()) : -1);
const isTitle = (l: string) => /政府信息公开.*年度报告$/.test(l.trim());

function blocks(page: string): { bad: string[] | null; good: string[] | null } {
  const section = (h: string) => {
    const at = page.indexOf(h);
    if (at === -1) return null;
    const m = /```text\n([\s\S]*?)```/.exec(page.slice(at));
    return m ? m[1].replace(/\n$/, '').split('\n') : null;
  };
  return { bad: section('## 错误示例'), good: section('## 正确示例') };
}

/** The skeleton as lines, cut into preamble and sections. */
function skeleton(): { head: string[]; sections: Map<number, string[]>; order: number[] } {
  const lines = BASE.split('\n');
  const head: string[] = [];
  const sections = new Map<number, string[]>();
  const order: number[] = [];
  let current = -1;
  for (const l of lines) {
    const h = headingIndex(l);
    if (h !== -1 && !sections.has(h)) {
      current = h;
      order.push(h);
      sections.set(h, [l]);
    } else if (current === -1) head.push(l);
    else sections.get(current)!.push(l);
  }
  return { head, sections, order };
}

/** The label of a table row written with tabs (its text fields before the first cell), or null. */
const labelOf = (l: string): string | null => {
  if (!l.includes('\t')) return null;
  const fields = l.trim().split('\t');
  const cell = (f: string) => /^[0-9０-９.lO\-—]+$/.test(f) || f === '无';
  const n = fields.findIndex(cell);
  return n > 0 && fields.slice(n).every(cell) ? fields.slice(0, n).join('') : null;
};

/** Merges an example into the skeleton; a string is the reason it cannot be placed. */
function merge(example: string[]): string | { text: string } {
  const runTogether = example.find((l) => !l.includes('\t') && /[^0-9\s][0-9]{3,}\s*[0-9]*$/.test(l.trim()));
  if (runTogether) return `digits run together (“${runTogether.trim()}”) are read in crawler text, not in the tab-separated skeleton`;
  const { head, sections, order } = skeleton();
  let lines = example.filter((l) => l.trim() !== '');
  // Title and preamble.
  if (lines.length && isTitle(lines[0])) {
    head[0] = lines[0].trim();
    lines = lines.slice(1);
    if (lines.length && !isEllipsis(lines[0]) && headingIndex(lines[0]) === -1) {
      const pre = head.findIndex((l, i) => i > 0 && l.trim() !== '');
      head[pre] = lines[0];
      lines = lines.slice(1);
    }
  }
  // Sections named by the example, in its order, with their bodies.
  const shown: { index: number; heading: string; body: string[] }[] = [];
  const loose: string[] = [];
  for (const l of lines) {
    const h = headingIndex(l);
    if (h !== -1) shown.push({ index: h, heading: l, body: [] });
    else if (shown.length) shown[shown.length - 1].body.push(l);
    else loose.push(l);
  }
  let text: string[];
  if (shown.length) {
    const first = order.indexOf(Math.min(...shown.map((s) => s.index)));
    const last = order.indexOf(Math.max(...shown.map((s) => s.index)));
    const out = [...head];
    for (let k = 0; k < order.length; k++) {
      if (k < first || k > last) {
        out.push(...sections.get(order[k])!);
        continue;
      }
      if (k !== first) continue;
      shown.forEach((s, n) => {
        const base = sections.get(s.index)!;
        // Table rows shown under a heading are rows of the tables; the rest is the section's body.
        // (A body that writes out a whole table, header lines and all, is kept as it is.)
        const wholeTable = s.body.some((l) => l.includes('\t') && labelOf(l) === null);
        const prose = s.body.filter((l) => !isEllipsis(l) && (wholeTable || labelOf(l) === null));
        if (!wholeTable) loose.push(...s.body.filter((l) => labelOf(l) !== null));
        // A body left out (……, or the last heading shown) is the skeleton's; a heading followed
        // directly by the next one has an empty body.
        const elided = s.body.some(isEllipsis) || n === shown.length - 1;
        out.push(s.heading, ...(prose.length ? [...prose, ''] : elided ? base.slice(1) : ['']));
      });
    }
    text = out;
  } else text = [...head, ...order.flatMap((i) => sections.get(i)!)];
  // Rows, anchored prose, 表四 groups.
  let anchor = -1;
  const t4Group = example.some((l) => l.includes('复议后起诉') && !l.includes('未经')) ? 10 : example.some((l) => l.includes('未经复议直接起诉')) ? 5 : 0;
  for (const l of loose) {
    if (isEllipsis(l)) {
      anchor = -1;
      continue;
    }
    const same = text.findIndex((x) => x.trim() === l.trim());
    if (same !== -1) {
      anchor = same;
      continue;
    }
    if (/^(结果维持|行政复议|行政诉讼)/.test(l.trim())) continue; // 表四's header lines are in the skeleton
    const label = labelOf(l);
    if (label !== null) {
      const key = (x: string) => x.split('\t').filter((f) => f && !/^[0-9.]+$/.test(f)).join('');
      const i = text.findIndex((x) => x.includes('\t') && (key(x) === label || key(x).endsWith(label)));
      if (i === -1) return `no row labelled ${label} in the skeleton`;
      const first = l.trim().split('\t')[0];
      const prefix = text[i].slice(0, text[i].indexOf(first));
      text[i] = prefix + l.trim();
      continue;
    }
    if (/^[0-9]+(\t[0-9]+){4}$/.test(l.trim()) && example.some((x) => x.includes('行政复议') || x.includes('行政诉讼'))) {
      const i = text.findIndex((x) => /^[0-9]+(\t[0-9]+){14}$/.test(x));
      const cells = text[i].split('\t');
      cells.splice(t4Group, 5, ...l.trim().split('\t'));
      text[i] = cells.join('\t');
      continue;
    }
    if (anchor !== -1 && !l.includes('\t')) {
      text.splice(++anchor, 0, l);
      continue;
    }
    return `cannot place the line “${l.trim().slice(0, 30)}”`;
  }
  return { text: text.join('\n') };
}

/** Examples that rely on figures neither block shows: skipped, with the reason. */
const NOT_SELF_CONTAINED: Record<string, string> = {
  // The cross-year rules compare two reports: test/unit/series.test.ts runs them on a series.
  'carry-over.md 错误示例': 'a cross-year rule: needs last year\'s report (test/unit/series.test.ts)',
  'carry-over.md 正确示例': 'a cross-year rule: needs last year\'s report (test/unit/series.test.ts)',
  'stock-continuity.md 错误示例': 'a cross-year rule: needs last year\'s report (test/unit/series.test.ts)',
  'stock-continuity.md 正确示例': 'a cross-year rule: needs last year\'s report (test/unit/series.test.ts)',
  'series-gap.md 错误示例': 'a cross-year rule: needs the series (test/unit/series.test.ts)',
  'series-gap.md 正确示例': 'a cross-year rule: needs the series (test/unit/series.test.ts)',
  'roll-up.md 错误示例': 'a cross-report rule: needs the reports summed and the config (test/unit/roll-up.test.ts)',
  'roll-up.md 正确示例': 'a cross-report rule: needs the reports summed and the config (test/unit/roll-up.test.ts)',
  'narrative-mismatch.md 正确示例': 'it restates 上年结转 2件, a row neither example shows (the skeleton has 0)',
};

const codes = (text: string) => checkDocument(readText(text)).map((p) => p.code);

for (const file of fs.readdirSync(DOCS).filter((f) => f.endsWith('.md')).sort()) {
  const code = file.replace(/\.md$/, '');
  const { bad, good } = blocks(fs.readFileSync(path.join(DOCS, file), 'utf8'));
  const badText = NOT_SELF_CONTAINED[`${file} 错误示例`] ?? (bad ? merge(bad) : 'no 错误示例 block');
  // The 正确示例 corrects the 错误示例: rows shown only in the bad one stand in the good one too.
  const goodRows = new Set((good ?? []).map(labelOf).filter((x) => x !== null));
  const carried = (bad ?? []).filter((l) => { const k = labelOf(l); return k !== null && !goodRows.has(k); });
  const goodText = NOT_SELF_CONTAINED[`${file} 正确示例`] ?? (good ? merge([...good, ...(good.some((l) => headingIndex(l) !== -1) ? [] : carried)]) : 'no 正确示例 block');
  test(`docs/rules/${file}: the 错误示例 gives ${code}`, { skip: typeof badText === 'string' ? `example not placeable: ${badText}` : false }, () => {
    assert.ok(codes((badText as unknown as { text: string }).text).includes(code), (badText as unknown as { text: string }).text);
  });
  test(`docs/rules/${file}: the 正确示例 does not`, { skip: typeof goodText === 'string' ? `example not run: ${goodText}` : false }, () => {
    const got = codes((goodText as unknown as { text: string }).text);
    assert.ok(!got.includes(code), `${got.join(', ')}\n${(goodText as unknown as { text: string }).text}`);
  });
}
