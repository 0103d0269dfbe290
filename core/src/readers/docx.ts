// Word `.docx` files (Word, WPS): a zip of XML parts. The reader takes the file's bytes (no I/O) and
// gives the report text the parser already reads (readers/placed-text.ts): each paragraph a line,
// each table row a Markdown row, with the place of each stretch (paragraph, table/row/cell) for the
// findings. Merged cells need nothing more, as in web pages: a cell spanning columns (gridSpan) is
// one cell, a cell continuing a vertical merge (vMerge) stands only in its first row, since rows are
// found by their own labels. A table holding a table is layout: its cells are read as paragraphs.
//
// Safety (README.md, "Limits"): the zip's central directory is checked (entry count, declared
// sizes, LIMITS.docx) before anything is inflated, and each part is inflated in pieces into a buffer
// of its declared size, stopped as soon as it yields more (zip.ts); the XML parser (saxes) reads no DTD: it expands no external entities and does no
// XInclude. Bundled apart (dist/docx.js) and loaded only when a Word file is read.

import { strFromU8 } from 'fflate';
import { zipEntries, zipPart } from './zip';
import { SaxesParser } from 'saxes';
import { LIMITS, LimitError, formatBytes, limitLine, twoSizes } from './limits';
import { PlacedText, type PlacedCell } from './placed-text';
import type { Place, Reading } from '../source-map';
export { draftOf } from './draft';

/** A `.docx` that cannot be read (not a zip, no document part, malformed XML): one clear line. */
export class DocxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DocxError';
  }
}

interface Para {
  k: 'p';
  text: string;
}
interface Cell {
  blocks: Block[];
  span: number;
  merge: 'restart' | 'continue' | null;
}
interface Row {
  cells: Cell[];
}
interface Table {
  k: 'tbl';
  rows: Row[];
}
type Block = Para | Table;

const MAX_NESTING = 32;

/** The parts of the zip that are read, inflated after the central directory passed LIMITS.docx. */
function unzipParts(bytes: Uint8Array, wanted: (name: string) => boolean): Record<string, Uint8Array> {
  const lim = LIMITS.docx;
  try {
    const entries = zipEntries(bytes);
    if (entries.length > lim.maxEntries) {
      throw new LimitError('docx.maxEntries', limitLine('docx.maxEntries', `Word 文件内部条目超过 ${lim.maxEntries} 个`, `more than ${lim.maxEntries} zip entries`));
    }
    let total = 0;
    for (const e of entries) total += e.size;
    if (total > lim.maxTotalBytes) {
      throw new LimitError(
        'docx.maxTotalBytes',
        limitLine('docx.maxTotalBytes', `Word 文件解压后超过上限 ${formatBytes(lim.maxTotalBytes)}`, `more than ${formatBytes(lim.maxTotalBytes)} once uncompressed`),
      );
    }
    const parts: Record<string, Uint8Array> = {};
    for (const e of entries) {
      if (!wanted(e.name)) continue;
      if (e.size > lim.maxPartBytes) {
        const [size, max] = twoSizes(e.size, lim.maxPartBytes);
        throw new LimitError(
          'docx.maxPartBytes',
          limitLine(
            'docx.maxPartBytes',
            `Word 文件的 ${e.name} 解压后 ${size}，超过上限 ${max}`,
            `${e.name}: ${size.replace(' 字节', ' bytes')} > ${max.replace(' 字节', ' bytes')} once uncompressed`,
          ),
        );
      }
      // Inflated in pieces and stopped past its declared size (zip.ts): the declared sizes checked
      // above bound the work, whatever the stream holds.
      parts[e.name] = zipPart(bytes, e);
    }
    return parts;
  } catch (e) {
    if (e instanceof LimitError) throw e;
    throw new DocxError(`不是有效的 Word（.docx）文件：压缩包已损坏 (not a valid .docx: ${(e as Error).message})`);
  }
}

/** The main document part named by `_rels/.rels` (Word and WPS both write `word/document.xml`). */
function mainPartName(rels: Uint8Array | undefined): string | null {
  if (!rels) return null;
  const m = /<Relationship\b[^>]*Type="[^"]*\/officeDocument"[^>]*>/.exec(strFromU8(rels));
  const target = m && /Target="([^"]+)"/.exec(m[0]);
  return target ? target[1].replace(/^\//, '') : null;
}

function decodeXml(data: Uint8Array): string {
  // Word writes UTF-8; a UTF-16 part begins with its byte-order mark.
  if (data[0] === 0xff && data[1] === 0xfe) {
    let s = '';
    for (let i = 2; i + 1 < data.length; i += 2) s += String.fromCharCode(data[i] | (data[i + 1] << 8));
    return s;
  }
  return strFromU8(data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf ? data.subarray(3) : data);
}

/** The body of document.xml as paragraphs and tables. */
function blocksOf(xml: string): Block[] {
  const body: Block[] = [];
  const containers: Block[][] = [body];
  const tables: Table[] = [];
  const cells: Cell[] = [];
  const paras: Para[] = [];
  const names: string[] = [];
  let inText = 0;
  let skip = 0; // inside mc:Fallback (the same content again, for old readers) or w:moveFrom (moved away)
  const parser = new SaxesParser({ xmlns: false });
  parser.on('opentag', (t) => {
    const name = t.name;
    const parent = names[names.length - 1];
    names.push(name);
    if (skip) {
      if (!t.isSelfClosing) skip++;
      return;
    }
    const attr = (k: string): string | undefined => (t.attributes as Record<string, string>)[k];
    switch (name) {
      case 'mc:Fallback':
      // A tracked move: the text stands again where it was moved to (w:moveTo), read there.
      case 'w:moveFrom':
        if (!t.isSelfClosing) skip = 1;
        break;
      case 'w:tbl': {
        if (tables.length >= MAX_NESTING) throw new DocxError(`Word 文件中的表格嵌套超过 ${MAX_NESTING} 层，未读取 (tables nested too deep)`);
        const tbl: Table = { k: 'tbl', rows: [] };
        containers[containers.length - 1].push(tbl);
        tables.push(tbl);
        break;
      }
      case 'w:tr':
        tables[tables.length - 1]?.rows.push({ cells: [] });
        break;
      case 'w:tc': {
        const tbl = tables[tables.length - 1];
        const row = tbl?.rows[tbl.rows.length - 1];
        const cell: Cell = { blocks: [], span: 1, merge: null };
        row?.cells.push(cell);
        cells.push(cell);
        containers.push(cell.blocks);
        break;
      }
      case 'w:gridSpan':
        if (parent === 'w:tcPr' && cells.length) cells[cells.length - 1].span = Math.max(1, Number(attr('w:val')) || 1);
        break;
      case 'w:vMerge':
        if (parent === 'w:tcPr' && cells.length) cells[cells.length - 1].merge = attr('w:val') === 'restart' ? 'restart' : 'continue';
        break;
      case 'w:p': {
        const p: Para = { k: 'p', text: '' };
        containers[containers.length - 1].push(p);
        paras.push(p);
        break;
      }
      case 'w:t':
        if (!t.isSelfClosing) inText++;
        break;
      case 'w:tab':
        if (parent === 'w:r' && paras.length) paras[paras.length - 1].text += '\t';
        break;
      case 'w:br':
      case 'w:cr':
        if (parent === 'w:r' && paras.length && attr('w:type') !== 'page') paras[paras.length - 1].text += '\n';
        break;
      case 'w:noBreakHyphen':
        if (paras.length) paras[paras.length - 1].text += '-';
        break;
    }
    if (t.isSelfClosing) names.pop();
  });
  parser.on('text', (s) => {
    if (inText && !skip && paras.length) paras[paras.length - 1].text += s;
  });
  parser.on('closetag', (t) => {
    if (!t.isSelfClosing) names.pop();
    if (skip) {
      if (!t.isSelfClosing) skip--;
      return;
    }
    if (t.isSelfClosing) return;
    switch (t.name) {
      case 'w:tbl':
        tables.pop();
        break;
      case 'w:tc':
        cells.pop();
        containers.pop();
        break;
      case 'w:p':
        paras.pop();
        break;
      case 'w:t':
        inText = Math.max(0, inText - 1);
        break;
    }
  });
  try {
    parser.write(xml).close();
  } catch (e) {
    if (e instanceof DocxError) throw e;
    throw new DocxError(`Word 文件的正文不是有效的 XML，未读取 (malformed document.xml: ${(e as Error).message.split('\n')[0]})`);
  }
  return body;
}

const hasTable = (t: Table): boolean => t.rows.some((r) => r.cells.some((c) => c.blocks.some((b) => b.k === 'tbl')));

/** The text of a cell: its paragraphs joined (as text in a `<p>` of a web page's cell). */
function cellText(c: Cell): string {
  return c.blocks
    .map((b) => (b.k === 'p' ? b.text : ''))
    .join('')
    .replace(/\s*\n\s*/g, ' ');
}

/** Read a `.docx` file's bytes. Throws LimitError past LIMITS.docx and DocxError for a file that is not a readable `.docx`. */
export function readDocx(bytes: Uint8Array): Reading {
  const lim = LIMITS.docx;
  if (bytes.length > lim.maxBytes) {
    throw new LimitError('docx.maxBytes', `Word 文件 ${formatBytes(bytes.length)}，超过上限 ${formatBytes(lim.maxBytes)}（docx.maxBytes），未读取`);
  }
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)) {
    throw new DocxError('不是 Word（.docx）文件：旧版 .doc 或 .wps 请在 Word/WPS 中另存为 .docx (not a .docx: save .doc/.wps files as .docx)');
  }
  const DEFAULT = 'word/document.xml';
  let parts = unzipParts(bytes, (n) => n === DEFAULT || n === '_rels/.rels');
  let main = parts[DEFAULT] ? DEFAULT : mainPartName(parts['_rels/.rels']);
  if (main && !parts[main]) parts = unzipParts(bytes, (n) => n === main);
  const data = main ? parts[main] : undefined;
  if (!data) throw new DocxError('Word 文件中没有正文（word/document.xml），未读取 (no document part in this .docx)');

  const out = new PlacedText();
  let paragraph = 0;
  let tableNo = 0;

  const emitTable = (tbl: Table): void => {
    const no = ++tableNo;
    if (hasTable(tbl)) {
      // Layout: each cell's paragraphs (and tables) as blocks of the text flow.
      tbl.rows.forEach((r, ri) => r.cells.forEach((c, ci) => emitBlocks(c.blocks, { table: no, row: ri + 1, cell: ci + 1 })));
      return;
    }
    const state = out.startTable();
    tbl.rows.forEach((r, ri) => {
      const row: PlacedCell[] = [];
      r.cells.forEach((c, ci) => {
        if (c.merge !== 'continue') row.push({ text: cellText(c), place: { table: no, row: ri + 1, cell: ci + 1 } });
      });
      out.row(row, state, { table: no, row: ri + 1 });
    });
    out.endTable(state);
  };

  /** `at`: the cell of a layout table these blocks stand in, else null (the body). */
  const emitBlocks = (blocks: Block[], at: Place | null): void => {
    for (const b of blocks) {
      if (b.k === 'tbl') {
        emitTable(b);
        continue;
      }
      const place: Place = at ?? { paragraph: ++paragraph };
      for (const line of b.text.split('\n')) out.line(line, place);
    }
  };

  emitBlocks(blocksOf(decodeXml(data)), null);
  return out.finish('docx');
}
