// narrative-all-closed: 均已办结 while 表三 carries applications over, 均已审结 while 表四 has cases
// pending. On the skeleton with figures set, and on the clean fixture report (nothing else fires).
import { fixture, replaceOnce, setCell } from '../../helpers';
import { BASE, row, ruleTests, swap } from '../rule-tester';

// 3 received, 1 granted, 2 carried over to next year.
let T = row(BASE, '一、本年新收政府信息公开申请数量', [3, 0, 0, 0, 0, 0, 3]);
T = row(T, '（一）予以公开', [1, 0, 0, 0, 0, 0, 1]);
T = row(T, '（七）总计', [1, 0, 0, 0, 0, 0, 1]);
T = row(T, '四、结转下年度继续办理', [2, 0, 0, 0, 0, 0, 2]);
const said = (text: string, s: string) => swap(text, '（二）依申请公开', `（二）依申请公开\n${s}`);
// 表四: one 行政复议 case 尚未审结.
const T4_ZERO = Array(15).fill('0').join('\t');
const PENDING = swap(BASE, T4_ZERO, ['0', '0', '0', '1', '1', ...Array(10).fill('0')].join('\t'));
const cases = (text: string, s: string) => swap(text, '（五）监督保障', `（五）监督保障\n${s}`);

const CLEAN = fixture('clean-2021.txt');
const PARA = '本年度新收政府信息公开申请53件，上年结转4件，办结55件，其中予以公开25件，部分公开5件，2件结转下年度继续办理。';
const CLOSED = replaceOnce(CLEAN, PARA, '本年度新收政府信息公开申请53件，均已按时办结。');
const noneCarried = setCell(setCell(CLOSED, 'T3', 'carriedOut', 'natural', '0'), 'T3', 'carriedOut', 'total', '0');

ruleTests('narrative-all-closed', {
  valid: [
    { name: 'the skeleton', text: BASE },
    { name: 'the clean fixture', text: CLEAN, alone: true },
    { name: 'nothing carried over: the sentence is true', text: noneCarried },
    { name: 'of a part only: 上年结转的申请已全部办结', text: replaceOnce(CLEAN, PARA, `${PARA}上年结转的申请已全部办结。`), alone: true },
    { name: 'of last year: 2023年收到的申请均已办结', text: said(T, '2023年收到的申请均已办结。') },
    { name: 'cases 均已审结 while 表四 has none pending', text: cases(BASE, '本年度发生政府信息公开行政复议0件，均已审结。') },
  ],
  invalid: [
    {
      name: '均已按时办结 while 2 applications are carried over (clean fixture)',
      text: CLOSED,
      alone: true,
      errors: [{ severity: 'warning', message: '正文说“均已按时办结”，但表三“四、结转下年度继续办理”为 2 件，并未全部办结', text: '均已按时办结', fixed: null }],
    },
    {
      name: '均已办结 on the skeleton with 2 carried over',
      text: said(T, '本年度新收政府信息公开申请3件，均已办结。'),
      errors: [{ message: '正文说“均已办结”，但表三“四、结转下年度继续办理”为 2 件，并未全部办结', text: '均已办结', fixed: null }],
    },
    {
      name: '复议诉讼均已审结 while 表四 has cases pending (clean fixture)',
      text: replaceOnce(CLEAN, '本年度发生政府信息公开行政复议3件、行政诉讼1件，均依法应诉。', '本年度发生政府信息公开行政复议3件、行政诉讼1件，均已审结。'),
      alone: true,
      errors: [{ message: '正文说“均已审结”，但表四记有尚未审结 2 件', text: '均已审结', fixed: null }],
    },
    {
      name: '行政复议…均已审结 while 表四 has 1 pending',
      text: cases(PENDING, '本年度发生政府信息公开行政复议1件，均已审结。'),
      errors: [{ message: '正文说“均已审结”，但表四记有尚未审结 1 件', text: '均已审结', fixed: null }],
    },
  ],
});
