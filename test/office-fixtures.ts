// Word fixtures generated from the Markdown fixture (test/fixtures/clean-2021.md), laid out as Word
// and WPS write them: headings and prose as paragraphs (text in several runs, a bookmark, a
// proofing mark, a deleted revision), tables with a header spanning columns (gridSpan), a corner cell
// merged down (vMerge), group captions spanning the row, blank and `/` cells for zeros, a number
// split over two runs around a deleted revision, long labels over two paragraphs of their cell. Used by the tests and `npm run bench`.

import { strToU8, zipSync } from 'fflate';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Runs of a paragraph: the text split in two runs (Word splits text where formatting or edits changed). */
function runs(text: string): string {
  if (!text) return '';
  const cut = Math.max(1, Math.floor(text.length / 2));
  const a = text.slice(0, cut);
  const b = text.slice(cut);
  return (
    `<w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t xml:space="preserve">${esc(a)}</w:t></w:r>` +
    '<w:proofErr w:type="spellStart"/>' +
    (b ? `<w:r><w:t xml:space="preserve">${esc(b)}</w:t></w:r>` : '') +
    '<w:proofErr w:type="spellEnd"/>'
  );
}

const para = (text: string, style?: string): string =>
  `<w:p><w:pPr>${style ? `<w:pStyle w:val="${style}"/>` : ''}<w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr>${runs(text)}</w:p>`;

interface Cell {
  text: string;
  span: number;
  merge?: 'restart' | 'continue';
}

const isNumber = (s: string): boolean => /^[0-9]+(\.[0-9]+)?$/.test(s);

/** Markdown rows → Word rows: header words spanning the empty cells after them, a corner merged down. */
function wordRows(rows: string[][]): Cell[][] {
  const out: Cell[][] = [];
  rows.forEach((cells, ri) => {
    const numeric = cells.some(isNumber);
    const row: Cell[] = [];
    cells.forEach((text, ci) => {
      const prev = row[row.length - 1];
      if (!numeric && text === '' && ci > 0 && prev && prev.text !== '') {
        prev.span++;
        return;
      }
      if (text === '' && ci === 0 && ri > 0 && out[ri - 1][0]?.text) {
        out[ri - 1][0].merge ??= 'restart';
        row.push({ text: '', span: 1, merge: 'continue' });
        return;
      }
      row.push({ text, span: 1 });
    });
    out.push(row);
  });
  return out;
}

function cellXml(c: Cell, quirk: 'blank' | 'slash' | 'split' | null): string {
  const pr = `<w:tcPr><w:tcW w:w="${900 * c.span}" w:type="dxa"/>${c.span > 1 ? `<w:gridSpan w:val="${c.span}"/>` : ''}${
    c.merge ? (c.merge === 'restart' ? '<w:vMerge w:val="restart"/>' : '<w:vMerge/>') : ''
  }<w:vAlign w:val="center"/></w:tcPr>`;
  let body: string;
  if (quirk === 'blank') body = '<w:p><w:pPr><w:jc w:val="center"/></w:pPr></w:p>';
  else if (quirk === 'slash') body = '<w:p><w:r><w:t>/</w:t></w:r></w:p>';
  else if (quirk === 'split' && c.text.length > 1)
    body = `<w:p><w:r><w:t>${c.text[0]}</w:t></w:r><w:del w:id="1" w:author="x"><w:r><w:delText>9</w:delText></w:r></w:del><w:r><w:t>${c.text.slice(1)}</w:t></w:r></w:p>`;
  else if (c.text.length > 6 && !isNumber(c.text)) {
    // A long label over two paragraphs of the cell, as Word wraps with Enter.
    const cut = Math.floor(c.text.length / 2);
    body = `<w:p>${runs(c.text.slice(0, cut))}</w:p><w:p>${runs(c.text.slice(cut))}</w:p>`;
  } else body = `<w:p>${c.text ? runs(c.text) : ''}</w:p>`;
  return `<w:tc>${pr}${body}</w:tc>`;
}

function tableXml(rows: string[][]): string {
  const word = wordRows(rows);
  const grid = Math.max(...rows.map((r) => r.length));
  const trs = word.map((cells, ri) => {
    const label = rows[ri][0] ?? '';
    const tcs = cells.map((c, ci) => {
      let quirk: 'blank' | 'slash' | 'split' | null = null;
      if (ci > 0 && c.text === '0' && label.startsWith('3.危及')) quirk = 'blank';
      else if (ci > 0 && c.text === '0' && label.startsWith('7.属于行政执法案卷')) quirk = 'slash';
      else if (ci > 0 && isNumber(c.text) && label.startsWith('一、本年新收')) quirk = 'split';
      return cellXml(c, quirk);
    });
    return `<w:tr><w:trPr><w:trHeight w:val="400"/></w:trPr>${tcs.join('')}</w:tr>`;
  });
  return `<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>${'<w:gridCol w:w="900"/>'.repeat(grid)}</w:tblGrid>${trs.join('')}</w:tbl>`;
}

/** document.xml of a Markdown report (`## ` headings, pipe tables). */
export function documentXml(md: string): string {
  const body: string[] = [];
  const lines = md.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('|')) {
      const rows: string[][] = [];
      for (; i < lines.length && lines[i].startsWith('|'); i++) {
        if (/^\|\s*-{3}/.test(lines[i])) continue;
        rows.push(lines[i].replace(/^\|/, '').replace(/\|\s*$/, '').split('|').map((c) => c.trim()));
      }
      i--;
      body.push(tableXml(rows));
      continue;
    }
    if (line.startsWith('## ')) body.push(para(line.slice(3), 'Heading2'));
    else if (line.startsWith('# ')) body.push(para(line.slice(2), 'Title'));
    else body.push(para(line));
  }
  body.push('<w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/>');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">' +
    `<w:body>${body.join('')}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`
  );
}

/** A `.docx` (zip) holding `xml` as its document part, with the parts Word writes around it. */
export function docxOf(xml: string, extra: Record<string, string> = {}): Uint8Array {
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    'word/document.xml': strToU8(xml),
    'docProps/app.xml': strToU8('<?xml version="1.0" encoding="UTF-8"?><Properties><Application>WPS Office</Application></Properties>'),
  };
  for (const [k, v] of Object.entries(extra)) files[k] = strToU8(v);
  return zipSync(files, { level: 6, mtime: new Date('2025-01-01T00:00:00Z') });
}

/** The Word version of a Markdown report. */
export function docxFromMarkdown(md: string): Uint8Array {
  return docxOf(documentXml(md));
}
