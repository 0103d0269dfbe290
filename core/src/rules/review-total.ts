import { arithmeticRule } from './total';

export default arithmeticRule('review-total', '表四行政复议“总计”应等于前四项之和');
