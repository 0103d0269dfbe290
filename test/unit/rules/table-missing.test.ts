import { FORMATS, readText, tableTemplate } from '../../../core/src';
import { fixture } from '../../helpers';
import { BASE, ruleTests, swap } from '../rule-tester';

const start = BASE.indexOf('（本列数据的勾稽关系为');
const end = BASE.indexOf('四、政府信息公开行政复议');
const without = BASE.slice(0, start) + '本机关本年度未收到政府信息公开申请。\n\n' + BASE.slice(end);
ruleTests('table-missing', {
  valid: [
    { name: 'the skeleton', text: BASE },
    {
      // cell-ambiguous reports the digits (test/unit/rules/cell-ambiguous.test.ts).
      name: 'crawler text whose 表四 data row splits no way: the table is there, unread',
      text: swap(fixture('crawler-2021.txt'), '110130001100000', '1101300011000010'),
      read: readText,
    },
  ],
  invalid: [
    {
      name: 'section 三 without 表三: the fix inserts an empty one under the heading',
      text: without,
      errors: [
        {
          message: '第三部分缺少表三“收到和处理政府信息公开申请情况”',
          text: '三、收到和处理政府信息公开申请情况',
          fixed: without.replace('三、收到和处理政府信息公开申请情况\n', `三、收到和处理政府信息公开申请情况\n${tableTemplate(FORMATS['2021'].tables.T3, 'row')}\n`),
        },
      ],
    },
  ],
});
