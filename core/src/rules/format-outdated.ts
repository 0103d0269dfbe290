// A report in the tables of a format older than the one its year calls for (format.ts: each
// format lists the years it applies to). Only tables the newer format changed are reported.

import { appliesTo, olderThan, type TableDef } from '../format';
import { trimSpan } from '../text';
import { msg } from '../messages';
import { builtinDocs, type Rule } from './rule';

/** Whether two definitions of a table differ in what is written: row labels, their columns, column names. */
function sameShape(a: TableDef, b: TableDef): boolean {
  const shape = (def: TableDef) => JSON.stringify([def.rows.map((r) => [r.label, r.columns]), def.columns.map((c) => c.label)]);
  return shape(a) === shape(b);
}

const rule: Rule = {
  code: 'format-outdated',
  severity: 'warning',
  description: '年度报告的表格仍是该年度已不再适用的旧格式（如 2021 年及以后的报告用 2019 年格式）',
  docs: builtinDocs('format-outdated'),
  fixable: false,
  check(ctx) {
    const { report } = ctx;
    const due = report.formatDef;
    const year = report.year;
    if (year === null || !appliesTo(due, year)) return;
    for (const table of report.tables) {
      if (table.format === due.id) continue;
      const found = report.formats.find((f) => f.id === table.format);
      const current = due.tables[table.id];
      if (!found || !current || !olderThan(found, due) || sameShape(table.def, current)) continue;
      const lineEnd = report.text.indexOf('\n', table.span.start);
      const span = trimSpan(report.text, table.span.start, lineEnd === -1 ? report.text.length : lineEnd);
      ctx.add(span, msg.formatOutdated(year, due, table.def.shortName, found));
    }
  },
};
export default rule;
