// section-empty: a section without a table whose heading stands alone.
import { fixture, replaceOnce } from '../../helpers';
import { BASE, ruleTests, swap } from '../rule-tester';

const CLEAN = fixture('clean-2021.txt');
/** The skeleton with 表二 taken out: section 二 is its heading only. */
const NO_T2 = BASE.replace(/(二、主动公开政府信息情况\n)[\s\S]*?(?=三、收到和处理政府信息公开申请情况\n)/, '$1\n');
if (NO_T2 === BASE || NO_T2.includes('第二十条')) throw new Error('表二 not taken out');
const FEE_SENTENCE = '本机关2024年度发出收费通知 0 件，总金额 0 元，实际收取信息处理费 0 元。';

ruleTests('section-empty', {
  valid: [
    { name: 'the skeleton: sub-headings are content', text: BASE },
    { name: 'the clean fixture', text: CLEAN, alone: true },
    { name: 'a section whose table is missing is table-missing\'s, not this rule\'s', text: NO_T2 },
  ],
  invalid: [
    {
      name: 'section 五 with its heading only (clean fixture)',
      text: replaceOnce(CLEAN, '主要问题是政策解读形式较为单一。下一步将丰富图解、视频等解读形式。\n', ''),
      alone: true,
      errors: [{ severity: 'warning', message: '第五部分“五、存在的主要问题及改进情况”只有标题，没有内容', text: '五、存在的主要问题及改进情况', fixed: null }],
    },
    {
      name: 'section 一 with blank lines only',
      text: swap(BASE, '（一）主动公开\n\n（二）依申请公开\n\n（三）政府信息管理\n\n（四）平台建设\n\n（五）监督保障\n\n', '\n\n'),
      errors: [{ message: '第一部分“一、总体情况”只有标题，没有内容', text: '一、总体情况', fixed: null }],
    },
    {
      name: 'the last section, at the end of the file',
      text: swap(BASE, FEE_SENTENCE, ''),
      errors: [{ message: '第六部分“六、其他需要报告的事项”只有标题，没有内容', text: '六、其他需要报告的事项', fixed: null }],
    },
  ],
});
