import { BASE, row, ruleTests } from '../rule-tester';

const granted = (total: number) => row(BASE, '（一）予以公开', [12, 3, 0, 0, 1, 0, total]);
ruleTests('row-total', {
  valid: [
    { name: 'the skeleton', text: BASE },
    { name: '总计 equals the six applicant columns', text: granted(16) },
    { name: 'a wrong total when the rule is off', text: granted(17), settings: { rules: { 'row-total': 'off' } } },
  ],
  invalid: [
    {
      name: '总计 of （一）予以公开 one too many',
      text: granted(17),
      errors: [{ message: '“（一）予以公开”·总计应为 16（12+3+0+0+1+0），实为 17', text: '17', fixed: granted(16) }],
    },
    {
      name: 'full-width digits are rewritten full-width',
      text: row(BASE, '（一）予以公开', ['１２', 3, 0, 0, 1, 0, '１７']),
      errors: [{ text: '１７', fixed: row(BASE, '（一）予以公开', ['１２', 3, 0, 0, 1, 0, '１６']) }],
    },
  ],
});
