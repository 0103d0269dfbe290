// Layout conversion (core/src/convert-layout.ts, `nianbao convert`): tables re-laid one cell per line,
// one row per line or as Markdown pipe tables keep every label and number, leave prose and headings
// alone, and give the same diagnostics. Round trip cells → Markdown → rows → cells on every fixture
// and, when they are beside the project, on the published seeds.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { applyEdits, check, documentOf, parse, readText, type Report } from '../../core/src';
import { convertLayout, convertText, type TextLayout } from '../../core/src/convert-layout';
import { readHtml } from '../../core/src/readers/html';
import { FIXTURES, fixture, replaceOnce, seedFiles, SEEDS_MISSING } from '../helpers';
import { nianbao } from './cli-helpers';

/** Every cell of every table, as written. */
function numbers(r: Report): string[] {
  return r.tables.flatMap((t) => t.rows.flatMap((row) => row.cells.map((c) => `${t.id}.${row.key}.${c.column}=${c.raw}`)));
}
function diagnostics(r: Report): string[] {
  return check(r)
    .map((p) => `${p.code}|${p.severity}|${p.message}`)
    .sort();
}

/** The text a fixture's tables are read from: the file itself, or what the reader of a page or crawler text read. */
function plainText(name: string): string {
  const text = fixture(name);
  if (name.endsWith('.html')) return documentOf(readHtml(text)).text;
  return readText(text).text;
}

function roundTrip(label: string, text: string): void {
  const start = parse(text);
  const want = numbers(start);
  const wantDiagnostics = diagnostics(start);
  assert.ok(want.length > 0, `${label}: no table read`);
  let current = text;
  for (const to of ['cells', 'markdown', 'rows', 'cells'] as TextLayout[]) {
    const r = convertText(current, { to });
    assert.deepEqual(r.skipped, [], `${label} → ${to}: ${JSON.stringify(r.skipped)}`);
    const after = parse(r.text);
    assert.deepEqual(numbers(after), want, `${label} → ${to}: numbers changed`);
    assert.deepEqual(diagnostics(after), wantDiagnostics, `${label} → ${to}: diagnostics changed`);
    for (const t of after.tables) assert.equal(t.layout, to === 'cells' ? 'cell' : to === 'rows' ? 'row' : 'markdown', `${label} → ${to}: ${t.id} layout`);
    current = r.text;
  }
}

test('round trip cells → Markdown → rows → cells on every fixture keeps every number and every diagnostic', () => {
  const names = fs.readdirSync(FIXTURES).filter((f) => /\.(txt|md|html)$/.test(f));
  assert.ok(names.length >= 10);
  for (const name of names) roundTrip(name, plainText(name));
});

test('round trip on the published seeds', (t) => {
  const seeds = seedFiles();
  if (!seeds) {
    t.skip(SEEDS_MISSING);
    return;
  }
  for (const [name, text] of seeds) roundTrip(`seed ${name}`, text);
});

test('only the table lines change: prose, headings and blank lines between sections stay byte for byte', () => {
  const text = fixture('clean-2021.md');
  const report = parse(text);
  const r = convertLayout(report, { to: 'rows' });
  assert.deepEqual(r.converted, ['表二', '表三', '表四']);
  assert.equal(r.edits.length, 3);
  for (const e of r.edits) {
    const old = text.slice(e.start, e.end);
    // Each edit starts at a line start and ends at a line end, and holds only table lines.
    assert.ok(e.start === 0 || text[e.start - 1] === '\n');
    assert.ok(e.end === text.length || text[e.end] === '\n' || text[e.end] === '\r');
    for (const line of old.split('\n')) assert.ok(line === '' || line.startsWith('|') || line.startsWith('第二十条'), `not a table line: ${line}`);
  }
  const out = applyEdits(text, r.edits);
  const outside = (s: string, edits: { start: number; end: number }[]) => {
    let rest = '';
    let at = 0;
    for (const e of edits) {
      rest += s.slice(at, e.start) + '\u0000';
      at = e.end;
    }
    return rest + s.slice(at);
  };
  // The text around the tables is the same before and after.
  const newSpans: { start: number; end: number }[] = [];
  let shift = 0;
  for (const e of r.edits) {
    newSpans.push({ start: e.start + shift, end: e.start + shift + e.newText.length });
    shift += e.newText.length - (e.end - e.start);
  }
  assert.equal(outside(out, newSpans), outside(text, r.edits));
});

test('exact result: 表四 from Markdown to one cell per line and to tab rows', () => {
  const text = fixture('clean-2021.md');
  const report = parse(text);
  const t4 = report.tables.find((t) => t.id === 'T4')!;
  const r = convertLayout(report, { to: 'rows', at: t4.span.start });
  assert.deepEqual(r.converted, ['表四']);
  assert.equal(r.edits.length, 1);
  assert.equal(
    r.edits[0].newText,
    [
      '行政复议\t\t\t\t\t行政诉讼',
      '\t\t\t\t\t未经复议直接起诉\t\t\t\t\t复议后起诉',
      '结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计',
      '1\t1\t0\t1\t3\t0\t0\t0\t1\t1\t0\t0\t0\t0\t0',
    ].join('\n'),
  );
  const cells = convertLayout(report, { to: 'cells', at: t4.span.start });
  const lines = cells.edits[0].newText.split('\n');
  assert.deepEqual(lines.slice(-16), ['', '\t1', '\t1', '\t0', '\t1', '\t3', '\t0', '\t0', '\t0', '\t1', '\t1', '\t0', '\t0', '\t0', '\t0', '\t0']);
});

test('the table at the cursor only; a cursor in the section of a table finds it; elsewhere there is none', () => {
  const text = fixture('clean-2021.txt');
  const report = parse(text);
  const t3 = report.tables.find((t) => t.id === 'T3')!;
  const inRow = report.text.indexOf('（一）予以公开', t3.span.start);
  const r = convertLayout(report, { to: 'markdown', at: inRow });
  assert.deepEqual(r.converted, ['表三']);
  assert.equal(r.edits.length, 1);
  const out = applyEdits(text, r.edits);
  const after = parse(out);
  assert.equal(after.tables.find((t) => t.id === 'T3')!.layout, 'markdown');
  assert.equal(after.tables.find((t) => t.id === 'T2')!.layout, 'cell');
  assert.equal(after.tables.find((t) => t.id === 'T4')!.layout, 'cell');
  // On the section heading of 三: its table.
  const heading = report.sections.find((s) => s.index === 2)!;
  assert.deepEqual(convertLayout(report, { to: 'markdown', at: heading.textSpan.start + 1 }).converted, ['表三']);
  // In section 一 (no table): nothing.
  const s1 = report.sections.find((s) => s.index === 0)!;
  const none = convertLayout(report, { to: 'markdown', at: s1.bodySpan.start + 2 });
  assert.equal(none.noTable, true);
  assert.deepEqual(none.edits, []);
});

test('labels and cells as written are kept: a variant label, full-width digits and a cell that is not a number', () => {
  let text = fixture('clean-2021.md');
  text = replaceOnce(text, '| （二）部分公开（区分处理的，只计这一情形，不计其他情形） | 4 |', '| （二）部分公开 | ４ |');
  text = replaceOnce(text, '| 7.属于行政执法案卷 | 0 |', '| 7.属于行政执法案卷 | l |');
  const r = convertText(text, { to: 'rows' });
  assert.deepEqual(r.skipped, []);
  assert.match(r.text, /^（二）部分公开\t４\t1\t0\t0\t0\t0\t5$/m);
  assert.match(r.text, /^7\.属于行政执法案卷\tl\t0\t0\t0\t0\t0\t0$/m);
  assert.deepEqual(diagnostics(parse(r.text)), diagnostics(parse(text)));
  assert.ok(diagnostics(parse(text)).some((d) => d.startsWith('cell-not-number|')));
});

test('a table that would lose text is left as it is, and says why', () => {
  // A line inside 表三 that is neither a label, a header nor a number.
  const text = replaceOnce(fixture('clean-2021.txt'), '\t（一）予以公开', '\t（注：含电子邮件申请）\n\t（一）予以公开');
  const report = parse(text);
  const r = convertLayout(report, { to: 'markdown' });
  const t3 = r.skipped.find((s) => s.table === 'T3');
  assert.ok(t3, JSON.stringify(r));
  assert.match(t3.reason, /（注：含电子邮件申请）|结构问题/);
  assert.deepEqual(r.converted, ['表二', '表四']);
  const out = applyEdits(text, r.edits);
  assert.ok(out.includes('\t（注：含电子邮件申请）\n\t（一）予以公开'));
});

test('a table with a shape problem is not converted', () => {
  const text = replaceOnce(fixture('clean-2021.md'), '| 2.重复申请 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n', '');
  const r = convertLayout(parse(text), { to: 'cells' });
  assert.deepEqual(
    r.skipped.map((s) => [s.tableName, s.reason]),
    [['表三', '表格有结构问题（缺行、重复行、未知行或数字个数不对），先按提示修正后再转换']],
  );
  assert.deepEqual(r.converted, ['表二', '表四']);
});

test('an empty Markdown cell cannot become one cell per line', () => {
  const text = replaceOnce(fixture('clean-2021.md'), '| 2.没有现成信息需要另行制作 | 3 | 0 |', '| 2.没有现成信息需要另行制作 | 3 |  |');
  const r = convertLayout(parse(text), { to: 'cells' });
  assert.deepEqual(r.skipped.map((s) => s.tableName), ['表三']);
  assert.equal(r.skipped[0].reason, '表格有空白单元格，每格一行的排法无法表示空白（先填入数字）');
  // To rows it can: the empty field stays empty.
  const rows = convertText(text, { to: 'rows' });
  assert.deepEqual(rows.skipped, []);
  assert.match(rows.text, /^2\.没有现成信息需要另行制作\t3\t\t0\t/m);
});

test('CRLF documents stay CRLF', () => {
  const text = fixture('clean-2021.txt').replace(/\n/g, '\r\n');
  const r = convertText(text, { to: 'markdown' });
  assert.deepEqual(r.skipped, []);
  assert.equal(/[^\r]\n/.test(r.text), false);
});

// ---------------------------------------------------------------------------
// CLI

test('nianbao convert --to rows prints the converted report; --write rewrites the file in place', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-convert-'));
  try {
    const file = path.join(dir, 'report.md');
    fs.copyFileSync(path.join(FIXTURES, 'clean-2021.md'), file);
    const out = nianbao(['convert', '--to', 'rows', file]);
    assert.equal(out.status, 0, out.stderr);
    assert.match(out.stderr, /已将表二、表三、表四转为每行一行/);
    assert.equal(out.stdout, convertText(fixture('clean-2021.md'), { to: 'rows' }).text);
    assert.equal(fs.readFileSync(file, 'utf8'), fixture('clean-2021.md'), 'without --write the file is not touched');
    const w = nianbao(['convert', '--to', 'cells', '--write', file]);
    assert.equal(w.status, 0, w.stderr);
    assert.equal(w.stdout, '');
    assert.equal(fs.readFileSync(file, 'utf8'), convertText(fixture('clean-2021.md'), { to: 'cells' }).text);
    assert.deepEqual(fs.readdirSync(dir), ['report.md'], 'no temporary file left behind');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('nianbao convert: usage errors and pages', () => {
  const noTo = nianbao(['convert', path.join(FIXTURES, 'clean-2021.md')]);
  assert.equal(noTo.status, 2);
  assert.match(noTo.stderr, /convert 需要 --to cells\|rows\|markdown\|2021/);
  const bad = nianbao(['convert', '--to', 'docx', path.join(FIXTURES, 'clean-2021.md')]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--to 取值应为 cells、rows、markdown、2021/);
  const page = nianbao(['convert', '--to', 'rows', path.join(FIXTURES, 'page-2021.html')]);
  assert.equal(page.status, 2);
  assert.match(page.stderr, /只能转换纯文本年报/);
  const skipped = nianbao(['convert', '--to', 'markdown', '-'], { input: replaceOnce(fixture('clean-2021.txt'), '\t（一）予以公开', '\t（注：含电子邮件申请）\n\t（一）予以公开') });
  assert.equal(skipped.status, 1);
  assert.match(skipped.stderr, /表三未转换：/);
});
