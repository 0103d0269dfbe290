// fee-contradiction: section 六 says no fee was charged or no fee notice sent, while 表三 counts
// applications closed because a fee notice went unpaid.
import { template } from '../../../core/src';
import { fixture, replaceOnce, setCell } from '../../helpers';
import { BASE, row, ruleTests, swap } from '../rule-tester';

const FEE_SENTENCE = '本机关2024年度发出收费通知 0 件，总金额 0 元，实际收取信息处理费 0 元。';
// One application closed because the applicant did not pay the fee notice.
let UNPAID = row(BASE, '一、本年新收政府信息公开申请数量', [1, 0, 0, 0, 0, 0, 1]);
UNPAID = row(UNPAID, '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', [1, 0, 0, 0, 0, 0, 1]);
UNPAID = row(UNPAID, '（七）总计', [1, 0, 0, 0, 0, 0, 1]);
const six = (text: string, s: string) => swap(text, FEE_SENTENCE, s);

// The clean fixture with one unpaid application, one fewer 予以公开 (the table stays balanced).
const CLEAN = fixture('clean-2021.txt');
let CLEAN_UNPAID = setCell(CLEAN, 'T3', 'other2', 'natural', '1');
CLEAN_UNPAID = setCell(CLEAN_UNPAID, 'T3', 'other2', 'total', '1');
CLEAN_UNPAID = setCell(CLEAN_UNPAID, 'T3', 'granted', 'natural', '17');
CLEAN_UNPAID = setCell(CLEAN_UNPAID, 'T3', 'granted', 'total', '24');
CLEAN_UNPAID = replaceOnce(CLEAN_UNPAID, '其中予以公开25件', '其中予以公开24件');
const CLEAN_SIX = '本机关2024年度未发出信息处理费收费通知，未收取信息处理费。';

ruleTests('fee-contradiction', {
  valid: [
    { name: 'the skeleton', text: BASE },
    { name: 'no unpaid application: 未收取 is true', text: six(BASE, '本机关2024年度未收取信息处理费。') },
    { name: 'section 六 gives the notices, the amount and what was paid', text: six(UNPAID, '本机关2024年度发出收费通知1件，总金额200元，申请人逾期未缴费，实际收取信息处理费 0 元。') },
    {
      name: 'the same on the clean fixture',
      text: replaceOnce(CLEAN_UNPAID, CLEAN_SIX, '本机关2024年度发出信息处理费收费通知1件，金额200元，申请人逾期未缴费，实际收取0元。'),
      alone: true,
    },
    {
      name: 'a sentence outside section 六 is not read',
      text: swap(six(UNPAID, '本机关2024年度发出收费通知1件，总金额200元，实际收取信息处理费 0 元。'), '（二）改进情况', '（二）改进情况\n本机关未收取信息处理费。'),
    },
    { name: 'the 2019 format has no such row', text: swap(template({ agency: '青禾县统计局', year: 2020, layout: 'row' }), '无。', '本机关未收取信息处理费。') },
  ],
  invalid: [
    {
      name: '未发出信息处理费收费通知 (clean fixture, one unpaid)',
      text: CLEAN_UNPAID,
      alone: true,
      errors: [{
        severity: 'warning',
        message: '第六部分写“未发出信息处理费”，但表三“申请人逾期未按收费通知要求缴纳费用”有 1 件，说明发出过收费通知：请写明收费通知件数、金额和实收金额',
        text: '未发出信息处理费',
        fixed: null,
      }],
    },
    {
      name: '未收取信息处理费',
      text: six(UNPAID, '本机关2024年度未收取信息处理费。'),
      errors: [{ message: '第六部分写“未收取信息处理费”，但表三“申请人逾期未按收费通知要求缴纳费用”有 1 件，说明发出过收费通知：请写明收费通知件数、金额和实收金额', text: '未收取信息处理费', fixed: null }],
    },
    {
      name: '收费通知0件',
      text: six(UNPAID, '本机关2024年度收费通知0件。'),
      errors: [{ message: '第六部分写“收费通知0件”，但表三“申请人逾期未按收费通知要求缴纳费用”有 1 件，说明发出过收费通知：请写明收费通知件数、金额和实收金额', text: '收费通知0件', fixed: null }],
    },
    {
      name: 'the skeleton\'s own sentence left as it is: 发出收费通知 0 件',
      text: UNPAID,
      errors: [{ message: '第六部分写“收费通知 0 件”，但表三“申请人逾期未按收费通知要求缴纳费用”有 1 件，说明发出过收费通知：请写明收费通知件数、金额和实收金额', text: '收费通知 0 件', fixed: null }],
    },
  ],
});
