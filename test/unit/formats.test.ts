// Formats are data (core/src/format.ts, docs/format.md): the format is chosen by the report's year,
// each format owns its sections, tables and requirements, and a new format needs no code. The third
// format below exists only in this test.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import {
  DEFAULT_FORMATS,
  FORMATS,
  applyEdits,
  check,
  formatForYear,
  parse,
  template,
  type FormatDef,
  type Problem,
  type TableDef,
} from '../../core/src';
import { fixture, ROOT } from '../helpers';

const F2021 = FORMATS['2021'];

/** An imagined 2030 format: T2 gains a 行政检查 row, a seventh section on open data is required to name its data sets. */
const T2_2030: TableDef = {
  ...F2021.tables.T2,
  format: '2030',
  rows: [
    ...F2021.tables.T2.rows.filter((r) => r.key !== 'charges'),
    { key: 'inspection', label: '行政检查', columns: ['decisions'], group: 'item6' },
    ...F2021.tables.T2.rows.filter((r) => r.key === 'charges'),
  ],
};
const F2030: FormatDef = {
  id: '2030',
  name: '2030 年',
  source: '某某公开办函〔2030〕1号',
  years: { from: 2030 },
  sections: [
    ...F2021.sections,
    { ordinal: '七', title: '政府数据开放情况', contains: '政府数据开放情况：开放的数据集。', templateBody: ['本机关{year}年度新开放数据集 0 个。', ''] },
  ],
  tables: {
    T3: { ...F2021.tables.T3, format: '2030' },
    T2: T2_2030,
    T4: { ...F2021.tables.T4, format: '2030' },
  },
  requirements: [
    ...F2021.requirements,
    { rule: 'fee-missing', section: 6, anyOf: ['数据集'], message: '第七部分未说明开放的数据集' },
  ],
};
const FORMATS_3 = [F2030, ...DEFAULT_FORMATS];

const codes = (ps: Problem[]) => ps.map((p) => p.code);
const spanOf = (text: string, p: Problem) => text.slice(p.span.start, p.span.end);

test('the format is chosen by the year: 2019 and 2020 → 2019, 2021 on → 2021, none before 2019', () => {
  assert.equal(formatForYear(2019)?.id, '2019');
  assert.equal(formatForYear(2020)?.id, '2019');
  assert.equal(formatForYear(2021)?.id, '2021');
  assert.equal(formatForYear(2035)?.id, '2021');
  assert.equal(formatForYear(2018), undefined);
  assert.equal(formatForYear(null), undefined);
  // With a later format given, it wins for its years whatever the order of the list.
  assert.equal(formatForYear(2031, [...DEFAULT_FORMATS, F2030])?.id, '2030');
  assert.equal(formatForYear(2029, FORMATS_3)?.id, '2021');
});

test('a report without a year takes the format of its tables (best fit)', () => {
  const old = fixture('report-2019.txt').replace(/2020/g, '');
  const r = parse(old);
  assert.equal(r.year, null);
  assert.equal(r.format, '2019');
  assert.equal(r.formatDef, FORMATS['2019']);
});

test('a third format defined only in data: parsed, checked, templated', () => {
  const text = template({ agency: '青禾县数据局', year: 2031, layout: 'markdown', format: F2030 });
  assert.ok(text.includes('七、政府数据开放情况'));
  assert.ok(text.includes('| 行政检查 | 0 |'));
  assert.ok(text.includes('某某公开办函〔2030〕1号'));
  const r = parse(text, { formats: FORMATS_3 });
  assert.equal(r.year, 2031);
  assert.equal(r.format, '2030');
  assert.equal(r.sections.length, 7);
  assert.deepEqual(r.tables.map((t) => [t.id, t.format, t.rows.length, t.issues.length]), [['T2', '2030', 7, 0], ['T3', '2030', 25, 0], ['T4', '2030', 1, 0]]);
  assert.deepEqual(check(r), []);
  // The template of the year picks the format by itself.
  assert.equal(template({ agency: '青禾县数据局', year: 2031, layout: 'markdown', format: formatForYear(2031, FORMATS_3) }), text);

  // Without its new row, T2 is the 2021 format's T2: the best fit, and outdated for 2031.
  const bad = text.replace('| 行政检查 | 0 |\n', '');
  const ps = check(parse(bad, { formats: FORMATS_3 }));
  assert.deepEqual(codes(ps), ['format-outdated']);
  assert.equal(ps[0].message, '2031 年度报告应使用 2030 年新格式（某某公开办函〔2030〕1号），表二仍是 2021 年旧格式');
  // With its only cell not a number, the row is still read with the 2030 definition.
  const wrong = text.replace('| 行政检查 | 0 |', '| 行政检查 | 3O |');
  const pw = check(parse(wrong, { formats: FORMATS_3 }));
  assert.deepEqual(pw.map((p) => [p.code, p.message, spanOf(wrong, p)]), [['cell-not-number', '“3O”不是数字：“行政检查”·本年处理决定数量应填写非负整数', '3O']]);

  // Its seventh section is required, and its requirement is checked.
  const noData = text.replace('本机关2031年度新开放数据集 0 个。', '无。');
  const ps2 = check(parse(noData, { formats: FORMATS_3 }));
  assert.deepEqual(ps2.map((p) => [p.code, p.message, spanOf(noData, p)]), [['fee-missing', '第七部分未说明开放的数据集', '七、政府数据开放情况']]);
  const start = text.indexOf('## 七、');
  const noSeven = text.slice(0, start);
  const ps3 = check(parse(noSeven, { formats: FORMATS_3 }));
  assert.deepEqual(codes(ps3), ['section-missing']);
  assert.equal(ps3[0].message, '缺少第七部分“七、政府数据开放情况”：应在“六、其他需要报告的事项”部分之后');
  const restored = applyEdits(noSeven, ps3[0].fix!.edits);
  assert.ok(restored.endsWith('## 七、政府数据开放情况\n'), JSON.stringify(restored.slice(-40)));

  // Read against the national formats only, the same text is a 2021-format report with an unknown row and no section 七.
  const national = parse(text);
  assert.equal(national.format, '2021');
  assert.equal(national.sections.length, 6);
});

test('a report of a year that calls for the new format, in the old format\'s tables: format-outdated names both', () => {
  const text = template({ agency: '青禾县数据局', year: 2031, layout: 'markdown', format: F2021 });
  const ps = check(parse(text, { formats: FORMATS_3 }));
  // Its seventh section is missing too.
  // (section-missing points at the end of section 六, where 七 belongs; format-outdated at the table.)
  assert.deepEqual(codes(ps).sort(), ['format-outdated', 'section-missing']);
  assert.equal(ps.find((p) => p.code === 'format-outdated')!.message, '2031 年度报告应使用 2030 年新格式（某某公开办函〔2030〕1号），表二仍是 2021 年旧格式');
});

test('no format id is spelled out in the sources outside the format data', () => {
  const offenders: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (file.endsWith('.ts') && !file.endsWith(path.join('core', 'src', 'format.ts'))) {
        readFileSync(file, 'utf8')
          .split('\n')
          .forEach((line, i) => {
            if (/['"`](2019|2021)['"`]/.test(line)) offenders.push(`${path.relative(ROOT, file)}:${i + 1}: ${line.trim()}`);
          });
      }
    }
  };
  for (const dir of ['core/src', 'node/src', 'server/src', 'cli/src', 'client/src']) walk(path.join(ROOT, dir));
  assert.deepEqual(offenders, []);
});
