import { FORMATS, template } from '../../../core/src';
import { BASE, ruleTests } from '../rule-tester';

/** A 2024 report in the 2019 format's tables. */
const old = template({ agency: '青禾县统计局', year: 2024, layout: 'row', format: FORMATS['2019'] });
ruleTests('format-outdated', {
  valid: [
    { name: 'the skeleton', text: BASE },
    { name: 'a 2020 report in the 2019 tables', text: template({ agency: '青禾县统计局', year: 2020, layout: 'row' }) },
  ],
  invalid: [
    {
      name: 'a 2024 report in the 2019 tables: 表二 and 表三 (表四 did not change)',
      text: old,
      errors: [
        { message: '2024 年度报告应使用 2021 年新格式（国办公开办函〔2021〕30号），表二仍是 2019 年旧格式', fixed: null },
        { message: '2024 年度报告应使用 2021 年新格式（国办公开办函〔2021〕30号），表三仍是 2019 年旧格式', fixed: null },
      ],
    },
  ],
});
