// Generates test/fixtures/report-2021.pdf, the invented report of test/fixtures/clean-2021.md laid
// out as published PDFs are (a Word document printed to PDF): prose wrapped at the margin, tables
// as positioned text with the group captions of 表三 in a column of their own (（三）不予公开 centred
// over its rows and wrapped, 三、本年度办理结果 written vertically), labels wrapped over two lines
// with the numbers centred between them, spaced-out header words, blank cells for some zeros, 表三
// running over a page break with page numbers (`- 2 -`), and 表四's three header lines.
//
//   node scripts/make-pdf-fixture.mjs [out.pdf] [--pages N]
//
// --pages N repeats a paragraph of section 一 until the report fills N pages (npm run bench: pdf_ms).
// --captions prints the section headings in 12 pt, near the tables' 9 pt (as a Word document whose
// headings are set in the body's size prints them), each heading right under the table before it
// or over the table after it, as a table caption stands: test/fixtures/report-2021-captions.pdf.
//
// Needs the WenQuanYi Zen Hei font (Debian `fonts-wqy-zenhei`, installed by `npm run host:install`);
// the font is embedded as a subset. The output is committed, so the tests do not need the font.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';
import { PDFDocument, rgb } from 'pdf-lib';
import fontkit from '@pdf-lib/fontkit';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FONT = '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc';
const args = process.argv.slice(2);
const pagesWanted = args.includes('--pages') ? Number(args[args.indexOf('--pages') + 1]) : 0;
const captions = args.includes('--captions');
const out =
  args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--pages') ??
  path.join(ROOT, 'test', 'fixtures', captions ? 'report-2021-captions.pdf' : 'report-2021.pdf');
if (!existsSync(FONT)) {
  console.error(`font not found: ${FONT} (apt-get install fonts-wqy-zenhei)`);
  process.exit(2);
}

const base = readFileSync(path.join(ROOT, 'test', 'fixtures', 'clean-2021.md'), 'utf8');
const FILLER = '围绕群众关切，及时发布文旅政策、行政许可和行政处罚信息。';
let repeats = 0;
for (;;) {
  const md = repeats ? base.replace(FILLER, FILLER.repeat(repeats * 8)) : base;
  const { bytes, pages } = await make(md);
  if (pages >= pagesWanted) {
    writeFileSync(out, bytes);
    console.log(`wrote ${path.relative(process.cwd(), out)} (${pages} pages)`);
    break;
  }
  repeats++;
}

async function make(md) {
const doc = await PDFDocument.create({ updateMetadata: false });
// The collection's first face; pdf-lib takes one font, so pick it by name.
doc.registerFontkit({ create: (buf) => fontkit.create(buf, 'WenQuanYiZenHei') });
const font = await doc.embedFont(readFileSync(FONT), { subset: true });
doc.setCreationDate(new Date('2025-01-01T00:00:00Z'));
doc.setModificationDate(new Date('2025-01-01T00:00:00Z'));
doc.setProducer('nianbao test fixture');
doc.setCreator('scripts/make-pdf-fixture.mjs');

const W = 595;
const H = 842;
const LEFT = 72;
const RIGHT = W - 72;
const TOP = H - 72;
const BOTTOM = 72;
let page;
let pageNo = 0;
let y = 0;

function newPage() {
  page = doc.addPage([W, H]);
  pageNo++;
  const label = `- ${pageNo} -`;
  page.drawText(label, { x: W / 2 - font.widthOfTextAtSize(label, 10) / 2, y: 40, size: 10, font, color: rgb(0, 0, 0) });
  y = TOP;
}

const width = (s, size) => font.widthOfTextAtSize(s, size);
const text = (s, x, yy, size) => {
  if (s) page.drawText(s, { x, y: yy, size, font, color: rgb(0, 0, 0) });
};

/** Split text into lines no wider than `max`. */
function wrap(s, size, max) {
  const lines = [];
  let cur = '';
  for (const ch of s) {
    if (cur && width(cur + ch, size) > max) {
      lines.push(cur);
      cur = '';
    }
    cur += ch;
  }
  if (cur) lines.push(cur);
  return lines;
}

function need(h) {
  if (y - h < BOTTOM) newPage();
}

function paragraph(s, size, indent = 0) {
  for (const line of wrap(s, size, RIGHT - LEFT - indent)) {
    need(size * 1.8);
    y -= size * 1.8;
    text(line, LEFT + indent, y, size);
  }
}

const isNumber = (s) => /^[0-9]+(\.[0-9]+)?$/.test(s);

/** A table: label area on the left, number columns right-aligned. */
function table(rows) {
  const size = 9;
  const pitch = size * 1.6;
  const numeric = rows.filter((r) => r.some(isNumber));
  const cols = Math.max(...rows.map((r) => r.length)) - (numeric.some((r) => !isNumber(r[0])) ? 1 : 0);
  const labelled = numeric.some((r) => !isNumber(r[0]));
  const numLeft = labelled ? 300 : LEFT;
  const colW = Math.min(45, (RIGHT - numLeft) / cols);
  const colRight = (j) => numLeft + colW * (j + 1) - 6;
  y -= 6;
  // T3: group captions in a column of their own.
  const groups = [];
  let group = null;
  let disposition = null;
  rows.forEach((r, i) => {
    const label = r[0];
    if (/^（[三四五六]）/.test(label) && !r.slice(1).some(isNumber)) {
      group = { label, rows: [] };
      groups.push(group);
      return;
    }
    if (label === '三、本年度办理结果' && !r.slice(1).some(isNumber)) {
      if (!disposition) disposition = { label, rows: [] };
      group = null;
      return;
    }
    if (/^[0-9]\./.test(label) && group) group.rows.push(i);
    else group = null;
    if (disposition && /^（[一二三四五六]）|^[0-9]\./.test(label)) disposition.rows.push(i);
  });
  const inGroup = (i) => groups.find((g) => g.rows.includes(i));
  const rowY = new Map();
  rows.forEach((r, i) => {
    const label = r[0];
    if ((/^（[三四五六]）/.test(label) || label === '三、本年度办理结果') && !r.slice(1).some(isNumber)) return;
    const values = labelled ? r.slice(1) : r;
    if (!values.some(isNumber)) {
      // A header row: words over two lines where long, spaced out where short (`商 业 企`).
      const cells = labelled ? r : ['', ...r];
      // A header word followed by empty cells spans them (colspan): 行政复议 over five columns.
      const spans = cells.map((c, j) => {
        let k = j + 1;
        while (c && k < cells.length && !cells[k]) k++;
        return c ? k - j : 1;
      });
      const lines = cells.map((c, j) => (j === 0 ? wrap(c, size, 200) : wrap(c.length <= 3 ? [...c].join(' ') : c, size, colW * spans[j] - 4)));
      const n = Math.max(...lines.map((l) => l.length));
      need(n * pitch + 8);
      y -= 8;
      lines.forEach((ls, j) => ls.forEach((l, k) => text(l, j === 0 ? LEFT : numLeft + colW * (j - 1) + 2, y - k * pitch, size)));
      y -= n * pitch;
      return;
    }
    const g = inGroup(i);
    const x = !labelled ? LEFT : g ? 170 : disposition?.rows.includes(i) ? 115 : LEFT;
    const lines = labelled ? wrap(label, size, 290 - x - 4) : [];
    const h = Math.max(1, lines.length) * pitch + 14;
    need(h);
    const base = y - h / 2 - size / 3;
    lines.forEach((l, k) => text(l, x, base + ((lines.length - 1) / 2 - k) * pitch, size));
    values.forEach((v, j) => {
      // 3.危及… leaves its zeros blank but for the total.
      if (labelled && label.startsWith('3.危及') && v === '0' && j < values.length - 1) return;
      text(v, colRight(j) - width(v, size), base, size);
    });
    rowY.set(i, { page, y: base });
    y -= h;
  });
  // Captions centred over their rows (on the page of their middle row), wrapped at four characters.
  for (const g of groups) {
    const ys = g.rows.map((i) => rowY.get(i));
    const mid = ys[Math.floor((ys.length - 1) / 2)];
    const same = ys.filter((p) => p.page === mid.page);
    const centre = (same[0].y + same[same.length - 1].y) / 2;
    const ls = wrap(g.label, size, 4 * size);
    const saved = page;
    page = mid.page;
    ls.forEach((l, k) => text(l, 115, centre + ((ls.length - 1) / 2 - k) * pitch, size));
    page = saved;
  }
  if (disposition) {
    const ys = disposition.rows.map((i) => rowY.get(i));
    const first = ys.filter((p) => p.page === ys[0].page);
    const centre = (first[0].y + first[first.length - 1].y) / 2;
    const chars = ['三、', ...'本年度办理结果'];
    const saved = page;
    page = first[0].page;
    chars.forEach((c, k) => text(c, LEFT, centre + ((chars.length - 1) / 2 - k) * pitch * 1.2, size));
    page = saved;
  }
  y -= 10;
}

newPage();
const lines = md.split('\n');
for (let i = 0; i < lines.length; i++) {
  const line = lines[i];
  if (line.startsWith('|')) {
    const rows = [];
    for (; i < lines.length && lines[i].startsWith('|'); i++) {
      if (/^\|\s*-{3}/.test(lines[i])) continue;
      rows.push(lines[i].replace(/^\|/, '').replace(/\|\s*$/, '').split('|').map((c) => c.trim()));
    }
    i--;
    table(rows);
    continue;
  }
  if (!line.trim()) continue;
  if (line.startsWith('## ')) {
    if (captions) {
      // Right under the table before it: no space but the heading's own line.
      y += 10;
      paragraph(line.slice(3), 12);
      y += 6;
    } else paragraph(line.slice(3), 14);
  }
  else if (line.startsWith('# ')) paragraph(line.slice(2), 18);
  else paragraph(line, 12, /^[（(]/.test(line) ? 0 : 24);
}

return { bytes: await doc.save({ useObjectStreams: false }), pages: pageNo };
}
