// item-numbering: points 一是…二是… and sub-headings （一）（二）… that repeat or skip inside a
// section, and sub-headings of 总体情况 written like the report's own sections (三、 for （三）).
import { fixture, replaceOnce } from '../../helpers';
import { BASE, ruleTests, swap } from '../rule-tester';

const points = (s: string) => swap(BASE, '（二）改进情况', `（二）改进情况\n${s}`);
const CLEAN = fixture('clean-2021.txt');
const NEXT = '下一步将丰富图解、视频等解读形式。';
const clean = (s: string) => replaceOnce(CLEAN, NEXT, s);
const TOP = swap(BASE, '（三）政府信息管理', '三、政府信息管理');

ruleTests('item-numbering', {
  valid: [
    { name: 'the skeleton', text: BASE },
    { name: 'the clean fixture', text: CLEAN, alone: true },
    { name: '一是…二是…三是', text: points('下一步，一是加强培训；二是完善制度；三是强化监督。') },
    { name: 'each section numbers its points from 一', text: swap(points('一是加强培训；二是完善制度。'), '（一）存在的主要问题', '（一）存在的主要问题\n一是解读不足；二是培训不够。') },
    { name: 'a list that starts again at 一是', text: points('一是加强培训；二是完善制度。另外，一是做好解读；二是强化监督。') },
    {
      // Found by the fuzz run: with （一）→一、 the row would only fall out of 表三 as well.
      name: 'a 表三 row left in 总体情况 by a damaged layout is not a sub-heading',
      text: swap(BASE, '（二）依申请公开', '一、本年新收政府信息公开申请数量\t14\t3\t0\t1\t2\t0\t20\n三、本年度办理结果\n（二）依申请公开'),
    },
    {
      name: 'nor is a 表三 row numbered （二） after the sub-heading （五）',
      text: swap(BASE, '（五）监督保障', '（五）监督保障\n（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t2\t1\t0\t0\t0\t0\t3'),
    },
  ],
  invalid: [
    {
      name: '一是…三是…三是: the second 三 is flagged, the fix writes 四 (clean fixture)',
      text: clean('下一步，一是加强培训；二是完善制度；三是强化监督；三是做好解读。'),
      alone: true,
      errors: [{
        severity: 'warning',
        message: '编号重复或跳号：“三是”之后是“三是”，应为“四是”',
        text: '三',
        fixed: clean('下一步，一是加强培训；二是完善制度；三是强化监督；四是做好解读。'),
      }],
    },
    {
      name: '一是…三是…三是 (as published): the first 三 is the slip, flagged once',
      text: clean('下一步，一是加强培训；三是完善制度；三是做好解读。'),
      alone: true,
      errors: [{ message: '编号重复或跳号：“一是”之后是“三是”，应为“二是”', text: '三', fixed: clean('下一步，一是加强培训；二是完善制度；三是做好解读。') }],
    },
    {
      name: 'a skip: 一是…三是',
      text: points('下一步，一是加强培训；三是完善制度。'),
      errors: [{ message: '编号重复或跳号：“一是”之后是“三是”，应为“二是”', text: '三', fixed: points('下一步，一是加强培训；二是完善制度。') }],
    },
    {
      name: 'sub-headings （三）（五）（五）: only the slip is shown',
      text: swap(BASE, '（四）平台建设', '（五）平台建设'),
      errors: [{ message: '编号重复或跳号：（三）之后是（五），应为（四）', text: '五', fixed: BASE }],
    },
    {
      name: 'a 总体情况 sub-heading written 三、; （二） is then followed by （四）',
      text: TOP,
      errors: [
        { message: '总体情况的小标题应写作“（三）”，“三、”是报告六个部分的编号', text: '三、', fixed: BASE },
        { message: '编号重复或跳号：（二）之后是（四），应为（三）', text: '四', fixed: swap(TOP, '（四）平台建设', '（三）平台建设') },
      ],
    },
  ],
});
