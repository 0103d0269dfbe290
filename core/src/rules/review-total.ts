import { totalRule } from './total';

export default totalRule('review-total', '表四行政复议“总计”应等于前四项之和');
