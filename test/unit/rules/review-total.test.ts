import { BASE, ruleTests, swap } from '../rule-tester';

const T4 = '0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0';
const t4 = (cells: number[]) => swap(BASE, T4, cells.join('\t'));
ruleTests('review-total', {
  valid: [
    { name: 'the skeleton', text: BASE },
    { name: '总计 of 行政复议 is the four before it', text: t4([2, 1, 0, 1, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]) },
  ],
  invalid: [
    {
      name: '行政复议 总计 one short',
      text: t4([2, 1, 0, 1, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
      errors: [{ text: '3', fixed: t4([2, 1, 0, 1, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]) }],
    },
  ],
});
