import { totalRule } from './total';

export default totalRule('column-total', '表三“（七）总计”应等于各项办理结果之和');
