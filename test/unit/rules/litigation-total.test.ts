import { BASE, ruleTests, swap } from '../rule-tester';

const T4 = '0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0';
const t4 = (cells: number[]) => swap(BASE, T4, cells.join('\t'));
ruleTests('litigation-total', {
  valid: [
    { name: 'the skeleton', text: BASE },
    { name: 'both litigation groups add up', text: t4([0, 0, 0, 0, 0, 1, 0, 1, 0, 2, 0, 0, 0, 1, 1]) },
  ],
  invalid: [
    {
      name: 'each litigation group with a wrong 总计',
      text: t4([0, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 0, 0, 1, 0]),
      errors: [{ text: '1' }, { text: '0', fixed: t4([0, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 0, 0, 1, 1]) }],
    },
  ],
});
