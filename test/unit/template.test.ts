// The report skeleton (新建年度报告) and the empty tables, tested against the format data (core/src/format.ts):
// in every layout each table has every row of its definition once, in order, with the right number of
// cells, each group caption printed once, and the whole skeleton checks without a problem but the ones
// an empty skeleton must have.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { FORMATS, canonicalHeading, columnsOf, parse, check, tableTemplate, template, type Layout } from '../../core/src';

const LAYOUTS: Layout[] = ['markdown', 'row', 'cell'];

/** How often `needle` stands as a whole cell or line of `text` (a Markdown cell, a tab cell, a line). */
function occurrences(text: string, needle: string): number {
  let n = 0;
  for (const line of text.split('\n')) {
    for (const piece of line.split(/[|\t]/)) if (piece.trim() === needle) n++;
  }
  return n;
}

describe('template: the 2021 skeleton against the format data', () => {
  for (const layout of LAYOUTS) {
    test(`${layout} layout: every row once, in order, with its cells; each caption once; no problem`, () => {
      const text = template({ agency: '青禾县统计局', year: 2024, layout });
      const report = parse(text);
      assert.equal(report.isReport, true);
      assert.equal(report.year, 2024);
      assert.equal(report.agency, '青禾县统计局');
      assert.equal(report.format, '2021');
      assert.equal(report.layout, layout);
      assert.deepEqual(report.sections.map((s) => s.text), FORMATS['2021'].sections.map(canonicalHeading));
      assert.deepEqual(report.tables.map((t) => t.id), ['T2', 'T3', 'T4']);
      for (const table of report.tables) {
        const def = FORMATS['2021'].tables[table.id];
        assert.deepEqual(table.issues, [], `${table.id} has no shape issue`);
        assert.deepEqual(table.rows.map((r) => r.key), def.rows.map((r) => r.key), `${table.id} rows in the order of the format`);
        for (const row of table.rows) {
          const rowDef = def.rows.find((r) => r.key === row.key)!;
          assert.deepEqual(row.cells.map((c) => c.column), columnsOf(def, rowDef).map((c) => c.key), `${table.id} ${row.key} cells`);
          assert.ok(row.cells.every((c) => c.value === 0), `${table.id} ${row.key} all zeros`);
        }
        const tableText = tableTemplate(def, layout);
        for (const g of def.groups) assert.equal(occurrences(tableText, g.label), 1, `${table.id}: caption ${g.label} printed once`);
        for (const r of def.rows) if (!r.unlabelled) assert.equal(occurrences(tableText, r.label), 1, `${table.id}: row ${r.label} printed once`);
      }
      // An untouched skeleton is a correct report: zeros balance, the fee sentence is there.
      assert.deepEqual(check(report).map((p) => `${p.code}: ${p.message}`), []);
    });
  }

  test('三、本年度办理结果 stands once in the skeleton, above （一）予以公开, and （七）总计 follows （六）其他处理', () => {
    const text = template({ agency: '青禾县统计局', year: 2024 });
    assert.equal(text.split('三、本年度办理结果').length - 1, 1);
    const lines = text.split('\n');
    const caption = lines.findIndex((l) => l.includes('三、本年度办理结果'));
    assert.match(lines[caption + 1], /（一）予以公开/);
    const total = lines.findIndex((l) => l.includes('（七）总计'));
    assert.match(lines[total - 1], /^\| 3\.其他 \|/);
  });

  test('the 2019 tables, generated from their own definition, parse back with every row', () => {
    for (const id of ['T2', 'T3', 'T4']) {
      for (const layout of LAYOUTS) {
        const def = FORMATS['2019'].tables[id];
        const text = `${canonicalHeading(FORMATS['2019'].sections[def.section])}\n\n${tableTemplate(def, layout)}\n`;
        const t = parse(text).tables.find((x) => x.id === id);
        assert.ok(t, `${id} ${layout} found`);
        assert.equal(t.format, id === 'T4' ? t.format : '2019', `${id} ${layout} recognised as 2019`);
        assert.deepEqual(t.rows.map((r) => r.key), def.rows.map((r) => r.key), `${id} ${layout}`);
        assert.deepEqual(t.issues, [], `${id} ${layout}`);
      }
    }
  });
});
