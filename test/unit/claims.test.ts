// The claim reader's pieces (core/src/rules/claims.ts) and the three bugs issue 12 found in the old
// reader: a key at the start of a line, a number at the end of a line, 收到 against 一 + 二.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, check, FORMAT_2021 } from '../../core/src';
import { parseChineseNumber, chineseNumber, formatLike, figuresIn, readClaims, sentencesOf } from '../../core/src/rules/claims';
import { fixture } from '../helpers';
import { figureValues } from '../../core/src/arithmetic';

test('Chinese numerals both ways', () => {
  const cases: [string, number][] = [['五十二', 52], ['两', 2], ['十', 10], ['十二', 12], ['一百零五', 105], ['二百', 200], ['零', 0], ['三千零一', 3001]];
  for (const [s, n] of cases) assert.equal(parseChineseNumber(s), n, s);
  for (const [s, n] of cases) if (s !== '二百') assert.equal(chineseNumber(n), s, String(n));
  assert.equal(formatLike(61, 'fullwidth'), '６１');
  assert.equal(formatLike(36.666, 'arabic', 2), '36.67');
  assert.equal(formatLike(22, 'chinese'), '二十二');
});

test('figures need their unit: a number at the end of a line is not one', () => {
  assert.deepEqual(figuresIn('办结55', ['件']), []);
  assert.deepEqual(figuresIn('第三件', ['件']), []);
  const [f] = figuresIn('收到50余件', ['件']);
  assert.equal(f.value, 50);
  assert.equal(f.lowerBound, true);
});

test('a key at the start of a line is read', () => {
  const [s] = sentencesOf('受理政府信息公开申请52件。', 0, 0);
  const claims = readClaims(s, FORMAT_2021.tables, 2024);
  assert.deepEqual(claims.map((c) => `${c.kinds[0].id}=${c.figure.value}`), ['handled=52']);
  const [t] = sentencesOf('办结55件。', 0, 2);
  assert.deepEqual(readClaims(t, FORMAT_2021.tables, 2024).map((c) => `${c.kinds[0].id}=${c.figure.value}`), ['resultTotal=55']);
});

test('收到…N件 is compared with 一 alone: 57 (= 53 new + 4 carried over) is reported', () => {
  const clean = fixture('clean-2021.txt');
  const text = clean.replace('本年度新收政府信息公开申请53件', '本年度收到政府信息公开申请57件');
  const ps = check(parse(text)).filter((p) => p.code === 'narrative-mismatch');
  assert.deepEqual(ps.map((p) => p.message), ['正文写 57 件，与表三“一、本年新收政府信息公开申请数量”·总计的 53 不一致']);
  // 受理 cannot tell: with 二 = 4 it is not compared.
  const accepted = clean.replace('本年度新收政府信息公开申请53件', '本年度受理政府信息公开申请57件');
  assert.deepEqual(check(parse(accepted)).filter((p) => p.code === 'narrative-mismatch'), []);
});

test('readings kept across parses (memo.ts) stay apart by year: the same sentence, read for two years', () => {
  const [s] = sentencesOf('2023年受理政府信息公开申请52件。', 0, 0);
  const read = (year: number) => readClaims(s, FORMAT_2021.tables, year).map((c) => `${c.kinds[0].id}=${c.figure.value}`);
  // For the 2024 report the figure is last year's; for the 2023 report it is the report's own.
  for (let round = 0; round < 2; round++) {
    assert.deepEqual(read(2024), [], `round ${round}: 2024`);
    assert.deepEqual(read(2023), ['handled=52'], `round ${round}: 2023`);
  }
});

test('figures by cell number agree with the cells: a clean table, a table with a located wrong cell', () => {
  const clean = parse(fixture('clean-2021.txt'));
  const t3 = clean.tables.find((t) => t.id === 'T3')!;
  const row = t3.rows[0];
  const refs = row.cells.slice(0, 3).map((c) => ({ row: row.key, column: c.column }));
  const expected = row.cells.slice(0, 3).reduce((a, c) => a + (c.value ?? 0), 0);
  assert.deepEqual(figureValues(t3, refs), [expected]);
  assert.equal(figureValues(t3, [{ row: row.key, column: 'no-such-column' }]), null);
});
