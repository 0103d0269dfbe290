// narrative-year: a year one off from the report year in a sentence that restates this year's table
// figures; a sentence that reads as last year's figures is left alone.
import { fixture, replaceOnce } from '../../helpers';
import { BASE, row, ruleTests, swap } from '../rule-tester';

// 3 received, all granted.
let T = row(BASE, '一、本年新收政府信息公开申请数量', [3, 0, 0, 0, 0, 0, 3]);
T = row(T, '（一）予以公开', [3, 0, 0, 0, 0, 0, 3]);
T = row(T, '（七）总计', [3, 0, 0, 0, 0, 0, 3]);
const said = (s: string) => swap(T, '（二）依申请公开', `（二）依申请公开\n${s}`);

const CLEAN = fixture('clean-2021.txt');
const PARA = '本年度新收政府信息公开申请53件，上年结转4件';
const PARA_FULL = '本年度新收政府信息公开申请53件，上年结转4件，办结55件，其中予以公开25件，部分公开5件，2件结转下年度继续办理。';

ruleTests('narrative-year', {
  valid: [
    { name: 'the skeleton', text: BASE },
    { name: 'the clean fixture', text: CLEAN, alone: true },
    { name: 'the report year', text: said('2024年新收政府信息公开申请3件。') },
    { name: 'last year\'s own figures (48 is not this year\'s)', text: replaceOnce(CLEAN, PARA_FULL, `${PARA_FULL}2023年新收政府信息公开申请48件。`), alone: true },
    { name: 'figures of 0 say nothing about the year', text: swap(BASE, '（二）依申请公开', '（二）依申请公开\n2023年新收政府信息公开申请0件。') },
    { name: 'two years off is not a slip of one', text: said('2022年新收政府信息公开申请3件。') },
  ],
  invalid: [
    {
      name: '2023 in a 2024 report restating 2024\'s figures (clean fixture)',
      text: replaceOnce(CLEAN, PARA, '2023年新收政府信息公开申请53件，上年结转4件'),
      errors: [{
        severity: 'warning',
        message: '年份疑似写错：这句复述的是本报告（2024 年度）表格中的数字，却写作 2023 年',
        text: '2023',
        fixed: replaceOnce(CLEAN, PARA, '2024年新收政府信息公开申请53件，上年结转4件'),
      }],
    },
    {
      name: '2025: one year ahead',
      text: said('2025年新收政府信息公开申请3件。'),
      errors: [{ message: '年份疑似写错：这句复述的是本报告（2024 年度）表格中的数字，却写作 2025 年', text: '2025', fixed: said('2024年新收政府信息公开申请3件。') }],
    },
  ],
});
