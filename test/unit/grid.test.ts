// The tables as printed (core/src/grid.ts): exact shapes of 表二, 表三 and 表四 with their merged
// cells, derived from the format data, and the grid filled from a report with values, spans, totals,
// problems and the value a located wrong cell should hold.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FORMATS, check, fillGrid, formatGrids, parse, reportGrids, tableGrid, type GridCell, type TableGrid } from '../../core/src';
import { fixture, replaceOnce, setCell } from '../helpers';

/** One cell as `kind text @row,col ↓rowspan →colspan`; a value cell as `v row.column @row,col` with `=` for a total. */
function cellText(c: GridCell): string {
  const spans = `${c.rowspan > 1 ? `↓${c.rowspan}` : ''}${c.colspan > 1 ? `→${c.colspan}` : ''}`;
  if (c.kind === 'value') return `v ${c.ref!.row}.${c.ref!.column}${c.total ? '=' : ''} @${c.row},${c.col}${spans}`;
  return `${c.kind} ${c.text} @${c.row},${c.col}${spans}`;
}
const shape = (g: TableGrid) => g.rows.map((r) => `${r.kind}${r.key ? ` ${r.key}` : ''}: ${r.cells.map(cellText).join(' | ')}`);

const grids2021 = () => new Map(formatGrids(FORMATS['2021']).map((g) => [g.id, g]));
const grids2019 = () => new Map(formatGrids(FORMATS['2019']).map((g) => [g.id, g]));

test('表二 (2021): a caption per item across the table, 信息内容 and the item\'s columns, the last column spanning what is left', () => {
  const g = grids2021().get('T2')!;
  assert.equal(g.width, 4);
  assert.deepEqual(shape(g), [
    'caption: caption 第二十条第（一）项 @0,0→4',
    'header: corner 信息内容 @1,0 | heading 本年制发件数 @1,1 | heading 本年废止件数 @1,2 | heading 现行有效件数 @1,3',
    'data rules: label 规章 @2,0 | v rules.issued @2,1 | v rules.repealed @2,2 | v rules.valid @2,3',
    'data normative: label 行政规范性文件 @3,0 | v normative.issued @3,1 | v normative.repealed @3,2 | v normative.valid @3,3',
    'caption: caption 第二十条第（五）项 @4,0→4',
    'header: corner 信息内容 @5,0 | heading 本年处理决定数量 @5,1→3',
    'data licensing: label 行政许可 @6,0 | v licensing.decisions @6,1→3',
    'caption: caption 第二十条第（六）项 @7,0→4',
    'header: corner 信息内容 @8,0 | heading 本年处理决定数量 @8,1→3',
    'data penalty: label 行政处罚 @9,0 | v penalty.decisions @9,1→3',
    'data coercion: label 行政强制 @10,0 | v coercion.decisions @10,1→3',
    'caption: caption 第二十条第（八）项 @11,0→4',
    'header: corner 信息内容 @12,0 | heading 本年收费金额（单位：万元） @12,1→3',
    'data charges: label 行政事业性收费 @13,0 | v charges.fees @13,1→3',
  ]);
});

test('表三 (2021): the note over three label columns, 申请人情况 / 自然人 · 法人或其他组织 (five) · 总计, groups spanning their rows', () => {
  const g = grids2021().get('T3')!;
  assert.equal(g.width, 10);
  assert.equal(g.rows.length, 3 + 25);
  const s = shape(g);
  const cols = ['natural', 'business', 'research', 'welfare', 'legal', 'other'];
  const values = (row: string, r: number, total = false) =>
    [...cols.map((c, i) => `v ${row}.${c}${total ? '=' : ''} @${r},${3 + i}`), `v ${row}.total= @${r},9`].join(' | ');
  assert.deepEqual(s.slice(0, 6), [
    'header: corner （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） @0,0↓3→3 | heading 申请人情况 @0,3→7',
    'header: heading 自然人 @1,3↓2 | heading 法人或其他组织 @1,4→5 | heading 总计 @1,9↓2',
    'header: heading 商业企业 @2,4 | heading 科研机构 @2,5 | heading 社会公益组织 @2,6 | heading 法律服务机构 @2,7 | heading 其他 @2,8',
    `data received: label 一、本年新收政府信息公开申请数量 @3,0→3 | ${values('received', 3)}`,
    `data carriedIn: label 二、上年结转政府信息公开申请数量 @4,0→3 | ${values('carriedIn', 4)}`,
    `data granted: group 三、本年度办理结果 @5,0↓22 | label （一）予以公开 @5,1→2 | ${values('granted', 5)}`,
  ]);
  assert.equal(s[6], `data partial: label （二）部分公开（区分处理的，只计这一情形，不计其他情形） @6,1→2 | ${values('partial', 6)}`);
  assert.equal(s[7], `data withheld1: group （三）不予公开 @7,1↓8 | label 1.属于国家秘密 @7,2 | ${values('withheld1', 7)}`);
  assert.equal(s[8], `data withheld2: label 2.其他法律行政法规禁止公开 @8,2 | ${values('withheld2', 8)}`);
  assert.equal(s[15], `data unable1: group （四）无法提供 @15,1↓3 | label 1.本机关不掌握相关政府信息 @15,2 | ${values('unable1', 15)}`);
  assert.equal(s[18], `data notProcessed1: group （五）不予处理 @18,1↓5 | label 1.信访举报投诉类申请 @18,2 | ${values('notProcessed1', 18)}`);
  assert.equal(
    s[23],
    `data other1: group （六）其他处理 @23,1↓3 | label 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 @23,2 | ${values('other1', 23)}`,
  );
  assert.equal(s[25], `data other3: label 3.其他 @25,2 | ${values('other3', 25)}`);
  assert.equal(s[26], `data resultTotal: label （七）总计 @26,1→2 | ${values('resultTotal', 26, true)}`);
  assert.equal(s[27], `data carriedOut: label 四、结转下年度继续办理 @27,0→3 | ${values('carriedOut', 27)}`);
});

test('表四: 行政复议 over five outcomes, 行政诉讼 over 未经复议直接起诉 and 复议后起诉, one unlabelled row of fifteen', () => {
  for (const g of [grids2021().get('T4')!, grids2019().get('T4')!]) {
    const outcomes = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
    const keys = ['upheld', 'corrected', 'otherResult', 'pending', 'total'];
    assert.equal(g.width, 15);
    assert.deepEqual(shape(g), [
      'header: heading 行政复议 @0,0→5 | heading 行政诉讼 @0,5→10',
      `header: ${outcomes.map((o, i) => `heading ${o} @1,${i}↓2`).join(' | ')} | heading 未经复议直接起诉 @1,5→5 | heading 复议后起诉 @1,10→5`,
      `header: ${[5, 10].flatMap((at) => outcomes.map((o, i) => `heading ${o} @2,${at + i}`)).join(' | ')}`,
      `data data: ${['review', 'direct', 'afterReview'].flatMap((g, k) => keys.map((o, i) => `v data.${g}.${o}${o === 'total' ? '=' : ''} @3,${k * 5 + i}`)).join(' | ')}`,
    ]);
  }
});

test('2019 format: 表三\'s （六）其他处理 is a row of its own; 表二 has 第二十条第（九）项', () => {
  const t3 = shape(grids2019().get('T3')!);
  assert.equal(grids2019().get('T3')!.rows.length, 3 + 23);
  assert.match(t3[5], /^data granted: group 三、本年度办理结果 @5,0↓20 \| label （一）予以公开 @5,1→2 \| /);
  assert.match(t3[23], /^data otherHandling: label （六）其他处理 @23,1→2 \| /);
  const t2 = shape(grids2019().get('T2')!);
  assert.deepEqual(t2.slice(-3), [
    'caption: caption 第二十条第（九）项 @15,0→4',
    'header: corner 信息内容 @16,0 | heading 采购项目数量 @16,1 | heading 采购总金额 @16,2→2',
    'data procurement: label 政府集中采购 @17,0 | v procurement.purchases @17,1 | v procurement.amount @17,2→2',
  ]);
});

test('every grid covers its rectangle exactly once and holds each cell of the format once', () => {
  for (const format of Object.values(FORMATS)) {
    for (const def of Object.values(format.tables)) {
      const g = tableGrid(def);
      const taken = new Map<string, string>();
      for (const r of g.rows) {
        for (const c of r.cells) {
          for (let i = c.row; i < c.row + c.rowspan; i++) {
            for (let j = c.col; j < c.col + c.colspan; j++) {
              assert.ok(!taken.has(`${i},${j}`), `${format.id} ${def.id}: ${i},${j} twice`);
              taken.set(`${i},${j}`, c.kind);
            }
          }
        }
      }
      assert.equal(taken.size, g.rows.length * g.width, `${format.id} ${def.id}: holes`);
      const refs = g.rows.flatMap((r) => r.cells.filter((c) => c.kind === 'value').map((c) => `${c.ref!.row}|${c.ref!.column}`));
      const expected = def.rows.flatMap((r) => (r.columns ?? def.columns.map((c) => c.key)).map((c) => `${r.key}|${c}`));
      assert.deepEqual(refs.sort(), expected.sort(), `${format.id} ${def.id}`);
    }
  }
});

test('filled from a clean report: every number with its span, totals marked, no problem', () => {
  const text = fixture('clean-2021.txt');
  const report = parse(text);
  const filled = reportGrids(report, check(report));
  assert.deepEqual(filled.map((f) => [f.grid.id, f.found]), [['T2', true], ['T3', true], ['T4', true]]);
  for (const f of filled) {
    for (const [key, c] of Object.entries(f.cells)) {
      assert.ok(c.span, `${f.grid.id} ${key}`);
      assert.equal(text.slice(c.span!.start, c.span!.end), c.raw);
      assert.equal(c.value, Number(c.raw));
      assert.deepEqual([c.problems, c.expected, c.candidates], [[], null, []]);
    }
  }
  const t3 = filled[1];
  assert.equal(Object.keys(t3.cells).length, 25 * 7);
  assert.equal(Object.values(t3.cells).filter((c) => c.total).length, 25 + 6);
});

test('a wrong total: the cell carries its problem and the value it should hold', () => {
  const clean = fixture('clean-2021.txt');
  const before = parse(clean).tables.find((t) => t.id === 'T3')!.rows.find((r) => r.key === 'resultTotal')!.cells.find((c) => c.column === 'natural')!;
  const text = setCell(clean, 'T3', 'resultTotal', 'natural', String(before.value! + 5));
  const report = parse(text);
  const problems = check(report);
  const [, t3] = reportGrids(report, problems);
  const wrong = Object.entries(t3.cells).filter(([, c]) => c.problems.length);
  assert.deepEqual(
    wrong.map(([k, c]) => [k, c.value, c.expected, c.problems.map((p) => p.code)]),
    [['resultTotal|natural', before.value! + 5, before.value, ['row-total']]],
  );
  assert.equal(text.slice(wrong[0][1].span!.start, wrong[0][1].span!.end), String(before.value! + 5));
  // Every other cell keeps its value and has no correction.
  assert.ok(Object.entries(t3.cells).every(([k, c]) => k === 'resultTotal|natural' || (c.expected === null && c.problems.length === 0)));
});

test('a table the report lacks is drawn empty; a missing row leaves its cells empty', () => {
  const clean = fixture('clean-2021.txt');
  const noT4 = clean.slice(0, clean.indexOf('四、政府信息公开行政复议、行政诉讼情况')) + '四、政府信息公开行政复议、行政诉讼情况\n\n五、存在的主要问题及改进情况\n\n无。\n';
  const report = parse(noT4);
  const t4 = reportGrids(report, check(report))[2];
  assert.deepEqual([t4.found, t4.span], [false, null]);
  assert.ok(Object.values(t4.cells).every((c) => c.value === null && c.span === null && c.problems.length === 0));

  const noRow = replaceOnce(clean, '2.重复申请', '2.重复的申请不计');
  const r2 = parse(noRow);
  const t3 = fillGrid(tableGrid(FORMATS['2021'].tables.T3), r2, check(r2));
  assert.equal(t3.cells['notProcessed2|natural'].value, null);
  assert.equal(t3.cells['notProcessed2|natural'].span, null);
  assert.ok(t3.tableProblems.some((p) => p.code === 'table-shape') || Object.values(t3.rowProblems).flat().some((p) => p.code === 'table-shape'));
});
