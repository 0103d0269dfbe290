import { totalRule } from './total';

export default totalRule('row-total', '表三每一行的“总计”应等于六类申请人之和');
