import { arithmeticRule } from './total';

export default arithmeticRule('column-total', '表三“（七）总计”应等于各项办理结果之和');
