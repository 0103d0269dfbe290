import { arithmeticRule } from './total';

export default arithmeticRule('row-total', '表三每一行的“总计”应等于六类申请人之和');
