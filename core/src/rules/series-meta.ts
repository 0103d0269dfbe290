// The metadata of the rules that compare a report with the others of its series or, for roll-up, with
// the reports it sums up (core/src/series.ts runs them, given the other reports): registered with
// RULES so that configs, --rule, the schema, the docs pages and VS Code's settings know their codes
// like any other.

import { builtinDocs, type RuleMeta } from './rule';

/** The rules that compare a report with the others of its series (registered with RULES). */
export const SERIES_RULES: readonly RuleMeta[] = [
  {
    code: 'carry-over',
    severity: 'error',
    description: '表三“二、上年结转”与上一年度报告的“四、结转下年度继续办理”不一致（逐列比较）',
    docs: builtinDocs('carry-over'),
    fixable: true,
  },
  {
    code: 'stock-continuity',
    severity: 'warning',
    description: '表二规章、行政规范性文件的现行有效件数不等于上年现行有效件数加本年制发减本年废止',
    docs: builtinDocs('stock-continuity'),
    fixable: false,
  },
  {
    code: 'series-gap',
    severity: 'info',
    description: '同一机关的年度报告系列中缺少某一年度（提示一次，标在缺口之后的那份报告上）',
    docs: builtinDocs('series-gap'),
    fixable: false,
  },
  {
    code: 'roll-up',
    severity: 'warning',
    description: '配置文件指明本报告汇总其他报告时，表三、表四不等于各报告之和，或有应汇总的报告不在所检查的目录中',
    docs: builtinDocs('roll-up'),
    fixable: false,
  },
];
