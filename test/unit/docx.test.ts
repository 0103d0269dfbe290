// Word `.docx` files: read into the same report model as the one-cell-per-line text (own fixture,
// generated from test/fixtures/clean-2021.md by test/office-fixtures.ts), findings placed on
// paragraph/table/row/cell, LIMITS.docx enforced before inflating, no entity expansion.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { check, checkDocument, documentOf, fixAllDocument, layoutOf, parse, type Report } from '../../core/src';
import { readDocx, DocxError, draftOf } from '../../core/src/readers/docx';
import { LIMITS, LimitError } from '../../core/src/readers/limits';
import { docxFromMarkdown, docxOf, documentXml } from '../office-fixtures';
import { fixture, replaceOnce } from '../helpers';
import { nianbao } from './cli-helpers';

const MD = fixture('clean-2021.md');
const CLEAN = fixture('clean-2021.txt');
const RECEIVED = '| 一、本年新收政府信息公开申请数量 | 41 | 9 | 0 | 1 | 2 | 0 | 53 |';

/** Every number of every table, as `T3 received|natural=41`. */
function numbers(r: Report): string[] {
  return r.tables.flatMap((t) => t.rows.flatMap((row) => row.cells.map((c) => `${t.id} ${row.key}|${c.column}=${c.value}`)));
}

function tmp(): string {
  return mkdtempSync(path.join(tmpdir(), 'nianbao-docx-'));
}

test('docx: paragraphs and tables (gridSpan, vMerge, blank and / cells, runs, revisions) give the one-cell-per-line numbers', () => {
  const doc = documentOf(readDocx(docxFromMarkdown(MD)));
  assert.equal(layoutOf(doc), 'docx');
  assert.equal(doc.report.title?.text, '青禾市柳溪区文化和旅游局2024年政府信息公开工作年度报告');
  assert.equal(doc.report.year, 2024);
  assert.equal(doc.report.format, '2021');
  assert.deepEqual(doc.report.sections.map((s) => s.index), [0, 1, 2, 3, 4, 5]);
  assert.deepEqual(numbers(doc.report), numbers(parse(CLEAN)));
  // The blank row (3.危及…) and the `/` row (7.属于行政执法案卷) of 表三: 14 cells read as 0, said once.
  const problems = checkDocument(doc);
  assert.deepEqual(problems.map((p) => `${p.code} ${p.severity} ${p.message}`), ['cell-reading info 本表有 14 个单元格为空白或写作“/”“—”，按 0 计算']);
  assert.deepEqual(doc.placeAt(problems[0].span.start), { table: 5, row: 11, cell: 2 });
  // The deleted revision (a 9 inside 41) is not read; Word never gets an edit.
  assert.deepEqual(fixAllDocument(doc), []);
});

test('docx: a tracked move is read where the text went (w:moveTo), not where it was (w:moveFrom)', () => {
  const sentence = '本年度新收政府信息公开申请99件。';
  const moved = (from: boolean) =>
    `<w:p><w:${from ? 'moveFrom' : 'moveTo'} w:id="7" w:author="x"><w:r><w:t>${sentence}</w:t></w:r></w:${from ? 'moveFrom' : 'moveTo'}></w:p>`;
  const xml = documentXml(MD);
  const at = xml.indexOf('<w:p>', xml.indexOf('一、总体情况'));
  const read = (extra: string) => documentOf(readDocx(docxOf(xml.slice(0, at) + extra + xml.slice(at))));
  const away = read(moved(true));
  assert.ok(!away.text.includes(sentence));
  assert.deepEqual(checkDocument(away).map((p) => p.code), ['cell-reading']);
  // Where it went, it is read (and 99 contradicts 表三's 53).
  const there = read(moved(false));
  assert.ok(there.text.includes(sentence));
  assert.deepEqual(checkDocument(there).map((p) => p.code).sort(), ['cell-reading', 'narrative-mismatch']);
});

test('docx: a wrong total is placed on its table, row and cell; headings and prose on their paragraph', () => {
  const md = replaceOnce(MD, RECEIVED, RECEIVED.replace('| 53 |', '| 54 |'));
  const doc = documentOf(readDocx(docxFromMarkdown(md)));
  const p = checkDocument(doc).filter((x) => x.code !== 'cell-reading');
  assert.deepEqual(p.map((x) => x.code), ['row-total']);
  assert.deepEqual(doc.placeAt(p[0].span.start), { table: 5, row: 3, cell: 8 });
  assert.equal(doc.text.slice(p[0].span.start, p[0].span.end), '54');
  const heading = doc.report.sections[2];
  // The 33rd paragraph of the body: the Markdown's lines outside tables, blank ones included (Word counts empty paragraphs too).
  const before = MD.slice(0, MD.indexOf('## 三、')).split('\n').filter((l) => !l.startsWith('|')).length;
  assert.equal(before, 33); // the lines before it, and its own (split leaves it as the last, empty piece)
  assert.deepEqual(doc.placeAt(heading.textSpan.start), { paragraph: 33 });
  assert.equal(heading.text, '三、收到和处理政府信息公开申请情况');
});

test('docx: nianbao check names table/row/cell in text, JSON and SARIF (logical locations, no line); fix refuses; show gives the same model', () => {
  const dir = tmp();
  try {
    const file = path.join(dir, '青禾.docx');
    writeFileSync(file, docxFromMarkdown(replaceOnce(MD, RECEIVED, RECEIVED.replace('| 53 |', '| 54 |'))));
    const text = nianbao(['check', file]);
    assert.equal(text.status, 1, text.stderr);
    assert.match(text.stdout, /青禾\.docx（表格 5 第 3 行第 8 格）  error  “一、本年新收政府信息公开申请数量”·总计应为 53（现为 54）/);

    const json = JSON.parse(nianbao(['check', '--format', 'json', file]).stdout) as {
      files: { report: { layout: string }; diagnostics: { code: string; place?: object; where?: string }[] }[];
    };
    assert.equal(json.files[0].report.layout, 'docx');
    const rowTotal = json.files[0].diagnostics.find((d) => d.code === 'row-total')!;
    assert.deepEqual(rowTotal.place, { table: 5, row: 3, cell: 8 });
    assert.equal(rowTotal.where, '表格 5 第 3 行第 8 格');

    const sarif = JSON.parse(nianbao(['check', '--format', 'sarif', file]).stdout) as {
      runs: { results: { ruleId: string; locations: { physicalLocation: { region?: unknown }; logicalLocations?: { name: string; fullyQualifiedName: string }[] }[] }[] }[];
    };
    const r = sarif.runs[0].results.find((x) => x.ruleId === 'row-total')!;
    assert.equal(r.locations[0].physicalLocation.region, undefined);
    assert.deepEqual(r.locations[0].logicalLocations, [{ name: '表格 5 第 3 行第 8 格', fullyQualifiedName: 'table[5]/row[3]/cell[8]', kind: 'element' }]);

    const fix = nianbao(['fix', '--write', file]);
    assert.equal(fix.status, 2);
    assert.match(fix.stderr, /Word\/PDF 文件不能直接修改/);

    writeFileSync(file, docxFromMarkdown(MD));
    const show = (f: string) =>
      (JSON.parse(nianbao(['show', '--format', 'json', f]).stdout) as { layout: string; tables: { id: string; rows: { key: string; cells: { key: string; value: number }[] }[] }[] });
    const values = (m: ReturnType<typeof show>) => m.tables.map((t) => ({ id: t.id, rows: t.rows.map((row) => [row.key, ...row.cells.map((c) => `${c.key}=${c.value}`)]) }));
    const word = show(file);
    assert.equal(word.layout, 'docx');
    assert.deepEqual(values(word), values(show(path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'clean-2021.txt'))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('docx: a table holding a table is layout; its cells are read as paragraphs', () => {
  const inner = documentXml(MD).replace(/^[\s\S]*?<w:body>/, '').replace(/<w:sectPr>[\s\S]*$/, '');
  const xml = `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:tbl><w:tr><w:tc>${inner}<w:p/></w:tc></w:tr></w:tbl></w:body></w:document>`;
  const doc = documentOf(readDocx(docxOf(xml)));
  assert.deepEqual(numbers(doc.report), numbers(parse(CLEAN)));
  assert.deepEqual(doc.placeAt(doc.report.sections[0].textSpan.start), { table: 1, row: 1, cell: 1 });
});

test('docx: limits are checked on the central directory before inflating; bad files give one clear error', () => {
  const good = docxFromMarkdown(MD);
  // Too many entries.
  const many: Record<string, Uint8Array> = { 'word/document.xml': strToU8(documentXml(MD)) };
  for (let i = 0; i < LIMITS.docx.maxEntries; i++) many[`x/${i}.xml`] = new Uint8Array(0);
  assert.throws(() => readDocx(zipSync(many, { level: 0 })), (e: unknown) => e instanceof LimitError && e.limit === 'docx.maxEntries' && /docx\.maxEntries/.test(e.message));
  // A part or the whole declared larger than allowed (limits lowered for the test).
  const saved = { ...LIMITS.docx };
  try {
    LIMITS.docx.maxPartBytes = 1000;
    assert.throws(() => readDocx(good), (e: unknown) => e instanceof LimitError && e.limit === 'docx.maxPartBytes' && /word\/document\.xml/.test(e.message));
    LIMITS.docx.maxPartBytes = saved.maxPartBytes;
    LIMITS.docx.maxTotalBytes = 1000;
    assert.throws(() => readDocx(good), (e: unknown) => e instanceof LimitError && e.limit === 'docx.maxTotalBytes');
    LIMITS.docx.maxTotalBytes = saved.maxTotalBytes;
    LIMITS.docx.maxBytes = 100;
    assert.throws(() => readDocx(good), (e: unknown) => e instanceof LimitError && e.limit === 'docx.maxBytes' && /超过上限/.test(e.message));
  } finally {
    Object.assign(LIMITS.docx, saved);
  }
  // A part whose declared size lies: inflated in pieces and stopped once it yields more than declared.
  const z = Buffer.from(good);
  for (let i = z.indexOf('PK\x01\x02', 0, 'latin1'); i >= 0; i = z.indexOf('PK\x01\x02', i + 4, 'latin1')) {
    if (z.subarray(i + 46, i + 46 + z.readUInt16LE(i + 28)).toString() === 'word/document.xml') z.writeUInt32LE(10, i + 24);
  }
  assert.throws(() => readDocx(z), (e: unknown) => e instanceof DocxError && /压缩包已损坏.*word\/document\.xml: inflates to more than the declared 10 bytes/.test(e.message));
  // The same with a stream of 256 MB of zeros (256 kB compressed) declared as 1 kB: refused after
  // the first piece, without inflating the rest.
  const bomb = Buffer.from(zipSync({ 'word/document.xml': new Uint8Array(256 * 1024 * 1024), '_rels/.rels': strToU8('') }, { level: 9 }));
  for (let i = bomb.indexOf('PK\x01\x02', 0, 'latin1'); i >= 0; i = bomb.indexOf('PK\x01\x02', i + 4, 'latin1')) {
    if (bomb.subarray(i + 46, i + 46 + bomb.readUInt16LE(i + 28)).toString() === 'word/document.xml') bomb.writeUInt32LE(1024, i + 24);
  }
  assert.ok(bomb.length < 400_000, `the test's bomb is ${bomb.length} bytes`);
  assert.throws(() => readDocx(bomb), (e: unknown) => e instanceof DocxError && /inflates to more than the declared 1024 bytes/.test(e.message));
  // External entities are never expanded (no DTD is read): the file is refused.
  const xxe =
    '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><w:document xmlns:w="x"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>';
  assert.throws(() => readDocx(docxOf(xxe)), (e: unknown) => e instanceof DocxError && /不是有效的 XML/.test(e.message));
  assert.throws(() => readDocx(strToU8('not a zip at all')), DocxError);
  assert.throws(() => readDocx(zipSync({ 'a.txt': strToU8('x') })), (e: unknown) => e instanceof DocxError && /没有正文/.test(e.message));

  // The CLI: one line, exit 2, for each.
  const dir = tmp();
  try {
    const broken = path.join(dir, 'broken.docx');
    writeFileSync(broken, z);
    const old = path.join(dir, 'old.doc');
    writeFileSync(old, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    for (const [f, re] of [[broken, /broken\.docx: 不是有效的 Word（\.docx）文件：压缩包已损坏/], [old, /另存为 \.docx/]] as const) {
      const r = nianbao(['check', f]);
      assert.equal(r.status, 2);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, re);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('docx: the draft of 导入 Word 年报 (pipe tables) checks the same as the Word file: same codes, same numbers', () => {
  const md = replaceOnce(MD, RECEIVED, RECEIVED.replace('| 53 |', '| 54 |'));
  const reading = readDocx(docxFromMarkdown(md));
  const word = documentOf(reading);
  const draft = draftOf(reading);
  // Each table's first row is followed by a separator, so the draft shows as tables.
  assert.match(draft, /^\| 信息内容 \| 本年制发件数 \| 本年废止件数 \| 现行有效件数 \|\n\| --- \| --- \| --- \| --- \|$/m);
  const report = parse(draft);
  assert.equal(report.layout, 'markdown');
  assert.deepEqual(numbers(report), numbers(word.report));
  // The blanks the reader read as 0 are written as 0 in the draft: its note is the reader's, not repeated.
  const codes = (ps: { code: string; message: string }[]) => ps.filter((p) => p.code !== 'cell-reading').map((p) => `${p.code} ${p.message}`);
  assert.deepEqual(codes(check(report)), codes(checkDocument(word)));
  assert.deepEqual(codes(check(report)).map((c) => c.split(' ')[0]), ['row-total']);
});
