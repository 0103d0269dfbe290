import { BASE, row, ruleTests, swap } from '../rule-tester';

let text = row(BASE, '一、本年新收政府信息公开申请数量', [52, 0, 0, 0, 0, 0, 52]);
text = row(text, '（一）予以公开', [52, 0, 0, 0, 0, 0, 52]);
text = row(text, '（七）总计', [52, 0, 0, 0, 0, 0, 52]);
const said = (n: number) => swap(text, '（二）依申请公开', `（二）依申请公开\n本年度新收政府信息公开申请${n}件，均已办结。`);
ruleTests('narrative-mismatch', {
  valid: [
    { name: 'the skeleton', text: BASE },
    { name: 'the prose restates the table', text: said(52) },
  ],
  invalid: [
    {
      name: 'the prose says 53, the table 52',
      text: said(53),
      errors: [{ message: '正文写 53 件，与表三“一、本年新收政府信息公开申请数量”·总计的 52 不一致', text: '53', fixed: said(52) }],
    },
  ],
});
