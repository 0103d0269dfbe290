// PDF files with a text layer: the invented report of test/fixtures/clean-2021.md printed to PDF
// (test/fixtures/report-2021.pdf, made by scripts/make-pdf-fixture.mjs) reads into the same model as
// the one-cell-per-line text; findings name page and line; a scanned PDF, a damaged one and one
// past LIMITS.pdf give one clear line, exit 2. pdf.js runs in a worker (dist/pdf-worker.js): build first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as zlib from 'node:zlib';
import * as path from 'node:path';
import { PDFDocument, StandardFonts, degrees, rgb } from 'pdf-lib';
import { checkDocument, documentOf, layoutOf, parse, type Report } from '../../core/src';
import { LIMITS, LimitError } from '../../core/src/readers/limits';
import { readPdfPages } from '../../core/src/readers/pdf';
import { readPdf, pdfPages, PdfError } from '../../node/src/pdf';
import { slanted } from '../../node/src/pdf-text';
import { fixture, FIXTURES } from '../helpers';
import { nianbao } from './cli-helpers';

const CLEAN = fixture('clean-2021.txt');
const PDF = path.join(FIXTURES, 'report-2021.pdf');

function numbers(r: Report): string[] {
  return r.tables.flatMap((t) => t.rows.flatMap((row) => row.cells.map((c) => `${t.id} ${row.key}|${c.column}=${c.value}`)));
}

test('PDF: the printed report (captions in a column, vertical text, wrapped labels, a table over a page break, blanks) gives the one-cell-per-line numbers', async () => {
  const doc = documentOf(await readPdf(readFileSync(PDF)));
  assert.equal(layoutOf(doc), 'pdf');
  assert.equal(doc.report.title?.text, '青禾市柳溪区文化和旅游局2024年政府信息公开工作年度报告');
  assert.equal(doc.report.format, '2021');
  assert.deepEqual(doc.report.sections.map((s) => s.index), [0, 1, 2, 3, 4, 5]);
  assert.deepEqual(numbers(doc.report), numbers(parse(CLEAN)));
  // 3.危及… leaves six zeros blank: read as 0 and said once, as information.
  const problems = checkDocument(doc);
  assert.deepEqual(problems.map((p) => `${p.code} ${p.message}`), ['cell-reading 本表有 6 个单元格为空白或写作“/”“—”，按 0 计算']);
  // 表三 runs over a page break: its rows stand on two pages, the page number between them is not read.
  const t3 = doc.report.tables.find((t) => t.id === 'T3')!;
  const pages = new Set(t3.rows.map((r) => doc.placeAt(r.cells[0].valueSpan.start)?.page));
  assert.ok(pages.size >= 2, `表三 on pages ${[...pages].join(', ')}`);
  assert.doesNotMatch(doc.text, /- [0-9]+ -/);
});

test('PDF: section headings set near the tables\' size, right under a table or over one (captions), stay headings (report-2021-captions.pdf)', async () => {
  const doc = documentOf(await readPdf(readFileSync(path.join(FIXTURES, 'report-2021-captions.pdf'))));
  assert.deepEqual(doc.report.sections.map((s) => s.index), [0, 1, 2, 3, 4, 5]);
  assert.deepEqual(numbers(doc.report), numbers(parse(CLEAN)));
  assert.deepEqual(checkDocument(doc).map((p) => `${p.code} ${p.message}`), ['cell-reading 本表有 6 个单元格为空白或写作“/”“—”，按 0 计算']);
  // The heading after 表三 is a line of its own, not a row of 表三.
  assert.match(doc.text, /\n四、政府信息公开行政复议、行政诉讼情况\n/);
});

test('PDF layout: a section heading right over a table\'s first row, in the table\'s size, is a heading, not a caption of the row', () => {
  const item = (str: string, x: number, y: number, size = 10) => ({ str, x, y, w: str.length * size, size });
  const r = readPdfPages([
    {
      items: [
        item('行政事业性收费', 72, 700), item('0', 400, 700),
        item('三、收到和处理政府信息公开申请情况', 72, 686),
        item('一、本年新收政府信息公开申请数量', 72, 672), item('5', 400, 672), item('0', 430, 672), item('5', 460, 672),
      ],
    },
  ]);
  assert.match(r.text, /\| 行政事业性收费 \| 0 \|\n\n三、收到和处理政府信息公开申请情况\n\n\| 一、本年新收政府信息公开申请数量 \| 5 \| 0 \| 5 \|/);
});

test('PDF layout: items on one baseline that touch are one piece; numbers set apart make rows; a blank column reads as 0', () => {
  const item = (str: string, x: number, y: number, size = 10) => ({ str, x, y, w: str.length * size, size });
  const r = readPdfPages([
    {
      items: [
        item('某县', 72, 760, 16), item('2024年政府信息公开工作年度报告', 104, 760, 16),
        item('一、本年新收政府信息公开申请数量', 72, 700), item('5', 400, 700), item('0', 430, 700), item('5', 460, 700),
        item('二、上年结转政府信息公开申请数量', 72, 680), item('1', 400, 680), item('1', 460, 680),
        item('- 1 -', 290, 40),
      ],
    },
  ]);
  assert.equal(r.text, '某县2024年政府信息公开工作年度报告\n\n| 一、本年新收政府信息公开申请数量 | 5 | 0 | 5 |\n| 二、上年结转政府信息公开申请数量 | 1 | 0 | 1 |\n\n');
  assert.equal(r.notes.length, 1);
  assert.deepEqual(r.places?.[0].place, { page: 1, line: 1 });
});

test('PDF: a printer that places every character on its own (digits too), or draws bold twice, reads as the same report; numbers in neighbouring cells stay apart', async () => {
  const pages = await pdfPages(readFileSync(PDF));
  // Each item split into one item per character, across its width, as such printers place them.
  const glyphs = pages.map((p) => ({
    items: p.items.flatMap((it) => {
      const cs = [...it.str];
      const w = it.w / cs.length;
      return cs.map((c, i) => ({ ...it, str: c, x: it.x + i * w, w }));
    }),
  }));
  assert.ok(glyphs[0].items.length > 2 * pages[0].items.length);
  const doc = documentOf(readPdfPages(glyphs));
  assert.deepEqual(doc.report.sections.map((s) => s.index), [0, 1, 2, 3, 4, 5]);
  assert.deepEqual(numbers(doc.report), numbers(parse(CLEAN)));
  // The page numbers, placed `-`, `2`, `-`, are found once joined, and dropped.
  assert.doesNotMatch(doc.text, /-\s*[0-9]+\s*-/);
  // Bold made by drawing the text twice, the second a hair to the right: read once (whole items, and glyph by glyph).
  const twice = (ps: typeof pages) => ps.map((p) => ({ items: p.items.flatMap((it) => [it, { ...it, x: it.x + 0.3 }]) }));
  for (const bold of [twice(pages), twice(glyphs)]) {
    const d = documentOf(readPdfPages(bold));
    assert.deepEqual(d.report.sections.map((s) => s.index), [0, 1, 2, 3, 4, 5]);
    assert.deepEqual(numbers(d.report), numbers(parse(CLEAN)));
    assert.equal(d.report.title?.text, doc.report.title?.text);
  }
  // A digit set a little higher than the characters around it (another font) still joins them.
  const raised = glyphs.map((p) => ({ items: p.items.map((it) => (/[0-9]/.test(it.str) ? { ...it, y: it.y + it.size * 0.05 } : it)) }));
  assert.deepEqual(numbers(documentOf(readPdfPages(raised)).report), numbers(parse(CLEAN)));
  // Digits a fifth of the font size apart or more are separate numbers (cells at least a padding apart).
  const item = (str: string, x: number, y: number, size = 10) => ({ str, x, y, w: str.length * size * 0.5, size });
  const r = readPdfPages([
    {
      items: [
        // 1234 ends at 425, right-aligned; 56 starts a quarter of the font size after it, left-aligned.
        item('一、本年新收政府信息公开申请数量', 72, 700), ...[...'1234'].map((d, i) => item(d, 405 + 5 * i, 700)), ...[...'56'].map((d, i) => item(d, 427.5 + 5 * i, 700)), ...[...'1290'].map((d, i) => item(d, 460 + 5 * i, 700)),
        item('二、上年结转政府信息公开申请数量', 72, 680), ...[...'4321'].map((d, i) => item(d, 405 + 5 * i, 680)), ...[...'78'].map((d, i) => item(d, 427.5 + 5 * i, 680)), ...[...'4399'].map((d, i) => item(d, 460 + 5 * i, 680)),
      ],
    },
  ]);
  assert.match(r.text, /\| 一、本年新收政府信息公开申请数量 \| 1234 \| 56 \| 1290 \|\n\| 二、上年结转政府信息公开申请数量 \| 4321 \| 78 \| 4399 \|/);
});

test('PDF: a watermark set at a slant across the pages (with digits in it) is not read into the report', async () => {
  const pdf = await PDFDocument.load(readFileSync(PDF));
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const page of pdf.getPages()) {
    for (let k = 0; k < 4; k++) page.drawText('DRAFT 2024 0 1 12', { x: 60 + k * 120, y: 100 + k * 170, size: 28, font, rotate: degrees(35), color: rgb(0.85, 0.85, 0.85) });
  }
  const doc = documentOf(await readPdf(await pdf.save()));
  assert.doesNotMatch(doc.text, /DRAFT/);
  assert.deepEqual(doc.report.sections.map((s) => s.index), [0, 1, 2, 3, 4, 5]);
  assert.deepEqual(numbers(doc.report), numbers(parse(CLEAN)));
  assert.deepEqual(checkDocument(doc).map((p) => p.code), ['cell-reading']);
  // Text across the page or down it is read; only a slant is a watermark.
  assert.deepEqual([slanted(1, 0), slanted(0, 1), slanted(-1, 0), slanted(0.7, 0.7), slanted(0.99, 0.05)], [false, false, false, true, false]);
});

test('PDF: a bare page number under each page, and a running header with the page number beside it, are not read into the tables', async () => {
  for (const mode of ['bare', 'header'] as const) {
    const pdf = await PDFDocument.load(readFileSync(PDF));
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    pdf.getPages().forEach((page, i) => {
      const { width, height } = page.getSize();
      if (mode === 'bare') page.drawText(`${i + 1}`, { x: width / 2, y: 30, size: 10, font });
      else {
        page.drawText('Annual Report 2024', { x: 72, y: height - 36, size: 9, font });
        page.drawText(`${i + 1}`, { x: width - 80, y: height - 36, size: 9, font });
      }
    });
    const doc = documentOf(await readPdf(await pdf.save()));
    assert.doesNotMatch(doc.text, /Annual Report/, mode);
    assert.deepEqual(doc.report.sections.map((s) => s.index), [0, 1, 2, 3, 4, 5], mode);
    assert.deepEqual(numbers(doc.report), numbers(parse(CLEAN)), mode);
    assert.deepEqual(checkDocument(doc).map((p) => p.code), ['cell-reading'], mode);
  }
});

test('PDF: nianbao check and show name page and line; scanned, damaged and too large PDFs give one line, exit 2', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-pdf-'));
  try {
    const json = JSON.parse(nianbao(['check', '--format', 'json', PDF]).stdout) as { files: { report: { layout: string }; diagnostics: { code: string; place: object; where: string }[] }[] };
    assert.equal(json.files[0].report.layout, 'pdf');
    assert.equal(json.files[0].diagnostics[0].code, 'cell-reading');
    assert.match(json.files[0].diagnostics[0].where, /^第 \d+ 页第 \d+ 行$/);
    const show = JSON.parse(nianbao(['show', '--format', 'json', PDF]).stdout) as { layout: string; tables: { id: string }[] };
    assert.equal(show.layout, 'pdf');
    assert.deepEqual(show.tables.map((t) => t.id), ['T2', 'T3', 'T4']);

    // A scanned PDF: pages with a picture and no text.
    const scan = await PDFDocument.create();
    scan.addPage([595, 842]).drawRectangle({ x: 50, y: 50, width: 400, height: 600, color: rgb(0.9, 0.9, 0.9) });
    const scanned = path.join(dir, 'scan.pdf');
    writeFileSync(scanned, await scan.save());
    const damaged = path.join(dir, 'damaged.pdf');
    writeFileSync(damaged, Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'), Buffer.alloc(64, 0)]));
    for (const [f, re] of [[scanned, /scan\.pdf: PDF 中没有可读取的文字（可能是扫描件）/], [damaged, /damaged\.pdf: 不是有效的 PDF 文件/]] as const) {
      const r = nianbao(['check', f]);
      assert.equal(r.status, 2, r.stderr);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, re);
    }
    await assert.rejects(readPdf(readFileSync(damaged)), PdfError);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('PDF limits: bytes, pages and time (the worker is stopped)', async () => {
  const bytes = readFileSync(PDF);
  await assert.rejects(readPdf(bytes, { ...LIMITS.pdf, maxBytes: 1000 }), (e: unknown) => e instanceof LimitError && e.limit === 'pdf.maxBytes' && /pdf\.maxBytes/.test(e.message));
  await assert.rejects(readPdf(bytes, { ...LIMITS.pdf, maxPages: 2 }), (e: unknown) => e instanceof LimitError && e.limit === 'pdf.maxPages' && /有 \d+ 页，超过上限 2 页/.test(e.message));
  await assert.rejects(readPdf(bytes, { ...LIMITS.pdf, maxMs: 1 }), (e: unknown) => e instanceof LimitError && e.limit === 'pdf.maxMs');
});

test('PDF: a page whose text is in a Brotli stream (/BrotliDecode) is read (the bundle builds pdf.js\'s Brotli decoder on first use)', async () => {
  const content = zlib.brotliCompressSync(Buffer.from('BT /F1 12 Tf 72 700 Td (Brotli 2024) Tj ET', 'latin1'));
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    Buffer.concat([Buffer.from(`<< /Length ${content.length} /Filter /BrotliDecode >>\nstream\n`, 'latin1'), content, Buffer.from('\nendstream', 'latin1')]),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-2.0\n', 'latin1')];
  const offsets: number[] = [];
  let at = parts[0].length;
  objects.forEach((o, k) => {
    const b = Buffer.concat([Buffer.from(`${k + 1} 0 obj\n`, 'latin1'), typeof o === 'string' ? Buffer.from(o, 'latin1') : o, Buffer.from('\nendobj\n', 'latin1')]);
    offsets.push(at);
    parts.push(b);
    at += b.length;
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`, 'latin1'));
  const reading = await readPdf(Buffer.concat(parts));
  assert.match(reading.text, /Brotli 2024/);
});
