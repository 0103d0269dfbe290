// cell-reading (information): how a reader of a published layout read cells that were not plainly
// written: run-together digits split by the table's relations (crawler text), blank, “/” and “—”
// cells read as 0 (HTML). The layouts as a whole are tested in test/unit/layouts.test.ts.
import { documentOf, readText } from '../../../core/src';
import { readHtml } from '../../../core/src/readers/html';
import { fixture } from '../../helpers';
import { BASE, ruleTests, swap } from '../rule-tester';

const CRAWLER = fixture('crawler-2021.txt');
const PAGE = fixture('page-2021.html');
const html = (text: string) => documentOf(readHtml(text));
/** The crawler fixture with the four runs that need the relations written apart. */
const APART = [
  ['申请数量419012053', '申请数量41 9 0 1 2 0 53'],
  ['（一）予以公开185011025', '（一）予以公开18 5 0 1 1 0 25'],
  ['103001014', '10 3 0 0 1 0 14'],
  ['（七）总计4210012055', '（七）总计42 10 0 1 2 0 55'],
].reduce((t, [from, to]) => swap(t, from, to), CRAWLER);
/** A minimal page: 表二's 规章 row with one “/” cell, 行政规范性文件 written out. */
const SMALL = `<h1>青禾县统计局2024年度政府信息公开工作年度报告</h1>
<p>一、总体情况</p><p>本局全年主动公开政府信息12条。</p>
<p>二、主动公开政府信息情况</p>
<table>
<tr><td colspan="4">第二十条第（一）项</td></tr>
<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
<tr><td>规章</td><td>0</td><td>/</td><td>0</td></tr>
<tr><td>行政规范性文件</td><td>3</td><td>1</td><td>27</td></tr>
</table>`;

ruleTests('cell-reading', {
  valid: [
    { name: 'plain one-row-per-line text needs no reading', text: BASE },
    { name: 'crawler text with every run written apart', text: APART, read: readText },
    { name: 'a page whose cells are all written', text: SMALL.replace('<td>/</td>', '<td>0</td>'), read: html },
  ],
  invalid: [
    {
      name: 'a run split one way by the relations (the other reading does not fit)',
      text: swap(APART, '（七）总计42 10 0 1 2 0 55', '（七）总计4210012055'),
      read: readText,
      errors: [{ severity: 'info', message: '本行数字连写（4210012055），按勾稽关系读作 42/10/0/1/2/0/55（另有拆法 42/1/0/0/12/0/55 与列合计不符）', text: '4210012055', fixed: null }],
    },
    {
      name: 'a run whose only fitting split is named without alternatives',
      text: swap(APART, '申请数量41 9 0 1 2 0 53', '申请数量419012053'),
      read: readText,
      errors: [{ message: '本行数字连写（419012053），按勾稽关系读作 41/9/0/1/2/0/53', text: '419012053', fixed: null }],
    },
    {
      name: 'a “/” cell of a page is read as 0, once per table',
      text: SMALL,
      read: html,
      errors: [{ severity: 'info', message: '本表有 1 个单元格为空白或写作“/”“—”，按 0 计算', text: '/', fixed: null }],
    },
    {
      name: 'the fixture page: blanks, / and — in three tables',
      text: PAGE,
      read: html,
      errors: [
        { message: '本表有 21 个单元格为空白或写作“/”“—”，按 0 计算', text: '&nbsp;' },
        { message: '本表有 14 个单元格为空白或写作“/”“—”，按 0 计算', text: '&nbsp;&nbsp;' },
        { message: '本表有 9 个单元格为空白或写作“/”“—”，按 0 计算', text: '&nbsp;' },
      ],
    },
  ],
});
