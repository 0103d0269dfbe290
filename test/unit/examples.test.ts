// The published reports beside the project (../shared/examples: crawler text, HTML pages, a PDF) are
// read with exactly the numbers their expected.json gives, and their known problems are found.
// Skipped, saying so, where that folder is absent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { checkDocument, documentOf, layoutOf, readText, type Document } from '../../core/src';
import { readHtml } from '../../core/src/readers/html';
import { readPdf } from '../../node/src/pdf';
import { EXAMPLES, EXAMPLES_MISSING } from '../helpers';

interface Expected {
  file: string;
  year: number;
  format: '2021' | '2019';
  t3: Record<string, number[]>;
  t4: number[];
}

const expected: Expected[] | null = existsSync(path.join(EXAMPLES, 'expected.json'))
  ? (JSON.parse(readFileSync(path.join(EXAMPLES, 'expected.json'), 'utf8')) as Expected[])
  : null;

/** The reader for a file of the examples, by its extension; null when there is none yet. */
function read(file: string): Document | null {
  const full = path.join(EXAMPLES, file);
  if (file.endsWith('.txt')) return readText(readFileSync(full, 'utf8'));
  if (file.endsWith('.html')) return documentOf(readHtml(readFileSync(full, 'utf8')));
  return null;
}

/** Any file of the examples, PDFs included (read by pdf.js in a worker: dist/pdf-worker.js must be built). */
async function readAny(file: string): Promise<Document | null> {
  if (file.endsWith('.pdf')) return documentOf(await readPdf(readFileSync(path.join(EXAMPLES, file))));
  return read(file);
}

function tableValues(doc: Document, id: string): (number | null)[][] {
  const t = doc.report.tables.find((x) => x.id === id);
  return t ? t.rows.map((r) => r.cells.map((c) => c.value)) : [];
}

test('published examples are read with exactly the numbers of expected.json', async (t) => {
  if (!expected) {
    t.skip(EXAMPLES_MISSING);
    return;
  }
  let read_ = 0;
  for (const e of expected) {
    const doc = await readAny(e.file);
    if (!doc) {
      t.diagnostic(`${e.file}: no reader for this layout yet`);
      continue;
    }
    read_++;
    // The article bodies of the pages carry no title: their year is their statistical period's.
    assert.equal(doc.report.year, e.year, e.file);
    assert.equal(doc.report.format, e.format, e.file);
    assert.deepEqual(doc.report.sections.map((s) => s.index), [0, 1, 2, 3, 4, 5], e.file);
    assert.deepEqual(tableValues(doc, 'T3'), Object.values(e.t3), `${e.file} T3`);
    assert.deepEqual(tableValues(doc, 'T4'), [e.t4], `${e.file} T4`);
    // The arithmetic holds in all of them: no total or balance error.
    const wrong = checkDocument(doc).filter((p) => ['row-total', 'column-total', 'balance', 'review-total', 'litigation-total', 'table-shape'].includes(p.code));
    assert.deepEqual(wrong.map((p) => `${p.code} ${p.message}`), [], e.file);
    assert.equal(layoutOf(doc), e.file.endsWith('.txt') ? 'run-together' : e.file.endsWith('.pdf') ? 'pdf' : 'html', e.file);
  }
  assert.ok(read_ >= 8);
});

test('published examples: their known problems are found', (t) => {
  if (!expected) {
    t.skip(EXAMPLES_MISSING);
    return;
  }
  const p2022 = checkDocument(read('pingtan-2022.txt')!);
  const heading = p2022.find((p) => p.code === 'section-heading');
  assert.ok(heading, 'the misspelt heading of section 四');
  assert.equal(heading.message, '标题不规范（有错字）：应为“四、政府信息公开行政复议、行政诉讼情况”');
  const text = readFileSync(path.join(EXAMPLES, 'pingtan-2022.txt'), 'utf8');
  assert.equal(text.slice(heading.span.start, heading.span.end), '四、政府信息公开行政法复议、行政诉讼情况');

  // 2022: the prose says 75 applications were received; 74 were new (1 carried over).
  assert.ok(p2022.some((p) => p.code === 'narrative-mismatch' && p.message.startsWith('正文写 75 件') && p.message.includes('74')));

  // 2023 (page and crawler text): section 五 numbers its points 一是…三是…三是.
  for (const f of ['pingtan-2023.html', 'pingtan-2023.txt']) {
    const numbering = checkDocument(read(f)!).filter((p) => p.code === 'item-numbering');
    assert.ok(numbering.length >= 1, f);
    assert.match(numbering[0].message, /“一是”之后是“三是”/, f);
    // Only in section 五: the run-together paragraphs of section 一 do not make a sequence of their own.
    assert.ok(numbering.every((p) => p.message.includes('“一是”之后是“三是”') || p.message.includes('“三是”之后是“三是”')), f);
  }

  // 2021: two rows split two ways each; the column relations decide, and the reader says so.
  const p2021 = checkDocument(read('pingtan-2021.txt')!).filter((p) => p.code === 'cell-reading');
  assert.ok(p2021.some((p) => p.message.includes('读作 27/0/0/2/0/1/30（另有拆法 2/7/0/0/20/1/30 与列合计不符）')));
  assert.ok(p2021.some((p) => p.message.includes('读作 22/0/0/0/0/3/25（另有拆法 2/20/0/0/0/3/25 与列合计不符）')));
});
