// The published reports (../shared/seeds) and our own fixtures that reproduce their layouts:
// exact diagnostics, and the 190-cell perturbation test of issue 2.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, check, fixAll, applyEdits, tableDefOf, isDerived, type Problem, type ParsedTable, type Cell } from '../../core/src';
import { seedFiles, SEEDS_MISSING, fixture, where, lineText } from '../helpers';
import { positionAt } from '../../core/src';

const seeds = seedFiles();
const TOTAL_RULES = new Set(['row-total', 'column-total', 'review-total', 'litigation-total', 'balance']);
const loud = (ps: Problem[]) => ps.filter((p) => p.severity !== 'info');

test('seeds 000, 002, 003: no error and no warning', { skip: seeds ? false : SEEDS_MISSING }, () => {
  for (const id of ['000', '002', '003']) {
    const text = seeds!.get(id)!;
    const r = parse(text);
    assert.equal(r.format, '2021', id);
    assert.equal(r.year, 2023, id);
    assert.equal(r.sections.length, 6, id);
    assert.deepEqual(r.tables.map((t) => [t.id, t.rows.length, t.issues.length]), [['T2', 6, 0], ['T3', 25, 0], ['T4', 1, 0]], id);
    assert.deepEqual(loud(check(r)).map((p) => where(text, p)), [], id);
  }
});

test('seed 001: exactly one warning, section-heading on 主动公开政府信息情况', { skip: seeds ? false : SEEDS_MISSING }, () => {
  const text = seeds!.get('001')!;
  const problems = loud(check(parse(text)));
  assert.equal(problems.length, 1);
  const [p] = problems;
  assert.equal(p.code, 'section-heading');
  assert.equal(p.severity, 'warning');
  assert.equal(text.slice(p.span.start, p.span.end), '主动公开政府信息情况');
  assert.equal(lineText(text, positionAt(text, p.span.start).line + 1), '主动公开政府信息情况');
  assert.deepEqual(p.fix?.edits, [{ ...p.span, newText: '二、主动公开政府信息情况' }]);
});

test('seed 004: year 2019, format 2019, section-heading on 1、 总体情况, no format-outdated', { skip: seeds ? false : SEEDS_MISSING }, () => {
  const text = seeds!.get('004')!;
  const r = parse(text);
  assert.equal(r.year, 2019);
  assert.equal(r.format, '2019');
  assert.equal(r.agency, '鄞江镇人民政府');
  const t3 = r.tables.find((t) => t.id === 'T3')!;
  assert.equal(t3.rows.length, 23);
  const problems = check(r);
  assert.ok(!problems.some((p) => p.code === 'format-outdated'));
  const heading = problems.filter((p) => p.code === 'section-heading');
  assert.equal(heading.length, 1);
  assert.equal(text.slice(heading[0].span.start, heading[0].span.end), '1、 总体情况');
  assert.deepEqual(loud(problems).map((p) => p.code), ['section-heading']);
});

test('own fixtures in the seeds’ layouts are clean', () => {
  for (const name of ['clean-2021.txt', 'clean-2021.rows.txt', 'clean-2021.md']) {
    const text = fixture(name);
    const r = parse(text);
    assert.equal(r.year, 2024, name);
    assert.equal(r.agency, '青禾市柳溪区文化和旅游局', name);
    assert.deepEqual(r.tables.map((t) => [t.id, t.format, t.rows.length, t.issues.length]), [['T2', '2021', 6, 0], ['T3', '2021', 25, 0], ['T4', '2021', 1, 0]], name);
    assert.deepEqual(check(r).map((p) => where(text, p)), [], name);
  }
  const old = fixture('report-2019.txt');
  const r = parse(old);
  assert.equal(r.format, '2019');
  assert.deepEqual(check(r).map((p) => where(old, p)), ['5:1 section-heading']);
});

// ---------------------------------------------------------------------------
// Raising any numeric cell of T3 or T4 by one makes a total rule fire, at the cell docs/rules/ names:
// the derived cell that disagrees with its parts. When the raised cell is itself derived, fix-all
// restores the original text byte for byte.

function numericCells(table: ParsedTable): { row: string; cell: Cell }[] {
  return table.rows.flatMap((row) => row.cells.map((cell) => ({ row: row.key, cell })));
}

/** The cells a total rule may point at when `row|column` changes: targets of relations that use it. */
function expectedTargets(table: ParsedTable, row: string, column: string): Set<string> {
  const def = tableDefOf(table);
  const out = new Set<string>();
  for (const r of def.relations) {
    const refs = r.kind === 'sum' ? [r.target, ...r.terms] : [...r.lhs, ...r.rhs];
    if (!refs.some((x) => x.row === row && x.column === column)) continue;
    const t = r.kind === 'sum' ? r.target : r.fixTarget;
    out.add(`${t.row}|${t.column}`);
  }
  return out;
}

function perturbAll(name: string, text: string): number {
  const report = parse(text);
  let count = 0;
  for (const table of report.tables.filter((t) => t.id === 'T3' || t.id === 'T4')) {
    const def = tableDefOf(table);
    for (const { row, cell } of numericCells(table)) {
      count++;
      const raised = String((cell.value as number) + 1);
      const changed = applyEdits(text, [{ ...cell.valueSpan, newText: raised }]);
      const after = parse(changed);
      const fired = check(after).filter((p) => TOTAL_RULES.has(p.code));
      assert.ok(fired.length > 0, `${name} ${row}|${cell.column}: no total rule fired`);
      // Every problem points at a derived cell (or 四 for balance) related to the raised cell.
      const allowed = expectedTargets(table, row, cell.column);
      const tableAfter = after.tables.find((t) => t.id === table.id)!;
      for (const p of fired) {
        const at = tableAfter.rows.flatMap((r) => r.cells.map((c) => ({ key: `${r.key}|${c.column}`, c }))).find((x) => x.c.valueSpan.start === p.span.start && x.c.valueSpan.end === p.span.end);
        assert.ok(at, `${name} ${row}|${cell.column}: ${p.code} does not point at a cell`);
        assert.ok(allowed.has(at.key), `${name} ${row}|${cell.column}: ${p.code} points at ${at.key}`);
      }
      if (isDerived(def, { row, column: cell.column })) {
        const pointsHere = fired.some((p) => p.span.start === cell.valueSpan.start && p.code !== 'balance');
        assert.ok(pointsHere, `${name} ${row}|${cell.column}: the raised total itself is not flagged`);
        // (001's unnumbered heading is also a fix-all fix: leave it out to compare byte for byte.)
        const fixed = applyEdits(changed, fixAll(after, { rules: { 'section-heading': 'off' } }));
        assert.equal(fixed, text, `${name} ${row}|${cell.column}: fix did not restore the original`);
      }
    }
  }
  return count;
}

test('seeds 000 and 001: each of the 190 numbers of T3 and T4, raised by one, trips a total rule', { skip: seeds ? false : SEEDS_MISSING }, () => {
  assert.equal(perturbAll('000', seeds!.get('000')!), 190);
  assert.equal(perturbAll('001', seeds!.get('001')!), 190);
});

test('own fixtures: the same perturbation in all three layouts', () => {
  for (const name of ['clean-2021.txt', 'clean-2021.rows.txt', 'clean-2021.md']) assert.equal(perturbAll(name, fixture(name)), 190);
});
