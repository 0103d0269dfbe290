// The limits of the Word and PDF readers and the time limits (core/src/readers/limits.ts, README.md
// "Limits"), through the command line as a reviewer meets them: each refused file gives one line
// naming the limit and the file, exit status 2, and the good report beside it is still checked.
// A 42 kB zip that expands past the limit is refused in well under a second with memory below
// 200 MB (measured in a child process); a PDF that loops (forms drawing forms, 2^30 draws) is stopped
// by pdf.maxMs; a page parse5 would take long over is stopped by html.maxMs. The time limits are
// lowered for the test with NIANBAO_LIMITS (the defaults are 20 s and 10 s).

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { deflateSync, strToU8, zipSync } from 'fflate';
import { LIMITS, applyLimitOverrides } from '../../core/src/readers/limits';
import { readPdfPages } from '../../core/src/readers/pdf';
import { pagePdf, writePdf } from '../fuzz/pdf-build';
import { docxFromMarkdown, documentXml } from '../office-fixtures';
import { fixture, nianbao, ROOT, tempDir } from './cli-helpers';

const MiB = 1024 * 1024;

interface Run {
  status: number | null;
  stderr: string;
  checked: string[];
}

/** The hostile file and a good report beside it, checked in one run. */
function runWith(name: string, data: Uint8Array | string | ((file: string) => void), env: Record<string, string> = {}): Run {
  const dir = tempDir('nianbao-reader-limits-');
  const bad = path.join(dir, name);
  if (typeof data === 'function') data(bad);
  else fs.writeFileSync(bad, data);
  const good = path.join(dir, 'good.txt');
  fs.writeFileSync(good, fixture('cli-clean.txt'));
  const r = nianbao(['check', '--format', 'json', bad, good], { timeoutMs: 120_000, env });
  assert.doesNotMatch(r.stderr, /内部错误|internal error/, r.stderr);
  const checked = (JSON.parse(r.stdout) as { files: { path: string }[] }).files.map((f) => path.basename(f.path));
  return { status: r.status, stderr: r.stderr, checked };
}

function assertRefused(r: Run, name: string, limit: string, what: RegExp): void {
  assert.equal(r.status, 2, r.stderr);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0], new RegExp(`^nianbao: .*${name.replace(/\./g, '\\.')}: 超出限制 ${limit.replace(/\./g, '\\.')}：`));
  assert.match(lines[0], what);
  assert.deepEqual(r.checked, ['good.txt'], 'the other file was still checked');
}

// ---------------------------------------------------------------------------
// Word

/**
 * A zip whose central directory names `entries` parts that all point at one deflated run of
 * `unit` zero bytes (overlapping entries: a few dozen kilobytes naming gigabytes).
 */
function overlappingZip(entries: number, unit: number): Buffer {
  const data = deflateSync(new Uint8Array(unit), { level: 9 });
  const first = Buffer.from('word/document.xml');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(unit, 22);
  local.writeUInt16LE(first.length, 26);
  const head = Buffer.concat([local, first, Buffer.from(data)]);
  const central: Buffer[] = [];
  for (let i = 0; i < entries; i++) {
    const name = Buffer.from(i === 0 ? 'word/document.xml' : `word/m${i}.xml`);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(data.length, 20);
    c.writeUInt32LE(unit, 24);
    c.writeUInt16LE(name.length, 28);
    central.push(c, name);
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries, 8);
  end.writeUInt16LE(entries, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(head.length, 16);
  return Buffer.concat([head, cd, end]);
}

test('docx.maxTotalBytes: a 42 kB zip naming 3.8 GB is refused in well under a second, below 200 MB of memory', () => {
  const bomb = overlappingZip(560, 7 * MiB);
  assert.ok(bomb.length <= 42 * 1024 && bomb.length > 30 * 1024, `${bomb.length} bytes`);
  const r = runWith('bomb.docx', bomb);
  assertRefused(r, 'bomb.docx', 'docx.maxTotalBytes', /Word 文件解压后超过上限 256 MB，未检查/);

  // Time and peak memory of the read, in a process of its own (the Word reader's bundle, as the CLI loads it).
  const dir = tempDir('nianbao-bomb-');
  const file = path.join(dir, 'bomb.docx');
  fs.writeFileSync(file, bomb);
  const script = `
    const { readDocx } = require(${JSON.stringify(path.join(ROOT, 'dist', 'docx.js'))});
    const bytes = require('node:fs').readFileSync(${JSON.stringify(file)});
    const t0 = process.hrtime.bigint();
    let limit = null;
    try { readDocx(bytes); } catch (e) { limit = e.limit ?? e.name; }
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    process.stdout.write(JSON.stringify({ ms, limit, rssMb: process.resourceUsage().maxRSS / 1024 }));`;
  const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(child.status, 0, child.stderr);
  const m = JSON.parse(child.stdout) as { ms: number; limit: string; rssMb: number };
  assert.equal(m.limit, 'docx.maxTotalBytes');
  assert.ok(m.ms < 1000, `refused in ${m.ms} ms`);
  assert.ok(m.rssMb < 200, `peak RSS ${m.rssMb} MB`);
});

test('docx.maxEntries, docx.maxPartBytes, docx.maxBytes through the command line', () => {
  const many: Record<string, Uint8Array> = { 'word/document.xml': strToU8(documentXml('# 标题')) };
  for (let i = 0; i < LIMITS.docx.maxEntries; i++) many[`word/m${i}.xml`] = new Uint8Array(0);
  assertRefused(runWith('many.docx', zipSync(many, { level: 0 })), 'many.docx', 'docx.maxEntries', /Word 文件内部条目超过 5000 个，未检查/);

  const part = zipSync({ 'word/document.xml': new Uint8Array(LIMITS.docx.maxPartBytes + 1) }, { level: 9 });
  assertRefused(runWith('part.docx', part), 'part.docx', 'docx.maxPartBytes', /Word 文件的 word\/document\.xml 解压后 67108865 字节，超过上限 67108864 字节/);

  const huge = runWith('huge.docx', (f) => {
    fs.writeFileSync(f, '');
    fs.truncateSync(f, LIMITS.docx.maxBytes + MiB);
  });
  assertRefused(huge, 'huge.docx', 'docx.maxBytes', /Word 文件大小 51 MB，超过上限 50 MB/);
});

// ---------------------------------------------------------------------------
// PDF

/** A PDF that does not end: each form draws the next twice, 30 deep (2^30 text runs from 7 kB). */
const loopingPdf = () => pagePdf({ content: 'form-doubling', n: 30 });

test('pdf.maxMs: a PDF that loops is stopped by the time limit; the other file is still checked', () => {
  const pdf = loopingPdf();
  assert.ok(pdf.length < 10_000);
  const t0 = Date.now();
  const r = runWith('loop.pdf', pdf, { NIANBAO_LIMITS: 'pdf.maxMs=3000' });
  assertRefused(r, 'loop.pdf', 'pdf.maxMs', /读取 PDF 文件超过 3 秒，已停止，未检查/);
  // Stopped, not waited for (a hang guard: 2^30 draws take hours).
  assert.ok(Date.now() - t0 < 90_000);
});

test('pdf.maxPages: a PDF of 600 pages is refused from its page count', () => {
  const r = runWith('pages.pdf', pagePdf({ content: 'text', kids: 600 }));
  assertRefused(r, 'pages.pdf', 'pdf.maxPages', /PDF 文件有 600 页，超过上限 500 页，未检查/);
});

test('pdf.maxBytes: a PDF past 100 MB is refused from its size', () => {
  const r = runWith('huge.pdf', (f) => {
    fs.writeFileSync(f, '');
    fs.truncateSync(f, LIMITS.pdf.maxBytes + MiB);
  });
  assertRefused(r, 'huge.pdf', 'pdf.maxBytes', /PDF 文件大小 101 MB，超过上限 100 MB/);
});

test('hostile PDFs give one clear line or a reading, never a crash; the other file is still checked', () => {
  const cases: [string, Uint8Array][] = [
    ['zero.pdf', new Uint8Array(0)],
    ['header.pdf', pagePdf({ content: 'text', header: '<html>' })],
    ['no-xref.pdf', pagePdf({ content: 'text', xref: 'none' })],
    ['prev-loop.pdf', pagePdf({ content: 'text', xref: 'prev-loop' })],
    ['offsets.pdf', pagePdf({ content: 'text', xref: 'wrong-offsets', shift: 13 })],
    ['beyond.pdf', pagePdf({ content: 'text', xref: 'startxref-beyond' })],
    ['truncated.pdf', fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'report-2021.pdf')).subarray(0, 30_000)],
    ['tree-loop.pdf', pagePdf({ content: 'text', kidsLoop: true, count: '2147483647' })],
    ['huge-page.pdf', pagePdf({ content: 'text', mediaBox: '[0 0 1e38 1e38]' })],
    ['inflating.pdf', pagePdf({ content: 'inflating', n: 64 })],
    ['self-form.pdf', pagePdf({ content: 'self-form' })],
    ['lying-length.pdf', pagePdf({ content: 'lying-length' })],
    ['objects.pdf', writePdf({ objects: ['<< /Type /Catalog /Pages 1 0 R >>'] })],
  ];
  // One run: every hostile file and the good report; one line per refused file, the report checked.
  const dir = tempDir('nianbao-hostile-pdf-');
  for (const [name, bytes] of cases) fs.writeFileSync(path.join(dir, name), bytes);
  fs.writeFileSync(path.join(dir, 'good.txt'), fixture('cli-clean.txt'));
  const r = nianbao(['check', '--format', 'json', ...cases.map(([n]) => path.join(dir, n)), path.join(dir, 'good.txt')], { timeoutMs: 120_000 });
  assert.equal(r.status, 2, r.stderr);
  assert.doesNotMatch(r.stderr, /内部错误|internal error/, r.stderr);
  const lines = r.stderr.trim().split('\n');
  assert.deepEqual(
    lines.map((l) => path.basename(/^nianbao: (.*?\.pdf): \S/.exec(l)?.[1] ?? l)),
    cases.map(([n]) => n),
    r.stderr,
  );
  assert.deepEqual((JSON.parse(r.stdout) as { files: { path: string }[] }).files.map((f) => path.basename(f.path)), ['good.txt']);
});

test('PDF layout: items at no position or absurd ones (a damaged file) are left out, never a crash', () => {
  const item = (str: string, x: number, y: number, size = 10) => ({ str, x, y, w: str.length * size, size });
  const r = readPdfPages([
    {
      items: [
        item('某县2024年政府信息公开工作年度报告', 72, 760, 16),
        item('一、本年新收政府信息公开申请数量', 72, 700), item('5', 400, 700),
        { str: '0', x: NaN, y: NaN, w: NaN, size: 7e6 },
        item(' ', 4e6, 1.3e9, 81), item('7', Infinity, 700), item('3', 430, -Infinity),
      ],
    },
  ]);
  assert.match(r.text, /一、本年新收政府信息公开申请数量 \| 5/);
  assert.doesNotMatch(r.text, /7|NaN/);
});

// ---------------------------------------------------------------------------
// HTML: the time limit in the command line too

test('html.maxMs: the command line reads a page in a worker thread and stops it past the time limit', () => {
  // Within every other limit (140,000 cells, 3 MB), and longer to read than the 50 ms allowed here.
  const slow = `<h1>某局2024年度政府信息公开工作年度报告</h1><table>${'<tr><td>（一）予以公开</td><td>1</td></tr>'.repeat(70_000)}</table>`;
  const r = runWith('slow.html', slow, { NIANBAO_LIMITS: 'html.maxMs=50' });
  assertRefused(r, 'slow.html', 'html.maxMs', /读取网页超过 50 毫秒，已停止/);
  // The same page with the default limit is read (the worker gives what the in-place reader gives).
  const page = runWith('page.html', fixture('page-2021.html'));
  assert.deepEqual(page.checked, ['page.html', 'good.txt']);
});

test('NIANBAO_LIMITS: a wrong value is a usage error; a good one is applied', () => {
  const r = nianbao(['check', path.join(ROOT, 'test', 'fixtures', 'cli-clean.txt')], { env: { NIANBAO_LIMITS: 'pdf.maxSeconds=3' } });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^nianbao: NIANBAO_LIMITS: 无法识别 “pdf\.maxSeconds=3”/);
  const limits = structuredClone(LIMITS);
  assert.equal(applyLimitOverrides('pdf.maxMs=60000, html.maxDepth=64', limits), null);
  assert.equal(limits.pdf.maxMs, 60_000);
  assert.equal(limits.html.maxDepth, 64);
  assert.match(applyLimitOverrides('html.maxDepth=0', limits) ?? '', /html\.maxDepth=0/);
  assert.match(applyLimitOverrides('x', limits) ?? '', /“x”/);
});

test('a good Word file and a good PDF beside the refused ones still read (the readers are not left broken)', () => {
  const r = runWith('report.docx', docxFromMarkdown(fixture('clean-2021.md')));
  assert.deepEqual(r.checked, ['report.docx', 'good.txt']);
  const p = runWith('report.pdf', fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'report-2021.pdf')), { NIANBAO_LIMITS: 'pdf.maxPages=20' });
  assert.deepEqual(p.checked, ['report.pdf', 'good.txt']);
});
