import { BASE, row, ruleTests } from '../rule-tester';

const withGranted = row(row(BASE, '（一）予以公开', [10, 0, 0, 0, 0, 0, 10]), '2.重复申请', [1, 0, 0, 0, 0, 0, 1]);
const good = row(withGranted, '（七）总计', [11, 0, 0, 0, 0, 0, 11]);
ruleTests('column-total', {
  valid: [
    { name: 'the skeleton', text: BASE },
    { name: '（七）总计 is the sum of the disposition rows', text: row(row(good, '一、本年新收政府信息公开申请数量', [11, 0, 0, 0, 0, 0, 11]), '四、结转下年度继续办理', [0, 0, 0, 0, 0, 0, 0]) },
  ],
  invalid: [
    {
      name: '（七）总计 leaves out 2.重复申请',
      text: row(withGranted, '（七）总计', [10, 0, 0, 0, 0, 0, 10]),
      errors: [
        { text: '10', fixed: row(withGranted, '（七）总计', [11, 0, 0, 0, 0, 0, 10]) },
        { text: '10', fixed: row(withGranted, '（七）总计', [10, 0, 0, 0, 0, 0, 11]) },
      ],
    },
  ],
});
