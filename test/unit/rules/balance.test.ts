import { BASE, row, ruleTests } from '../rule-tester';

const received = (n: number) => row(BASE, '一、本年新收政府信息公开申请数量', [n, 0, 0, 0, 0, 0, n]);
ruleTests('balance', {
  valid: [
    { name: 'the skeleton', text: BASE },
    { name: 'what came in was carried over', text: row(received(2), '四、结转下年度继续办理', [2, 0, 0, 0, 0, 0, 2]) },
  ],
  invalid: [
    {
      // Two cells explain each column equally (一 too high or 四 too low): the candidates are named.
      name: 'two applications received, none handled or carried over',
      text: received(2),
      errors: [
        { message: '勾稽关系不平衡（自然人列）：第一项 + 第二项 = 2 + 0 = 2，第三项（七）总计 + 第四项 = 0 + 0 = 0；无法确定是哪一格写错，可能是：“四、结转下年度继续办理”·自然人应为 2；“一、本年新收政府信息公开申请数量”·自然人应为 0', text: '0' },
        { message: '勾稽关系不平衡（总计列）：第一项 + 第二项 = 2 + 0 = 2，第三项（七）总计 + 第四项 = 0 + 0 = 0；无法确定是哪一格写错，可能是：“四、结转下年度继续办理”·总计应为 2；“一、本年新收政府信息公开申请数量”·总计应为 0', text: '0' },
      ],
    },
  ],
});
