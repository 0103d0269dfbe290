// Property tests of the checking core (issue 6, item 1): fixed seeds so that a failure replays.
// The properties and generators live in test/fuzz/props.ts, shared with the long run
// (`npm run fuzz -- --runs 100000`). On a failure fast-check prints the seed, the path and the
// shrunk input; the input can be pasted into a regression test below.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { parse, check, fixAll, recompute, applyEdits } from '../../core/src';
import {
  FIXTURE_NAMES,
  fixtures,
  holds,
  verify,
  mutatedFixture,
  mutate,
  randomText,
  reportSoup,
  unicodeString,
  onBoundary,
  neverWorse,
} from '../fuzz/props';

const SEED = 20250601;
const params = (offset: number, numRuns: number) => ({ seed: SEED + offset, numRuns });

test('the prop-* fixtures are clean reports and hold every property', () => {
  for (const [k, text] of fixtures().entries()) {
    const report = parse(text);
    assert.equal(report.tables.length, 3, FIXTURE_NAMES[k]);
    assert.deepEqual(
      check(report).map((p) => `${p.code}: ${p.message}`),
      [],
      FIXTURE_NAMES[k],
    );
    verify(text);
  }
});

test('the cell, row and Markdown layouts give the same numbers', () => {
  const numbers = (text: string) =>
    parse(text).tables.map((t) => ({ id: t.id, format: t.format, rows: t.rows.map((r) => [r.key, ...r.cells.map((c) => c.value)]) }));
  const [cell, rows, markdown, cell2019] = fixtures();
  assert.deepEqual(numbers(rows), numbers(cell));
  assert.deepEqual(numbers(markdown), numbers(cell));
  assert.deepEqual(parse(cell2019).tables.map((t) => t.format), ['2019', '2019', '2019']);
});

for (const [k, name] of FIXTURE_NAMES.entries()) {
  test(`mutated ${name}: parse/check never throw, spans valid, fixes clean and idempotent, recompute settles totals`, () => {
    fc.assert(fc.property(mutatedFixture(k), holds), params(k, 120));
  });
}

test('heavily mutated fixtures (up to 12 mutations, CRLF, BOM)', () => {
  fc.assert(fc.property(mutatedFixture(undefined, 12), holds), params(10, 150));
});

test('whole random strings (any code point, lone surrogates, line noise)', () => {
  fc.assert(fc.property(randomText, holds), params(20, 600));
});

test('report soup: the format’s own labels, numbers and separators in random order', () => {
  fc.assert(fc.property(reportSoup, holds), params(30, 300));
});

test('a cell replaced by astral characters keeps every span on a character boundary', () => {
  const astral = fc.string({ unit: fc.constantFrom('𠀀', '😀', '𝟘', '\u{10ffff}', '０', '1'), minLength: 1, maxLength: 6 });
  fc.assert(
    fc.property(fc.nat({ max: 3 }), fc.nat(), astral, (f, i, s) => {
      const text = mutate(fixtures()[f], [{ k: 'num', i, s }]);
      verify(text);
      for (const p of check(parse(text))) {
        assert.ok(onBoundary(text, p.span.start) && onBoundary(text, p.span.end), `${p.code} ${p.span.start}..${p.span.end}`);
      }
      return true;
    }),
    params(40, 150),
  );
});

test('changing a number and recomputing leaves no total rule in a complete table', () => {
  // The number mutation alone: tables stay complete, so recompute must settle every total.
  const nums = fc.array(fc.record({ k: fc.constant('setcell' as const), i: fc.nat(), s: fc.nat({ max: 500 }).map(String) }), { minLength: 1, maxLength: 6 });
  fc.assert(
    fc.property(fc.nat({ max: 3 }), nums, (f, ms) => {
      const text = mutate(fixtures()[f], ms);
      const after = applyEdits(text, recompute(parse(text)).edits);
      const left = check(parse(after)).filter((p) => ['row-total', 'column-total', 'review-total', 'litigation-total'].includes(p.code));
      assert.deepEqual(left.map((p) => p.message), []);
      // and fix-all leaves the totals settled too
      const fixed = applyEdits(text, fixAll(parse(text)));
      assert.deepEqual(fixAll(parse(fixed)), []);
      return true;
    }),
    params(50, 100),
  );
});

test('a quick fix never makes things worse: every fix offered after up to three changed numbers, on every fixture', () => {
  // Numbers changed to small values near the real ones and to arbitrary ones: located cells, ties,
  // the fallback of many failed sums; each offered fix (preferred or not) is applied and checked.
  const nums = fc.array(
    fc.record({ k: fc.constant('setcell' as const), i: fc.nat(), s: fc.oneof(fc.nat({ max: 12 }), fc.nat({ max: 300 })).map(String) }),
    { minLength: 1, maxLength: 3 },
  );
  fc.assert(
    fc.property(fc.nat({ max: 3 }), nums, (f, ms) => neverWorse(mutate(fixtures()[f], ms))),
    params(70, 1000),
  );
});

test('random Unicode in a cell is reported, never thrown on', () => {
  fc.assert(
    fc.property(fc.nat({ max: 3 }), fc.nat(), unicodeString(8), (f, i, s) => holds(mutate(fixtures()[f], [{ k: 'setcell', i, s }]))),
    params(60, 150),
  );
});

// ---------------------------------------------------------------------------
// Regressions: minimal inputs the properties found. Each asserts the correct behaviour.

test('regression: fix-all is idempotent when a T4 header stands in section 三 and 四 is missing', () => {
  // Found by the property run (seed 2). Section 四's heading is missing, so T4 is also looked for in
  // section 三's body; there it takes T3's `（二）部分公开` cells as its own data row. Fix-all then writes
  // T4's 行政复议 total (2+1+0+0 = 3) into T3's 社会公益组织 cell, which breaks T3's row total; the next
  // fix-all rewrites T3's 总计 (3 → 6), and so on: the two tables fight over the same cells.
  const text = '收到和处理政府信息公开申请情况\n行政复议\n|（二）部分公开（区分处理的，只计这一情形，不计其他情形）|2|1|0|0|0|0|3';
  const once = applyEdits(text, fixAll(parse(text)));
  const twice = applyEdits(once, fixAll(parse(once)));
  assert.equal(twice, once, 'a second fix-all changes the text again');
});
