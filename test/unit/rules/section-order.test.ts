import { BASE, ruleTests } from '../rule-tester';

const four = BASE.indexOf('四、政府信息公开行政复议');
const five = BASE.indexOf('五、存在的主要问题及改进情况');
const six = BASE.indexOf('六、其他需要报告的事项');
const swapped = BASE.slice(0, four) + BASE.slice(five, six) + BASE.slice(four, five) + BASE.slice(six);
ruleTests('section-order', {
  valid: [{ name: 'the skeleton', text: BASE }],
  invalid: [
    {
      name: '五 before 四',
      text: swapped,
      errors: [{ message: '“四、政府信息公开行政复议、行政诉讼情况”应排在“五、存在的主要问题及改进情况”之前', text: '四、政府信息公开行政复议、行政诉讼情况', fixed: null }],
    },
  ],
});
