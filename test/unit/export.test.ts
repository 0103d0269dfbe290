// Export (core/src/export/, node/src/export/docx.ts, `nianbao export`): the .html and .docx of every
// fixture read back, through the published-layout readers, to the same numbers; the page parses with
// parse5 without an error and loads nothing from elsewhere; mammoth converts the .docx without a
// warning; the tables are drawn with the merged cells of the official format.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse as parseHtml } from 'parse5';
import * as mammoth from 'mammoth';
import { documentOf, parse, readText, type Report } from '../../core/src';
import { readHtml } from '../../core/src/readers/html';
import { readDocx } from '../../core/src/readers/docx';
import { exportHtml } from '../../core/src/export/html';
import { exportModel } from '../../core/src/export/model';
import { exportDocx } from '../../node/src/export/docx';
import { FIXTURES, fixture, replaceOnce, seedFiles, SEEDS_MISSING } from '../helpers';
import { nianbao } from './cli-helpers';

/** Every number of every table (the value; a cell that is not a number by its text). */
function numbers(r: Report): string[] {
  return r.tables.flatMap((t) => t.rows.flatMap((row) => row.cells.map((c) => `${t.id} ${row.key}|${c.column}=${c.value ?? c.raw}`)));
}

/** A fixture as nianbao reads it: a page through the HTML reader, any other text as text. */
function report(name: string): Report {
  const text = fixture(name);
  return (name.endsWith('.html') ? documentOf(readHtml(text)) : readText(text)).report;
}

function parseErrors(html: string): string[] {
  const errors: string[] = [];
  parseHtml(html, { onParseError: (e) => errors.push(`${e.code} at ${e.startLine}:${e.startCol}`) });
  return errors;
}

const FIXTURE_NAMES = fs.readdirSync(FIXTURES).filter((f) => /\.(txt|md|html)$/.test(f));

test('the web page of every fixture parses without an error and reads back to the same numbers', () => {
  assert.ok(FIXTURE_NAMES.length >= 10);
  for (const name of FIXTURE_NAMES) {
    const r = report(name);
    const html = exportHtml(r);
    assert.deepEqual(parseErrors(html), [], name);
    const back = documentOf(readHtml(html)).report;
    assert.deepEqual(numbers(back), numbers(r), name);
    assert.equal(back.title?.text, r.title?.text, name);
    assert.deepEqual(back.sections.map((s) => s.index), r.sections.map((s) => s.index), name);
  }
});

test('the Word document of every fixture reads back to the same numbers, and mammoth converts it without a warning', async () => {
  for (const name of FIXTURE_NAMES) {
    const r = report(name);
    const bytes = await exportDocx(r);
    const back = documentOf(readDocx(bytes)).report;
    assert.deepEqual(numbers(back), numbers(r), name);
    assert.deepEqual(back.sections.map((s) => s.index), r.sections.map((s) => s.index), name);
    const converted = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
    assert.deepEqual(converted.messages, [], name);
    assert.match(converted.value, /<h2>三、收到和处理政府信息公开申请情况<\/h2>/, name);
  }
});

test('the published seeds export and read back to the same numbers', async (t) => {
  const seeds = seedFiles();
  if (!seeds) {
    t.skip(SEEDS_MISSING);
    return;
  }
  for (const [name, text] of seeds) {
    const r = parse(text);
    const html = exportHtml(r);
    assert.deepEqual(parseErrors(html), [], name);
    assert.deepEqual(numbers(documentOf(readHtml(html)).report), numbers(r), `seed ${name} html`);
    const bytes = await exportDocx(r);
    assert.deepEqual(numbers(documentOf(readDocx(bytes)).report), numbers(r), `seed ${name} docx`);
    assert.deepEqual((await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).messages, [], `seed ${name} mammoth`);
  }
});

test('the page: headings, paragraphs, merged headings of 表三 and 表四, totals marked; nothing loaded from elsewhere', () => {
  const r = parse(fixture('clean-2021.md'));
  const html = exportHtml(r);
  assert.match(html, /^<!DOCTYPE html>\n<html lang="zh-CN">/);
  assert.match(html, /<h1>青禾市柳溪区文化和旅游局2024年政府信息公开工作年度报告<\/h1>/);
  assert.match(html, /<h2>一、总体情况<\/h2>\n<p>2024年，本局认真贯彻政府信息公开工作要求，全年主动公开政府信息812条。<\/p>/);
  assert.match(html, /<h2>六、其他需要报告的事项<\/h2>\n<p>本机关2024年度未发出信息处理费收费通知，未收取信息处理费。<\/p>/);
  // 表三: the corner over three label columns and three heading rows, 申请人情况 over seven, 法人或其他组织 over five.
  assert.ok(html.includes('<tr><th rowspan="3" colspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</th><th colspan="7">申请人情况</th></tr>'));
  assert.ok(html.includes('<th colspan="5">法人或其他组织</th>'));
  // A group label spanning its rows, then the row with its numbers; the total in bold.
  assert.ok(html.includes('<th rowspan="8" class="label">（三）不予公开</th><th class="label">1.属于国家秘密</th><td>0</td>'), html);
  assert.ok(html.includes('<th colspan="3" class="label">一、本年新收政府信息公开申请数量</th><td>41</td><td>9</td><td>0</td><td>1</td><td>2</td><td>0</td><td class="total">53</td></tr>'));
  // 表四: 行政复议 over five, 行政诉讼 over ten.
  assert.ok(html.includes('<th colspan="5">行政复议</th><th colspan="10">行政诉讼</th>'));
  // Self-contained: no script, no link, no remote URL, no image, no external stylesheet.
  assert.doesNotMatch(html, /<script|<link|<img|https?:|url\(|@import|src=/i);
  // Text is escaped.
  const tricky = parse(replaceOnce(fixture('clean-2021.md'), '规范保密审查。', '规范保密审查<script>&。'));
  assert.ok(exportHtml(tricky).includes('<p>建立公开属性源头认定机制，规范保密审查&lt;script&gt;&amp;。</p>'));
});

test('the export model: blocks in document order; a table with a shape problem is exported with a warning', () => {
  const m = exportModel(parse(fixture('clean-2021.txt')));
  const kinds = m.blocks.map((b) => (b.kind === 'table' ? b.table.shortName : b.kind === 'heading' ? b.text.slice(0, 2) : 'p'));
  const order = kinds.filter((k) => k !== 'p');
  assert.deepEqual(order, ['一、', '二、', '表二', '三、', '表三', '四、', '表四', '五、', '六、']);
  assert.deepEqual(m.warnings, []);
  const broken = exportModel(parse(replaceOnce(fixture('clean-2021.md'), '| 2.重复申请 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n', '')));
  assert.deepEqual(broken.warnings, ['表三有结构问题（缺行、未知行或数字个数不对），导出的表格只含能对上行列的数字']);
});

// ---------------------------------------------------------------------------
// CLI

test('nianbao export --to html|docx writes beside the report or to --out, atomically', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-export-'));
  try {
    const file = path.join(dir, '报告.nianbao.md');
    fs.copyFileSync(path.join(FIXTURES, 'clean-2021.md'), file);
    const h = nianbao(['export', '--to', 'html', file]);
    assert.equal(h.status, 0, h.stderr);
    assert.equal(fs.readFileSync(path.join(dir, '报告.html'), 'utf8'), exportHtml(parse(fixture('clean-2021.md'))));
    assert.match(h.stderr, /已导出为 .*报告\.html/);
    const out = path.join(dir, 'out.docx');
    const d = nianbao(['export', '--to', 'docx', '--out', out, file]);
    assert.equal(d.status, 0, d.stderr);
    const back = documentOf(readDocx(fs.readFileSync(out))).report;
    assert.deepEqual(numbers(back), numbers(parse(fixture('clean-2021.md'))));
    // A Word file exports to a page too (through the Word reader).
    const again = nianbao(['export', '--to', 'html', '--out', '-', out]);
    assert.equal(again.status, 0, again.stderr);
    assert.deepEqual(numbers(documentOf(readHtml(again.stdout)).report), numbers(back));
    assert.deepEqual(fs.readdirSync(dir).sort(), ['out.docx', '报告.html', '报告.nianbao.md'], 'no temporary file left');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('nianbao export: usage errors; a page is not overwritten by its own export', () => {
  const noTo = nianbao(['export', path.join(FIXTURES, 'clean-2021.md')]);
  assert.equal(noTo.status, 2);
  assert.match(noTo.stderr, /export 需要 --to docx\|html/);
  const bad = nianbao(['export', '--to', 'pdf', path.join(FIXTURES, 'clean-2021.md')]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--to 取值应为 docx、html/);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-export-'));
  try {
    const page = path.join(dir, 'page.html');
    fs.copyFileSync(path.join(FIXTURES, 'page-2021.html'), page);
    const r = nianbao(['export', '--to', 'html', page]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /导出文件与原文件同名，未覆盖/);
    assert.equal(fs.readFileSync(page, 'utf8'), fixture('page-2021.html'));
    const stdin = nianbao(['export', '--to', 'html', '-'], { input: fixture('clean-2021.txt') });
    assert.equal(stdin.status, 2);
    assert.match(stdin.stderr, /需要 --out FILE/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the writers are a bundle of their own: the language server and the extension do not carry them', () => {
  const dist = path.join(FIXTURES, '..', '..', 'dist');
  const read = (f: string) => fs.readFileSync(path.join(dist, f), 'utf8');
  // `w:tblGrid` is written by the docx package only.
  assert.ok(read('export.js').includes('w:tblGrid'));
  const server = fs.existsSync(path.join(dist, 'server-main.js')) ? 'server-main.js' : 'server.js';
  for (const f of [server, 'client.js']) assert.ok(!read(f).includes('w:tblGrid'), `${f} carries the Word writer`);
  assert.ok(!read(server).includes('<!DOCTYPE html>'), `${server} carries the page writer`);
});
