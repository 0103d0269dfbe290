import { BASE, row, ruleTests, swap } from '../rule-tester';

ruleTests('table-shape', {
  valid: [{ name: 'the skeleton', text: BASE }],
  invalid: [
    {
      name: 'a row with six numbers for seven columns',
      text: row(BASE, '5.属于三类内部事务信息', [1, 0, 0, 0, 0, 1]),
      errors: [{ message: '表三“5.属于三类内部事务信息”一行应有 7 个数字，实有 6 个', text: '5.属于三类内部事务信息' }],
    },
    {
      name: 'a row left out',
      text: swap(BASE, '3.危及“三安全一稳定”\t0\t0\t0\t0\t0\t0\t0\n', ''),
      errors: [{ message: '表三缺少“3.危及“三安全一稳定””一行' }],
    },
    {
      name: 'a row written twice',
      text: swap(BASE, '2.重复申请\t0\t0\t0\t0\t0\t0\t0\n', '2.重复申请\t0\t0\t0\t0\t0\t0\t0\n2.重复申请\t0\t0\t0\t0\t0\t0\t0\n'),
      errors: [{ message: '表三中“2.重复申请”一行重复出现，只计第一行' }],
    },
  ],
});
