// The parser on the layouts and text quirks of docs/format.md §4: exact spans, same numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, check, fixAll, applyEdits, looksLikeReport, type Report } from '../../core/src';

/** Full-width digits to ASCII, to compare a cell's text with its value. */
const normalizeForTest = (s: string) => s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
import { fixture } from '../helpers';

const CLEAN = fixture('clean-2021.txt');

/** Every number of every table, as `T3 received|natural=41`. */
function numbers(r: Report): string[] {
  return r.tables.flatMap((t) => t.rows.flatMap((row) => row.cells.map((c) => `${t.id} ${row.key}|${c.column}=${c.value}`)));
}

const summary = (text: string) => check(parse(text)).map((p) => `${p.code} ${p.message}`);

test('every cell span holds exactly the number it was read as', () => {
  for (const name of ['clean-2021.txt', 'clean-2021.rows.txt', 'clean-2021.md', 'report-2019.txt']) {
    const text = fixture(name);
    const r = parse(text);
    for (const t of r.tables) {
      for (const row of t.rows) {
        for (const c of row.cells) {
          const s = text.slice(c.valueSpan.start, c.valueSpan.end);
          assert.equal(s, c.raw, name);
          assert.equal(Number(normalizeForTest(s)), c.value, `${name} ${row.key}|${c.column}`);
        }
        if (row.labelSpan) assert.ok(text.slice(row.labelSpan.start, row.labelSpan.end).length > 1);
      }
    }
  }
});

test('the three layouts of the same report give the same numbers', () => {
  const base = numbers(parse(CLEAN));
  // T2: 3 + 3 + 1 + 1 + 1 + 1; T3: 25 rows × 7; T4: 15.
  assert.equal(base.length, 10 + 175 + 15);
  assert.deepEqual(numbers(parse(fixture('clean-2021.rows.txt'))), base);
  assert.deepEqual(numbers(parse(fixture('clean-2021.md'))), base);
  // Two or more blanks instead of tabs, as a Word paste often has.
  const spaced = fixture('clean-2021.rows.txt').replace(/\t/g, '   ');
  assert.deepEqual(numbers(parse(spaced)), base);
});

test('wrapped labels: 商业/企业, （三）/不予/公开, a label cut over two lines', () => {
  const wrapped = CLEAN.replace('\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）\n', '\t（二）部分公开（区分处理的，\n只计这一情形，不计其他情形）\n');
  assert.notEqual(wrapped, CLEAN);
  assert.deepEqual(numbers(parse(wrapped)), numbers(parse(CLEAN)));
  assert.deepEqual(summary(wrapped), []);
  const r = parse(wrapped);
  const partial = r.tables[1].rows.find((x) => x.key === 'partial')!;
  assert.equal(wrapped.slice(partial.labelSpan!.start, partial.labelSpan!.end), '（二）部分公开（区分处理的，\n只计这一情形，不计其他情形）');
});

test('labels lightly edited still find their row: 1、 / 1． / straight quotes / short form', () => {
  let text = CLEAN.replace('\t3.危及“三安全一稳定”\n', '\t3、危及"三安全一稳定"\n');
  text = text.replace('\t5.属于三类内部事务信息\n', '\t5．属于三类内部事务信息\n');
  text = text.replace('\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）\n', '\t（二）部分公开\n');
  assert.deepEqual(summary(text), []);
  assert.deepEqual(numbers(parse(text)), numbers(parse(CLEAN)));
});

test('CRLF line endings: same diagnostics, and fixes keep CRLF', () => {
  const crlf = CLEAN.replace(/\n/g, '\r\n');
  assert.deepEqual(numbers(parse(crlf)), numbers(parse(CLEAN)));
  const broken = crlf.replace('\r\n一、总体情况\r\n', '\r\n1、总体情况\r\n').replace('\t（一）予以公开\r\n\t18\r\n\t5\r\n\t0\r\n\t1\r\n\t1\r\n\t0\r\n\t25\r\n', '\t（一）予以公开\r\n\t18\r\n\t5\r\n\t0\r\n\t1\r\n\t1\r\n\t0\r\n\t24\r\n');
  assert.deepEqual(summary(broken).map((s) => s.split(' ')[0]), ['section-heading', 'row-total']);
  assert.equal(applyEdits(broken, fixAll(parse(broken))), crlf);
});

test('a UTF-8 BOM left in the text is not part of the title', () => {
  const r = parse('\uFEFF' + CLEAN);
  assert.equal(r.agency, '青禾市柳溪区文化和旅游局');
  assert.equal(r.year, 2024);
  assert.deepEqual(summary('\uFEFF' + CLEAN), []);
});

test('full-width digits in cells; Chinese and full-width digits in the title year', () => {
  const fw = CLEAN.replace('\t（一）予以公开\n\t18\n', '\t（一）予以公开\n\t１８\n');
  assert.deepEqual(numbers(parse(fw)), numbers(parse(CLEAN)));
  assert.equal(parse(CLEAN.replace('2024年度政府信息公开工作年度报告', '二〇二四年度政府信息公开工作年度报告')).year, 2024);
  assert.equal(parse(CLEAN.replace('2024年度政府信息公开工作年度报告', '２０２４年度政府信息公开工作年度报告')).year, 2024);
});

test('titles: agency line above, title wrapped over lines, Markdown #', () => {
  const wrapped = CLEAN.replace('青禾市柳溪区文化和旅游局\n\n2024年度政府信息公开工作年度报告', '青禾市柳溪区文化和旅游局2024年政府\n\n信息公开工作年度报告');
  const r = parse(wrapped);
  assert.equal(r.agency, '青禾市柳溪区文化和旅游局');
  assert.equal(r.year, 2024);
  assert.equal(wrapped.slice(r.title!.span.start, r.title!.span.end), '青禾市柳溪区文化和旅游局2024年政府\n\n信息公开工作年度报告');
  const md = parse(fixture('clean-2021.md'));
  assert.equal(md.title!.text, '青禾市柳溪区文化和旅游局2024年政府信息公开工作年度报告');
  assert.equal(md.layout, 'markdown');
});

test('Markdown: group labels in their own column, row labels in the next', () => {
  const md = fixture('clean-2021.md')
    .replace('| （三）不予公开 |  |  |  |  |  |  |  |\n| 1.属于国家秘密 |', '| （三）不予公开 | 1.属于国家秘密 |')
    .replace(/\| 1\.属于国家秘密 \| 0 \| 0 \| 0 \| 0 \| 0 \| 0 \| 0 \|/, '| （三）不予公开 | 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |');
  assert.ok(md.includes('| （三）不予公开 | 1.属于国家秘密 | 0 |'), 'fixture edit applied');
  assert.deepEqual(summary(md), []);
});

test('tab rows: the group label shares the line of its first row', () => {
  const rows = fixture('clean-2021.rows.txt');
  assert.ok(rows.includes('（四）无法提供\t1.本机关不掌握相关政府信息\t10\t3\t0\t0\t1\t0\t14'));
  const r = parse(rows);
  const unable1 = r.tables[1].rows.find((x) => x.key === 'unable1')!;
  assert.equal(rows.slice(unable1.labelSpan!.start, unable1.labelSpan!.end), '1.本机关不掌握相关政府信息');
  assert.equal(r.layout, 'row');
});

test('the 2019 format: （六）其他处理 is one row, T2 has its own rows; 23 rows in T3', () => {
  const r = parse(fixture('report-2019.txt'));
  assert.equal(r.format, '2019');
  assert.deepEqual(r.tables.map((t) => [t.id, t.format, t.rows.length]), [['T2', '2019', 8], ['T3', '2019', 23], ['T4', '2019', 1]]);
  assert.equal(r.tables[1].rows.find((x) => x.key === 'otherHandling')!.cells.length, 7);
});

test('not a report: plain text, empty text, a long single line', () => {
  for (const text of ['', '会议纪要\n今天开会。', 'x'.repeat(1_000_000), '二、'.repeat(100_000)]) {
    const r = parse(text);
    assert.equal(r.isReport, false);
    assert.deepEqual(check(r), []);
  }
  assert.equal(looksLikeReport(CLEAN), true);
  assert.equal(looksLikeReport('# 会议纪要\n\n政府信息公开工作会议'), false);
});

test('a report without a title takes its year from the statistical period before the first heading; a title\'s year comes first', () => {
  const body = (period: string) => `${period}\n一、总体情况\n本机关依法公开政府信息。\n二、主动公开政府信息情况\n`;
  assert.equal(parse(body('本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。')).year, 2023);
  assert.equal(parse(body('所列数据的统计期限从２０２２年１月１日到２０２２年１２月３１日。')).year, 2022);
  // Not one calendar year, or no period: no year.
  assert.equal(parse(body('统计期限自2022年1月1日至2023年12月31日。')).year, null);
  assert.equal(parse(body('本报告依据《条例》编制。')).year, null);
  // A period after the first heading is the report's prose, not its preamble.
  assert.equal(parse(`一、总体情况\n本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。\n二、主动公开政府信息情况\n`).year, null);
  // The title's year is the report's, even where the period says another (year-mismatch reports that).
  const titled = parse(`青禾县统计局2024年政府信息公开工作年度报告\n${body('统计期限自2023年1月1日起至2023年12月31日止。')}`);
  assert.equal(titled.year, 2024);
  assert.deepEqual(
    check(titled).filter((p) => p.code === 'year-mismatch').map((p) => titled.text.slice(p.span.start, p.span.end)),
    ['2023', '2023'],
  );
});
