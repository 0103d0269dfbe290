import { BASE, ruleTests, swap } from '../rule-tester';

ruleTests('section-heading', {
  valid: [{ name: 'the skeleton', text: BASE }],
  invalid: [
    { name: 'an Arabic ordinal and a blank', text: swap(BASE, '一、总体情况', '1、 总体情况'), errors: [{ text: '1、 总体情况', fixed: BASE }] },
    { name: 'no ordinal', text: swap(BASE, '二、主动公开政府信息情况', '主动公开政府信息情况'), errors: [{ text: '主动公开政府信息情况', fixed: BASE }] },
    { name: 'a wrong ordinal', text: swap(BASE, '四、政府信息公开行政复议', '三、政府信息公开行政复议'), errors: [{ fixed: BASE }] },
  ],
});
