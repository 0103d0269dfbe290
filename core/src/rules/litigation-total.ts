import { arithmeticRule } from './total';

export default arithmeticRule('litigation-total', '表四行政诉讼各组“总计”应等于前四项之和');
