import { BASE, row, ruleTests } from '../rule-tester';

ruleTests('cell-not-number', {
  valid: [
    { name: 'the skeleton', text: BASE },
    { name: 'full-width digits are numbers', text: row(BASE, '行政许可', ['１２６']) },
    { name: 'a decimal amount in 万元', text: row(BASE, '行政事业性收费', ['0.5']) },
  ],
  invalid: [
    { name: 'a letter l for the digit 1', text: row(BASE, '1.本机关不掌握相关政府信息', [3, 'l', 0, 0, 0, 0, 3]), errors: [{ text: 'l' }] },
    { name: 'a dash for zero', text: row(BASE, '2.重复申请', ['-', 0, 0, 0, 0, 0, 0]), errors: [{ text: '-' }] },
    {
      name: 'a number in words, rewritten in digits by its quick fix',
      text: row(BASE, '2.重复申请', ['十二', 0, 0, 0, 0, 0, 12]),
      errors: [{ text: '十二', fixed: row(BASE, '2.重复申请', [12, 0, 0, 0, 0, 0, 12]) }],
    },
    // A row's only cell, or all its cells, not numbers: still that row's cells, not a row with none.
    { name: '无 in a one-number row', text: row(BASE, '行政许可', ['无']), errors: [{ text: '无', fixed: null }], alone: true },
    {
      name: 'thousands separators, in a row\'s first cell and in a one-number row, rewritten by the quick fix',
      text: row(row(BASE, '行政许可', ['1,126']), '一、本年新收政府信息公开申请数量', ['12,345', 0, 0, 0, 0, 0, 12345]),
      errors: [
        { text: '1,126', fixed: row(row(BASE, '行政许可', [1126]), '一、本年新收政府信息公开申请数量', ['12,345', 0, 0, 0, 0, 0, 12345]) },
        { text: '12,345', fixed: row(row(BASE, '行政许可', ['1,126']), '一、本年新收政府信息公开申请数量', [12345, 0, 0, 0, 0, 0, 12345]) },
      ],
    },
    { name: 'the table\'s last row without a number', text: row(BASE, '行政事业性收费', ['—']), errors: [{ text: '—', fixed: null }], alone: true },
  ],
});
