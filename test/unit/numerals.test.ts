// The reader behind the cell-not-number quick fix: a value only where the writing leaves no doubt.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isNumberText, parseChineseNumber, parseNumber, readableNumber } from '../../core/src/text';

test('Chinese numerals: the well-formed ones are read', () => {
  const cases: [string, number][] = [
    ['〇', 0], ['零', 0], ['五', 5], ['两', 2], ['十', 10], ['十二', 12], ['二十', 20], ['二十一', 21], ['九十九', 99],
    ['一百', 100], ['一百零五', 105], ['一千零五十', 1050], ['两千三百', 2300], ['一万', 10000], ['三万零四十', 30040],
    ['壹拾贰', 12], ['肆', 4],
  ];
  for (const [s, n] of cases) assert.equal(parseChineseNumber(s), n, s);
});

test('Chinese numerals: doubtful or malformed writing is not read', () => {
  // 一二 (12 or "one or two"?), 一百五 (150 colloquially, or 105?), 三万五, units that do not fall, stray zeros.
  for (const s of ['', '一二', '一百五', '三万五', '十二三', '两两', '百', '一十百', '一百零', '零五', '五零', '十万十', '无', '1', 'l']) {
    assert.equal(parseChineseNumber(s), null, s);
  }
});

test('readable numbers: thousands separators and a counting word, in either width', () => {
  assert.equal(readableNumber('1,200'), 1200);
  assert.equal(readableNumber('１，２００'), 1200);
  assert.equal(readableNumber('12件'), 12);
  assert.equal(readableNumber('十二件'), 12);
  for (const s of ['1,20', '12,00,000', '1 2', '-', '12个人', '件']) assert.equal(readableNumber(s), null, s);
});

test('isNumberText answers as parseNumber does (signed or decimal), over every short string of number characters', () => {
  const chars = ['0', '7', '９', '.', '．', '-', '−', '－', '+', '＋', 'a', ' '];
  const strings: string[] = [''];
  for (let len = 1; len <= 4; len++) {
    const next: string[] = [];
    for (const s of strings.filter((x) => x.length === len - 1)) for (const c of chars) next.push(s + c);
    strings.push(...next);
  }
  for (const s of strings) {
    const expected = parseNumber(s, 'signed') !== null || parseNumber(s, 'decimal') !== null;
    assert.equal(isNumberText(s), expected, JSON.stringify(s));
  }
  assert.equal(isNumberText('1234567890123456'), false, '16 digits');
  assert.equal(isNumberText('123456789012345'), true, '15 digits');
});
