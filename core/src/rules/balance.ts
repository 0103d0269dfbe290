import { arithmeticRule } from './total';

export default arithmeticRule('balance', '表三勾稽关系：第一项 + 第二项 = 第三项（七）总计 + 第四项，逐列成立');
