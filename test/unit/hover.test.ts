// Hovers on every place issue 12 names: each number (row and column; a total's sum), the balance rows,
// the group rows （三）—（六） (also split over lines as published), 表二's rows, 表四's columns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '../../core/src';
import { hoverAt } from '../../core/src/service';
import { fixture, seedFiles, SEEDS_MISSING } from '../helpers';

const CLEAN = fixture('clean-2021.txt');
const report = parse(CLEAN);
const cell = (table: string, row: string, column: string) =>
  report.tables.find((t) => t.id === table)!.rows.find((r) => r.key === row)!.cells.find((c) => c.column === column)!;
const hoverOn = (offset: number) => hoverAt(report, offset);

test('an input number of 表三 names its row and column', () => {
  const c = cell('T3', 'granted', 'business');
  const h = hoverOn(c.valueSpan.start)!;
  assert.equal(h.markdown.split('\n')[0], '**表三 · （一）予以公开 · 商业企业**');
  assert.deepEqual(h.span, c.valueSpan);
});

test('a total names its cell and spells out its sum', () => {
  const c = cell('T3', 'received', 'total');
  const h = hoverOn(c.valueSpan.start)!;
  assert.equal(h.markdown.split('\n')[0], '**表三 · 一、本年新收政府信息公开申请数量 · 总计**');
  assert.match(h.markdown, /总计应为 53 = 41 \+ 9 \+ 0 \+ 1 \+ 2 \+ 0 ✓/);
});

test('表四: each number names its group and outcome column, with what they mean', () => {
  const pending = cell('T4', 'data', 'review.pending');
  const h = hoverOn(pending.valueSpan.start)!;
  assert.equal(h.markdown.split('\n')[0], '**表四 · 行政复议·尚未审结**');
  assert.match(h.markdown, /本机关为被申请人，不是作为复议机关办理的案件/);
  assert.match(h.markdown, /尚未审结：年底尚未作出复议决定或裁判的案件/);
  const corrected = hoverOn(cell('T4', 'data', 'direct.corrected').valueSpan.start)!;
  assert.match(corrected.markdown, /未经复议直接起诉/);
  assert.match(corrected.markdown, /结果纠正：本机关的答复被撤销、确认违法或责令重新答复/);
});

test('the balance rows 一、二、（七）总计、四 explain the balance with this table’s figures', () => {
  const expected: Record<string, string> = { received: '第一项', carriedIn: '第二项', resultTotal: '第三项', carriedOut: '第四项' };
  for (const [key, term] of Object.entries(expected)) {
    const row = report.tables.find((t) => t.id === 'T3')!.rows.find((r) => r.key === key)!;
    const h = hoverOn(row.labelSpan!.start + 1)!;
    assert.ok(h, key);
    assert.match(h.markdown, new RegExp(`勾稽关系的${term}`), key);
    assert.match(h.markdown, /本表总计列：53 \+ 4 = 57，55 \+ 2 = 57 ✓/, key);
    assert.deepEqual(h.span, row.labelSpan, key);
  }
});

test('the group rows （四）（五）（六） get their group’s hover', () => {
  for (const [label, title] of [['（四）无法提供', '**（四）无法提供**'], ['（五）不予处理', '**（五）不予处理**'], ['（六）其他处理', '**（六）其他处理**']]) {
    const at = CLEAN.indexOf(label, CLEAN.indexOf('三、收到和处理政府信息公开申请情况'));
    const h = hoverOn(at + 1)!;
    assert.ok(h, label);
    assert.ok(h.markdown.startsWith(title), h.markdown);
    assert.match(h.markdown, /法律依据：/);
    assert.equal(CLEAN.slice(h.span.start, h.span.end), label);
  }
});

test('the split label （三）/不予/公开 gets the category’s hover on each piece, not section 三’s', () => {
  const t3 = CLEAN.indexOf('三、收到和处理政府信息公开申请情况');
  const three = CLEAN.indexOf('（三）', t3);
  for (const [piece, at] of [['（三）', three], ['不予', CLEAN.indexOf('\n不予\n', three) + 1], ['公开', CLEAN.indexOf('\n公开\n', three) + 1]] as const) {
    const h = hoverOn(at + 1)!;
    assert.ok(h, piece);
    assert.ok(h.markdown.startsWith('**（三）不予公开**'), `${piece}: ${h.markdown}`);
    assert.equal(CLEAN.slice(h.span.start, h.span.end), piece);
  }
});

test('表二’s rows name the item of 条例第二十条 they come from', () => {
  const t2 = report.tables.find((t) => t.id === 'T2')!;
  const items: Record<string, string> = { rules: '第二十条第（一）项', normative: '第二十条第（一）项', licensing: '第二十条第（五）项', penalty: '第二十条第（六）项', coercion: '第二十条第（六）项', charges: '第二十条第（八）项' };
  for (const [key, item] of Object.entries(items)) {
    const row = t2.rows.find((r) => r.key === key)!;
    const h = hoverOn(row.labelSpan!.start + 1)!;
    assert.ok(h, key);
    assert.ok(h.markdown.includes(item), `${key}: ${h.markdown}`);
  }
});

test('seeds: the split label （三）/不予/公开 gets the category’s hover', { skip: seedFiles() ? false : SEEDS_MISSING }, () => {
  const text = seedFiles()!.get('000')!;
  const r = parse(text);
  const three = text.indexOf('（三）\n', text.indexOf('本年度办理结果'));
  for (const at of [three, text.indexOf('不予\n', three), text.indexOf('公开\n', three)]) {
    const h = hoverAt(r, at + 1)!;
    assert.ok(h && h.markdown.startsWith('**（三）不予公开**'), h?.markdown);
  }
});
