import { BASE, ruleTests } from '../rule-tester';

const five = BASE.indexOf('五、存在的主要问题及改进情况');
const six = BASE.indexOf('六、其他需要报告的事项');
const without = BASE.slice(0, five) + BASE.slice(six);
ruleTests('section-missing', {
  valid: [{ name: 'the skeleton', text: BASE }],
  invalid: [
    {
      name: 'section 五 left out: the fix puts its heading back before 六',
      text: without,
      errors: [
        {
          message: '缺少第五部分“五、存在的主要问题及改进情况”：应在“四、政府信息公开行政复议、行政诉讼情况”部分之后',
          fixed: without.replace('六、其他需要报告的事项', '五、存在的主要问题及改进情况\n\n六、其他需要报告的事项'),
        },
      ],
    },
  ],
});
