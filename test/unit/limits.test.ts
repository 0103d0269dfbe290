// The readers' limits (core/src/readers/limits.ts, README.md "Limits"): each one, past its value,
// gives one line naming the limit and the file, exit status 2, and the other files of the same run
// are still checked. The HTML reader refuses hostile nesting while it builds its tree (a
// 100,000-deep page is refused at depth 512) and never overflows the stack.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readHtml } from '../../core/src/readers/html';
import { LIMITS, LimitError, checkSize, utf8Length } from '../../core/src/readers/limits';
import { fixture, nianbao, tempDir } from './cli-helpers';

const TITLE = '<h1>青禾市柳溪区某局2024年度政府信息公开工作年度报告</h1>';

function limitOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof LimitError, `a LimitError, not ${String(e)}`);
    return e.limit;
  }
  assert.fail('no LimitError');
}

/** A folder with the hostile file and a good report beside it; the run names both. */
function runWith(name: string, write: (file: string) => void): { status: number | null; stderr: string; checked: string[] } {
  const dir = tempDir('nianbao-limits-');
  const bad = path.join(dir, name);
  write(bad);
  const good = path.join(dir, 'good.txt');
  fs.writeFileSync(good, fixture('cli-clean.txt'));
  const r = nianbao(['check', '--format', 'json', bad, good], { timeoutMs: 60_000 });
  const checked = (JSON.parse(r.stdout) as { files: { path: string }[] }).files.map((f) => path.basename(f.path));
  return { status: r.status, stderr: r.stderr, checked };
}

function assertRefused(r: ReturnType<typeof runWith>, name: string, limit: string, what: RegExp): void {
  assert.equal(r.status, 2);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0], new RegExp(`^nianbao: .*${name.replace('.', '\\.')}: 超出限制 ${limit.replace('.', '\\.')}：`));
  assert.match(lines[0], what);
  assert.deepEqual(r.checked, ['good.txt'], 'the other file was still checked');
}

test('text.maxBytes: a text file past 20 MB is refused from its size, before it is read', () => {
  const r = runWith('huge.txt', (f) => {
    fs.writeFileSync(f, '');
    fs.truncateSync(f, LIMITS.text.maxBytes + 1); // sparse: nothing to read anyway
  });
  assertRefused(r, 'huge.txt', 'text.maxBytes', /文本文件大小 20971521 字节，超过上限 20971520 字节，未检查/);
});

test('html.maxBytes: a page past 20 MB is refused from its size', () => {
  const r = runWith('huge.html', (f) => {
    fs.writeFileSync(f, '');
    fs.truncateSync(f, LIMITS.html.maxBytes + 1024 * 1024);
  });
  assertRefused(r, 'huge.html', 'html.maxBytes', /网页大小 21 MB，超过上限 20 MB/);
});

test('html.maxDepth: a 100,000-deep page is refused quickly, without a stack overflow', () => {
  const page = `<html><body>${TITLE}${'<div>'.repeat(100_000)}一、总体情况`;
  const r = runWith('deep.html', (f) => fs.writeFileSync(f, page));
  assertRefused(r, 'deep.html', 'html.maxDepth', /网页标签嵌套超过 512 层/);
  assert.equal(limitOf(() => readHtml(page)), 'html.maxDepth');
  // Nested tables and unclosed inline tags count too.
  assert.equal(limitOf(() => readHtml('<table><tr><td>'.repeat(2000))), 'html.maxDepth');
  assert.equal(limitOf(() => readHtml('<span>'.repeat(600))), 'html.maxDepth');
});

test('html.maxDepth: formatting tags closed by a paragraph are not rebuilt in each later one', () => {
  // A full HTML parser rebuilds every `<b id=N>` left open in each later paragraph (1,000 of them
  // took 9 s in parse5's tree builder); the reader's tree closes them with their paragraph.
  const page = `${TITLE}${Array.from({ length: 5000 }, (_, i) => `<p><b id=${i}>一、总体情况</p>`).join('')}`;
  const doc = readHtml(page);
  assert.equal(doc.text.split('一、总体情况').length - 1, 5000);
  // Alike tags, as an ordinary sloppy page has them, read too.
  const sloppy = `${TITLE}${'<p><strong>一、总体情况</p>'.repeat(3000)}`;
  assert.doesNotThrow(() => readHtml(sloppy));
});

test('html.maxDepth: what a real page does within the limit reads (unclosed <p>, <li>, <td>, <font> closed by </td>)', () => {
  const page = `${TITLE}${'<p>段落'.repeat(3000)}<ul>${'<li>项'.repeat(3000)}</ul><table>${'<tr><td><font>x</td><td>1'.repeat(3000)}</table>`;
  assert.doesNotThrow(() => readHtml(page));
  assert.doesNotThrow(() => readHtml(fixture('page-2021.html')));
});

test('html.maxCells: a page with more than 200,000 table cells is refused', () => {
  const page = `${TITLE}<table><tr>${'<td>1'.repeat(LIMITS.html.maxCells + 1)}</table>`;
  const r = runWith('cells.html', (f) => fs.writeFileSync(f, page));
  assertRefused(r, 'cells.html', 'html.maxCells', /网页表格单元格超过 200000 个/);
});

test('html.maxElements: a page of more than 400,000 elements is refused', () => {
  const page = `${TITLE}${'<br>'.repeat(LIMITS.html.maxElements + 1)}`;
  const r = runWith('elements.html', (f) => fs.writeFileSync(f, page));
  assertRefused(r, 'elements.html', 'html.maxElements', /网页元素超过 400000 个/);
});

test('limits inside a directory are said too, the other reports of the directory are checked', () => {
  const dir = tempDir('nianbao-limits-dir-');
  fs.writeFileSync(path.join(dir, 'a-deep.html'), `${TITLE}${'<div>'.repeat(1000)}`);
  fs.writeFileSync(path.join(dir, 'b-good.txt'), fixture('cli-clean.txt'));
  const r = nianbao(['check', '--format', 'json', dir]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /a-deep\.html: 超出限制 html\.maxDepth：/);
  assert.deepEqual((JSON.parse(r.stdout) as { files: { path: string }[] }).files.map((f) => path.basename(f.path)), ['b-good.txt']);
});

test('standard input past text.maxBytes stops being read and is refused', () => {
  const r = nianbao(['check', '-'], { input: Buffer.alloc(LIMITS.text.maxBytes + 10, 0x61) });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^nianbao: .*: 超出限制 text\.maxBytes：/m);
});

test('checkSize and utf8Length', () => {
  assert.equal(utf8Length('a中𠀀é'), 1 + 3 + 4 + 2);
  assert.equal(utf8Length('中'.repeat(10)), Buffer.byteLength('中'.repeat(10)));
  assert.doesNotThrow(() => checkSize('docx', LIMITS.docx.maxBytes));
  assert.equal(limitOf(() => checkSize('pdf', LIMITS.pdf.maxBytes + 1)), 'pdf.maxBytes');
});
