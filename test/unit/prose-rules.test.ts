// The other statements the tables decide (issue 12): each its own rule code, tested on the clean
// fixture with one defect introduced: exact code, span, message and fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, check, applyEdits, type Problem } from '../../core/src';
import { fixture, replaceOnce, setCell } from '../helpers';

const CLEAN = fixture('clean-2021.txt');

const problems = (text: string): Problem[] => check(parse(text));
const spanText = (text: string, p: Problem) => text.slice(p.span.start, p.span.end);
const PARA = '本年度新收政府信息公开申请53件，上年结转4件，办结55件，其中予以公开25件，部分公开5件，2件结转下年度继续办理。';

test('narrative-all-closed: 均已办结 while 2 applications are carried over', () => {
  const text = replaceOnce(CLEAN, PARA, '本年度新收政府信息公开申请53件，均已按时办结。');
  const ps = problems(text);
  assert.deepEqual(ps.map((p) => p.code), ['narrative-all-closed']);
  assert.equal(spanText(text, ps[0]), '均已按时办结');
  assert.equal(ps[0].severity, 'warning');
  assert.equal(ps[0].message, '正文说“均已按时办结”，但表三“四、结转下年度继续办理”为 2 件，并未全部办结');
  assert.equal(ps[0].fix, undefined);
  // Nothing carried over: the sentence is true.
  let zero = setCell(text, 'T3', 'carriedOut', 'natural', '0');
  zero = setCell(zero, 'T3', 'carriedOut', 'total', '0');
  assert.deepEqual(problems(zero).filter((p) => p.code === 'narrative-all-closed'), []);
});

test('narrative-all-closed: 复议诉讼均已审结 while 表四 has cases pending; a part (上年结转的…) is not read', () => {
  const text = replaceOnce(CLEAN, '本年度发生政府信息公开行政复议3件、行政诉讼1件，均依法应诉。', '本年度发生政府信息公开行政复议3件、行政诉讼1件，均已审结。');
  const ps = problems(text).filter((p) => p.code === 'narrative-all-closed');
  assert.equal(ps.length, 1);
  assert.equal(spanText(text, ps[0]), '均已审结');
  assert.match(ps[0].message, /表四记有尚未审结 \d+ 件/);
  const part = replaceOnce(CLEAN, PARA, `${PARA}上年结转的申请已全部办结。`);
  assert.deepEqual(problems(part), []);
});

test('fee-contradiction: section 六 says 未收取 while 表三 counts an unpaid fee notice', () => {
  let text = setCell(CLEAN, 'T3', 'other2', 'natural', '1');
  text = setCell(text, 'T3', 'other2', 'total', '1');
  // Keep the table balanced: one fewer 予以公开.
  text = setCell(text, 'T3', 'granted', 'natural', '17');
  text = setCell(text, 'T3', 'granted', 'total', '24');
  text = replaceOnce(text, '其中予以公开25件', '其中予以公开24件');
  const ps = problems(text);
  assert.deepEqual(ps.map((p) => p.code), ['fee-contradiction']);
  assert.equal(spanText(text, ps[0]), '未发出信息处理费');
  assert.match(ps[0].message, /有 1 件，说明发出过收费通知/);
  const fine = replaceOnce(text, '本机关2024年度未发出信息处理费收费通知，未收取信息处理费。', '本机关2024年度发出信息处理费收费通知1件，金额200元，申请人逾期未缴费，实际收取0元。');
  assert.deepEqual(problems(fine), []);
});

test('section-empty: section 五 with its heading only', () => {
  const text = replaceOnce(CLEAN, '主要问题是政策解读形式较为单一。下一步将丰富图解、视频等解读形式。\n', '');
  const ps = problems(text);
  assert.deepEqual(ps.map((p) => p.code), ['section-empty']);
  assert.equal(spanText(text, ps[0]), '五、存在的主要问题及改进情况');
  assert.equal(ps[0].message, '第五部分“五、存在的主要问题及改进情况”只有标题，没有内容');
});

test('item-numbering: 一是…三是…三是 is flagged at the second 三, and the fix writes 四', () => {
  const text = replaceOnce(CLEAN, '下一步将丰富图解、视频等解读形式。', '下一步，一是加强培训；二是完善制度；三是强化监督；三是做好解读。');
  const ps = problems(text);
  assert.deepEqual(ps.map((p) => p.code), ['item-numbering']);
  const second = text.lastIndexOf('三是');
  assert.deepEqual(ps[0].span, { start: second, end: second + 1 });
  assert.equal(ps[0].message, '编号重复或跳号：“三是”之后是“三是”，应为“四是”');
  assert.deepEqual(ps[0].fix!.edits, [{ start: second, end: second + 1, newText: '四' }]);
  assert.deepEqual(problems(applyEdits(text, ps[0].fix!.edits)), []);
  // A skip: 一是…三是.
  const skip = replaceOnce(CLEAN, '下一步将丰富图解、视频等解读形式。', '下一步，一是加强培训；三是完善制度。');
  const [p] = problems(skip);
  assert.equal(p.message, '编号重复或跳号：“一是”之后是“三是”，应为“二是”');
});

test('item-numbering: 一是…三是…三是 (as published): the first 三 is the slip, flagged once', () => {
  const text = replaceOnce(CLEAN, '下一步将丰富图解、视频等解读形式。', '下一步，一是加强培训；三是完善制度；三是做好解读。');
  const ps = problems(text);
  assert.deepEqual(ps.map((p) => p.code), ['item-numbering']);
  assert.equal(ps[0].span.start, text.indexOf('三是'));
  assert.equal(ps[0].message, '编号重复或跳号：“一是”之后是“三是”，应为“二是”');
  assert.deepEqual(problems(applyEdits(text, ps[0].fix!.edits)), []);
});

test('item-numbering: （一）（二）（四） sub-headings, and 总体情况 sub-headings written 一、', () => {
  const text = replaceOnce(CLEAN, '（四）平台建设', '（五）平台建设');
  const ps = problems(text);
  // The next one, （五）监督保障, follows （四）: only the slip is shown.
  assert.deepEqual(ps.map((p) => `${p.code} ${spanText(text, p)}`), ['item-numbering 五']);
  assert.equal(ps[0].message, '编号重复或跳号：（三）之后是（五），应为（四）');
  assert.equal(applyEdits(text, ps[0].fix!.edits), CLEAN);
  const top = replaceOnce(CLEAN, '（三）政府信息管理', '三、政府信息管理');
  const tp = problems(top).filter((p) => p.code === 'item-numbering');
  // （二） is followed by （四） until 三、 is written （三）.
  assert.deepEqual(tp.map((p) => spanText(top, p)), ['三、', '四']);
  assert.equal(tp[0].message, '总体情况的小标题应写作“（三）”，“三、”是报告六个部分的编号');
  assert.equal(applyEdits(top, tp[0].fix!.edits), CLEAN);
});

test('narrative-year: 2023 in a 2024 report where the sentence restates 2024’s figures; last year’s figures are left alone', () => {
  const text = replaceOnce(CLEAN, '本年度新收政府信息公开申请53件，上年结转4件', '2023年新收政府信息公开申请53件，上年结转4件');
  const ps = problems(text).filter((p) => p.code !== 'year-mismatch');
  assert.deepEqual(ps.map((p) => `${p.code} ${spanText(text, p)}`), ['narrative-year 2023']);
  assert.equal(ps[0].message, '年份疑似写错：这句复述的是本报告（2024 年度）表格中的数字，却写作 2023 年');
  assert.deepEqual(ps[0].fix!.edits, [{ ...ps[0].span, newText: '2024' }]);
  const lastYear = replaceOnce(CLEAN, PARA, `${PARA}2023年新收政府信息公开申请48件。`);
  assert.deepEqual(problems(lastYear), []);
});
