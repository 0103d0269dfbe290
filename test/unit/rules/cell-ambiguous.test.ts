// cell-ambiguous: crawler text whose run-together digits split more than one way, or no way that fits
// the table's relations; the row is left unread. How crawler text is read as a whole (every number of
// the one-cell-per-line report) is tested in test/unit/layouts.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readText } from '../../../core/src';
import { fixture } from '../../helpers';
import { ruleTests, swap } from '../rule-tester';

const CRAWLER = fixture('crawler-2021.txt');
const T4 = '110130001100000';
const crawler = (from: string, to: string) => ({ text: swap(CRAWLER, from, to), read: readText });

ruleTests('cell-ambiguous', {
  valid: [
    { name: 'the crawler fixture: every run splits one way that fits', text: CRAWLER, read: readText },
    { name: 'numbers written apart are read as written', ...crawler('申请数量419012053', '申请数量41 9 0 1 2 0 53') },
  ],
  invalid: [
    {
      name: 'three splits, none preferred by the relations',
      ...crawler('行政规范性文件3 1 27', '行政规范性文件3127'),
      errors: [{ severity: 'warning', message: '本行数字连写（3127），有 3 种拆法：3/1/27、3/12/7、31/2/7，无法确定，本行未计入', text: '行政规范性文件', fixed: null }],
    },
    {
      name: 'a blank inside the run is a cut: two splits left',
      ...crawler('行政规范性文件3 1 27', '行政规范性文件3 127'),
      errors: [{ message: '本行数字连写（3127），有 2 种拆法：3/1/27、3/12/7，无法确定，本行未计入', text: '行政规范性文件', fixed: null }],
    },
    {
      name: 'no split fits the relations (a wrong total)',
      ...crawler('一、本年新收政府信息公开申请数量419012053', '一、本年新收政府信息公开申请数量419012054'),
      errors: [{ message: '本行数字连写（419012054），无法拆成 7 个合乎勾稽关系的数，本行未计入：请核对', text: '一、本年新收政府信息公开申请数量', fixed: null }],
    },
    {
      name: 'T4\'s unlabelled data row: the problem lands on its digits',
      ...crawler(T4, '1101300011000010'),
      errors: [{ message: '表四数据行数字连写（1101300011000010），无法拆成 15 个合乎勾稽关系的数，本行未计入：请核对', text: '1101300011000010', fixed: null }],
    },
  ],
});

test('cell-ambiguous: the row is left unread (no number is guessed)', () => {
  const doc = readText(swap(CRAWLER, '行政规范性文件3 1 27', '行政规范性文件3127'));
  assert.deepEqual(doc.report.tables[0].rows.find((r) => r.key === 'normative')!.cells, []);
  assert.deepEqual(readText(CRAWLER).report.tables[0].rows.find((r) => r.key === 'normative')!.cells.map((c) => c.value), [3, 1, 27]);
});
