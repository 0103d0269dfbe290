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
  ],
});
