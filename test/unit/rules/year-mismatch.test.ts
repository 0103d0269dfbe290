import { BASE, ruleTests, swap } from '../rule-tester';

ruleTests('year-mismatch', {
  valid: [
    { name: 'the skeleton', text: BASE },
    { name: 'next year\'s plans in section 五', text: swap(BASE, '（二）改进情况', '（二）改进情况\n2025年，将丰富解读形式。') },
  ],
  invalid: [
    {
      name: 'last year left in the statistical period',
      text: swap(BASE, '统计期限从2024年1月1日', '统计期限从2023年1月1日'),
      errors: [{ message: '年份不一致：标题为 2024 年度报告，此处写的是 2023 年', text: '2023', fixed: BASE }],
    },
  ],
});
