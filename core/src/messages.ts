// The message catalogue: every text a user reads from the core, Chinese, numbers as parameters.
// A `table` parameter is the table's short Chinese name (TableDef.shortName: 表三).

import type { FormatDef } from './format';

const HEADING_REASON: Record<string, string> = {
  typo: '有错字',
  'no-ordinal': '缺少序号',
  'arabic-ordinal': '应使用中文序号',
  'wrong-ordinal': '序号不对',
  'duplicate-ordinal': '序号重复',
  spaces: '多余空格',
  punctuation: '序号后应为顿号“、”',
};

export const msg = {
  sectionMissing: (ordinal: string, heading: string, after: string | null) =>
    `缺少第${ordinal}部分“${heading}”${after ? `：应在“${after}”部分之后` : '：应在此处之前'}`,
  sectionsNotBegun: (headings: string[]) => `尚未写出报告的六个部分：${headings.join('；')}`,
  sectionOrder: (heading: string, after: string) => `“${heading}”应排在“${after}”之前`,
  sectionHeading: (canonical: string, reasons: string[]) =>
    `标题不规范（${reasons.map((r) => HEADING_REASON[r] ?? r).join('，')}）：应为“${canonical}”`,
  tableMissing: (ordinal: string, table: string, name: string) => `第${ordinal}部分缺少${table}“${name}”`,
  shapeMissingRow: (table: string, label: string) => `${table}缺少“${label}”一行`,
  shapeDuplicateRow: (table: string, label: string) => `${table}中“${label}”一行重复出现，只计第一行`,
  strayNumber: (table: string, label: string, raw: string) =>
    `${table}“${label}”一行多出一个数字“${raw}”：删去它，本行及经过本行的各项合计全部平衡`,
  strayOutside: (table: string, raw: string) => `${table}中多出一个数字“${raw}”，不属于任何一行，未计入`,
  shapeUnknownRow: (table: string, text: string) => `${table}中有无法识别的行“${text}”，其数字未计入`,
  shapeCellCount: (table: string, label: string, expected: number, found: number) =>
    `${table}“${label}”一行应有 ${expected} 个数字，实有 ${found} 个`,
  cellNotNumber: (raw: string, cell: string, kind: string) =>
    raw === '' ? `${cell}为空：此处应填写${kind}` : `“${raw}”不是数字：${cell}应填写${kind}`,
  sumMismatch: (cell: string, expected: number, terms: string, actual: number) =>
    `${cell}应为 ${expected}（${terms}），实为 ${actual}`,
  located: (cell: string, value: number, actual: number, restored: string[]) =>
    `${cell}应为 ${value}（现为 ${actual}）：改为 ${value} 后${listCn(restored)}${restored.length > 1 ? '全部' : ''}平衡`,
  candidates: (failed: string, options: string[]) => `${failed}；无法确定是哪一格写错，可能是：${options.join('；')}`,
  balance: (column: string, a: number, b: number, c: number, d: number) =>
    `勾稽关系不平衡（${column}列）：第一项 + 第二项 = ${a} + ${b} = ${a + b}，第三项（七）总计 + 第四项 = ${c} + ${d} = ${c + d}`,
  yearMismatch: (titleYear: number, found: number) => `年份不一致：标题为 ${titleYear} 年度报告，此处写的是 ${found} 年`,
  formatOutdated: (year: number, due: FormatDef, table: string, found: FormatDef) =>
    `${year} 年度报告应使用 ${due.name}新格式（${due.source}），${table}仍是 ${found.name}旧格式`,
  narrativeMismatch: (said: number, table: string, cell: string, value: number, unit = '件', lowerBound = false) =>
    `正文写 ${said}${lowerBound ? '余' : ''} ${unit}，与${table}${cell}的 ${value} 不一致`,
  narrativePercent: (said: number, count: number, base: number, expected: number) =>
    `正文写占 ${said}%，按表三计算 ${count}/${base} 应为 ${expected}%`,
  narrativeYear: (said: number, year: number) => `年份疑似写错：这句复述的是本报告（${year} 年度）表格中的数字，却写作 ${said} 年`,
  allClosedApplications: (said: string, carriedOut: number) =>
    `正文说“${said}”，但表三“四、结转下年度继续办理”为 ${carriedOut} 件，并未全部办结`,
  allClosedCases: (said: string, pending: number) => `正文说“${said}”，但表四记有尚未审结 ${pending} 件`,
  feeContradiction: (said: string, unpaid: number) =>
    `第六部分写“${said}”，但表三“申请人逾期未按收费通知要求缴纳费用”有 ${unpaid} 件，说明发出过收费通知：请写明收费通知件数、金额和实收金额`,
  sectionEmpty: (ordinal: string, heading: string) => `第${ordinal}部分“${heading}”只有标题，没有内容`,
  itemNumbering: (kind: string, said: string, prev: string, expected: string) =>
    kind === '是'
      ? `编号重复或跳号：“${prev}是”之后是“${said}是”，应为“${expected}是”`
      : `编号重复或跳号：（${prev}）之后是（${said}），应为（${expected}）`,
  subheadingTopLevel: (n: string) => `总体情况的小标题应写作“（${n}）”，“${n}、”是报告六个部分的编号`,
  narrativeZero: (found: { name: string; value: number }[]) =>
    `正文说没有政府信息公开${found.map((f) => f.name).join('、')}，但表四记有${found.map((f) => `${f.name} ${f.value} 件`).join('、')}`,
};

/** 甲、乙与丙 */
function listCn(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join('、')}与${items[items.length - 1]}`;
}

export const fixTitle = {
  deleteNumber: (raw: string) => `删去多出的数字“${raw}”`,
  setValue: (cell: string, value: number) => `将${cell}改为 ${value}`,
  heading: (canonical: string) => `将标题改为“${canonical}”`,
  insertSkeleton: () => '插入六个部分的标题及空表',
  insertSection: (heading: string, withTable: boolean) => `插入“${heading}”${withTable ? '及空表' : ''}`,
  insertTable: (table: string) => `插入空的${table}`,
  balance: (cell: string, value: number) => `将${cell}改为 ${value}（使勾稽关系平衡；请先核对输入数字）`,
  year: (year: number) => `将年份改为 ${year}`,
  numeral: (raw: string, value: number) => `将“${raw}”改为阿拉伯数字 ${value}`,
  ordinal: (from: string, to: string) => `将“${from}”改为“${to}”`,
  prose: (from: string, to: string) => `将正文中的“${from}”改为“${to}”（与表格一致）`,
};

export const KIND_CN: Record<string, string> = { int: '非负整数', decimal: '数字（可含小数）', signed: '整数（可为负数）' };
