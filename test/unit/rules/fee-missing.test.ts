import { template } from '../../../core/src';
import { BASE, ruleTests, swap } from '../rule-tester';

ruleTests('fee-missing', {
  valid: [
    { name: 'the skeleton', text: BASE },
    { name: 'the 2019 format does not ask for it', text: swap(template({ agency: '青禾县统计局', year: 2020, layout: 'row' }), '无。', '本机关无其他需要报告的事项。') },
  ],
  invalid: [
    {
      name: 'section 六 silent on the fee',
      text: swap(BASE, '本机关2024年度发出收费通知 0 件，总金额 0 元，实际收取信息处理费 0 元。', '本机关无其他需要报告的事项。'),
      errors: [{ message: '第六部分未说明信息处理费的收取情况（2021 年格式要求写明收费通知件数、金额和实收金额）', text: '六、其他需要报告的事项', fixed: null }],
    },
  ],
});
