// PDF files with a text layer: the text items of each page (string, position, font size), as
// pdf.js gives them, laid out into the report text the parser already reads
// (readers/placed-text.ts), with the page and line of each stretch for the findings. No pdf.js
// here: the items come from node/src/pdf.ts, which runs pdf.js in a worker thread it can stop.
//
// The layout, by position only (README.md, "Published layouts"):
//   - items on one baseline that touch are one piece of text (digits only where their glyphs abut);
//     then page numbers (`- 3 -`, `第 3 页`) and running headers and footers (a page's first or last
//     line that, digits aside, is another page's too) are dropped, and the pages are stacked, so a
//     table that runs over a page break reads on; pieces within half a font size of one baseline are a line;
//   - a line holding a number set apart from the text is a table row (an anchor). The text of the
//     label area (left of the number columns) near anchors is grouped into cell blocks (pieces in one
//     column, one wrapped line apart: a label over two lines, a caption written vertically); each
//     block goes to the nearest anchor: the rightmost is the row's own label, blocks further left
//     are group captions (a rowspan), written as rows of their own before it, as in a web page;
//   - the numbers of the rows are put in columns by x across the table, so a cell left empty reads
//     as a blank (0, said once per table);
//   - a section heading of the format (`三、收到和处理政府信息公开申请情况`) is prose and ends a table,
//     even when it stands right over a table's first row, as a caption does;
//   - everything else is prose, lines joined where a line runs to the right margin.

import { PlacedText, isSectionHeading, type PlacedCell } from './placed-text';
import type { Place, Reading } from '../source-map';

export interface PdfItem {
  str: string;
  /** Left edge and baseline, in PDF units (y grows upwards, as pdf.js gives it). */
  x: number;
  y: number;
  w: number;
  /** Font size (the text matrix's vertical scale). */
  size: number;
}

export interface PdfPage {
  items: PdfItem[];
}

/** A scanned PDF (pages without a text layer): one clear line. */
export const NO_TEXT_LAYER = 'PDF 中没有可读取的文字（可能是扫描件）：请使用带文字层的 PDF，或把报告另存为文本（.txt）、网页（.html）、Word（.docx）后再检查 (no text layer: scanned PDF)';

/** An item once pages are stacked: y grows downwards over the whole document. */
interface Piece {
  str: string;
  x: number;
  end: number;
  y: number;
  size: number;
  page: number;
}

interface Line {
  y: number;
  size: number;
  page: number;
  pieces: Piece[];
}

/** The same text drawn again within this share of the font size to the right is bold made by drawing twice. */
const BOLD_OFFSET = 0.25;
/** Two numbers whose gap is under this share of the font size are one number printed digit by digit. */
const DIGITS_ABUT = 0.2;
const NUMBER = /^[0-9０-９]+(?:[.．][0-9０-９]+)?$/;
const PAGE_NUMBER = /^(?:[-－—–]\s*[0-9]+\s*[-－—–]|第\s*[0-9]+\s*页(?:\s*[，,/]?\s*共\s*[0-9]+\s*页)?|[0-9]+\s*\/\s*[0-9]+)$/;

/** The pages' pieces (touching items joined) stacked top to bottom, without their page numbers, running headers and footers. */
function stack(pages: PdfPage[]): Piece[] {
  // Joined before the edges are looked at: a printer may place `- 3 -` character by character.
  // Here y is the page's own (upwards); joinTouching needs only one direction per page.
  const perPage = pages.map((p, pi) =>
    joinTouching(p.items.filter((i) => i.str.trim() !== '' && i.size > 0).map((i) => ({ str: i.str, x: i.x, end: i.x + i.w, y: i.y, size: i.size, page: pi + 1 }))),
  );
  dropEdges(perPage);
  const out: Piece[] = [];
  let offset = 0;
  for (const kept of perPage) {
    if (!kept.length) continue;
    const ky = kept.map((i) => i.y);
    const pageTop = Math.max(...kept.map((i) => i.y + i.size));
    const pageBottom = Math.min(...ky);
    for (const i of kept) out.push({ ...i, y: offset + (pageTop - i.y) });
    offset += pageTop - pageBottom + 1.2 * Math.max(...kept.map((i) => i.size));
  }
  return out;
}

/** The pieces of a page's first (top) or last line, in its own upward y. */
function edgeLine(items: Piece[], top: boolean): Piece[] {
  if (!items.length) return [];
  const y = top ? Math.max(...items.map((i) => i.y)) : Math.min(...items.map((i) => i.y));
  return items.filter((i) => Math.abs(i.y - y) < i.size * 0.5);
}

/** A line's text, digits aside (a running header's page number or date changes from page to page). */
const runningKey = (line: Piece[]): string =>
  [...line]
    .sort((a, b) => a.x - b.x)
    .map((i) => i.str.replace(/\s+/g, '').replace(/[0-9０-９]+/g, '#'))
    .join('|');

/**
 * What stands at a page's edges and is no part of the report, at the top and at the bottom:
 *   - a page number alone on its line (`- 3 -`, `第 3 页`);
 *   - then a running header or footer: the first (or last) line of a page that is, digits aside,
 *     the first (or last) line of another page too (`青禾市…年度报告  3` above every page, a bare `3`
 *     under it, which the page-number pattern does not take).
 * Laid out by position, such a line fell into a table that runs over the page break.
 */
function dropEdges(perPage: Piece[][]): void {
  const without = (items: Piece[], line: Piece[]) => {
    const drop = new Set(line);
    return items.filter((x) => !drop.has(x));
  };
  for (const top of [true, false]) {
    perPage.forEach((items, i) => {
      const line = edgeLine(items, top);
      if (line.length === 1 && PAGE_NUMBER.test(line[0].str.trim())) perPage[i] = without(items, line);
    });
  }
  if (perPage.filter((p) => p.length).length < 2) return;
  for (const top of [true, false]) {
    const lines = perPage.map((items) => edgeLine(items, top));
    const keys = lines.map((l) => (l.length ? runningKey(l) : ''));
    const count = new Map<string, number>();
    for (const k of keys) if (k) count.set(k, (count.get(k) ?? 0) + 1);
    perPage.forEach((items, i) => {
      if (keys[i] && count.get(keys[i])! >= 2) perPage[i] = without(items, lines[i]);
    });
  }
}

/**
 * Items on one baseline that touch become one piece (pdf.js splits text at font and spacing
 * changes, and some printers place every character on its own). Two numbers join only when their
 * glyphs abut (a number printed digit by digit): numbers in neighbouring cells stand at least a
 * cell's padding apart. Text drawn a second time a hair to the right (bold made by drawing twice)
 * is read once.
 */
function joinTouching(pieces: Piece[]): Piece[] {
  // Left to right, each piece joins the piece it touches on its own baseline: glyphs of one line
  // may sit a little higher or lower (a digit in another font than the characters around it).
  const sorted = [...pieces].sort((a, b) => a.x - b.x || a.y - b.y);
  const out: Piece[] = [];
  /** The pieces a later one may still touch (their end is within reach of the current x). */
  let open: Piece[] = [];
  /** The item each open piece ends with: the same text again a hair to the right is bold drawn twice. */
  const lastItem = new Map<Piece, Piece>();
  next: for (const p of sorted) {
    if (open.length > 64) open = open.filter((o) => p.x - o.end < o.size);
    let best: Piece | null = null;
    for (const o of open) {
      const size = Math.min(o.size, p.size);
      const dy = Math.abs(o.y - p.y);
      if (o.page !== p.page || dy > size * 0.3) continue;
      const last = lastItem.get(o)!;
      if (last.str === p.str && Math.abs(p.x - last.x) < size * BOLD_OFFSET) continue next;
      const reach = size * (NUMBER.test(o.str.trim()) && NUMBER.test(p.str.trim()) ? DIGITS_ABUT : 0.6);
      if (p.x - o.end < reach && (!best || dy < Math.abs(best.y - p.y))) best = o;
    }
    if (best) {
      best.str += p.str;
      best.end = Math.max(best.end, p.end);
      lastItem.set(best, p);
      continue;
    }
    const piece = { ...p };
    out.push(piece);
    open.push(piece);
    lastItem.set(piece, p);
  }
  return out;
}

function linesOf(pieces: Piece[]): Line[] {
  const sorted = [...pieces].sort((a, b) => a.y - b.y || a.x - b.x);
  const lines: Line[] = [];
  for (const p of sorted) {
    const last = lines[lines.length - 1];
    if (last && Math.abs(p.y - last.y) <= Math.min(last.size, p.size) * 0.45) last.pieces.push(p);
    else lines.push({ y: p.y, size: p.size, page: p.page, pieces: [p] });
  }
  for (const l of lines) l.pieces.sort((a, b) => a.x - b.x);
  return lines;
}

const isNumber = (p: Piece): boolean => NUMBER.test(p.str.trim());
const clean = (s: string): string => s.replace(/\s+/g, '');

/** A cell's text: pdf.js keeps the spaces of spaced-out headers (`商 业 企`); Chinese reads without them. */
function cellText(s: string): string {
  return s.replace(/([^\x00-\x7f])\s+(?=[^\x00-\x7f])/g, '$1').trim();
}

interface Block {
  x: number;
  top: number;
  bottom: number;
  text: string;
  place: Place;
  /** The anchor whose own line holds it (its label), or -1. */
  onAnchor: number;
}

/** Read the text items of a PDF's pages. Throws nothing; a document without text gives empty text. */
export function readPdfPages(pages: PdfPage[]): Reading {
  // A damaged file can give items at no position (NaN, Infinity): they cannot be laid out.
  const finite = pages.map((p) => ({ items: p.items.filter((i) => Number.isFinite(i.x) && Number.isFinite(i.y) && Number.isFinite(i.w) && Number.isFinite(i.size)) }));
  const lines = linesOf(stack(finite));
  // Line numbers per page, for the places (1-based, top to bottom).
  const lineNo = new Map<Line, number>();
  const perPage = new Map<number, number>();
  for (const l of lines) {
    const n = (perPage.get(l.page) ?? 0) + 1;
    perPage.set(l.page, n);
    lineNo.set(l, n);
  }
  const placeOf = (l: Line): Place => ({ page: l.page, line: lineNo.get(l)! });

  // Anchors: a number set apart from the text before it.
  const anchor = lines.map((l) =>
    l.pieces.some((p, k) => isNumber(p) && (k === 0 ? l.pieces.length > 1 || p.x > 0 : p.x - l.pieces[k - 1].end > l.size * 0.8)),
  );
  // Section headings: prose, never part of a table, even right over its first row (a caption).
  const heading = lines.map((l, k) => !anchor[k] && isSectionHeading(l.pieces.map((p) => p.str).join('')));
  const out = new PlacedText();

  let i = 0;
  while (i < lines.length) {
    if (!anchor[i]) {
      // Prose until the next table: join a line that runs to the right margin with the next.
      const start = i;
      while (i < lines.length && !anchor[i] && !nearAnchor(i)) i++;
      if (i === start) {
        i = table(i);
        continue;
      }
      prose(start, i);
      continue;
    }
    i = table(i);
  }
  return out.finish('pdf');

  /** A non-anchor line within a wrapped line or two of an anchor, in the table's small print. */
  function nearAnchor(k: number): boolean {
    if (heading[k]) return false;
    const l = lines[k];
    for (const d of [-1, 1]) {
      for (let j = k + d; j >= 0 && j < lines.length; j += d) {
        const m = lines[j];
        if (Math.abs(m.y - l.y) > Math.max(l.size, m.size) * 3.2) break;
        if (anchor[j] && l.size <= m.size * 1.5 && l.size * 1.5 >= m.size) return true;
      }
    }
    return false;
  }

  function prose(from: number, to: number): void {
    const right = Math.max(...lines.slice(from, to).map((l) => l.pieces[l.pieces.length - 1].end));
    let text = '';
    let place: Place | null = null;
    for (let k = from; k < to; k++) {
      const l = lines[k];
      if (l.pieces.some((p, j) => j > 0 && p.x - l.pieces[j - 1].end > l.size * 1.5)) {
        // Pieces far apart: a table's header line (行政复议 … 行政诉讼), its words as cells.
        if (text) out.line(text, place!);
        text = '';
        place = null;
        out.row(l.pieces.map((p) => ({ text: cellText(p.str), place: placeOf(l) })), { filled: 0, first: null, afterHeader: false }, placeOf(l));
        continue;
      }
      const s = l.pieces.map((p) => p.str).join(' ').trim();
      if (!place) place = placeOf(l);
      text += s;
      const runsOn = l.pieces[l.pieces.length - 1].end >= right - l.size * 1.5 && k + 1 < to && !/[。：:；;]$/.test(s);
      if (!runsOn) {
        out.line(text, place);
        text = '';
        place = null;
      }
    }
    if (text) out.line(text, place!);
  }

  /** The table starting at line k (an anchor or the text around one); returns the line after it. */
  function table(k: number): number {
    let end = k;
    while (end < lines.length && !heading[end] && (anchor[end] || nearAnchor(end))) end++;
    const rows = lines.slice(k, end);
    const anchors = rows.filter((_, j) => anchor[k + j]);
    // Lines near an anchor of a table already read (a damaged file's odd positions): prose.
    if (!anchors.length) {
      prose(k, Math.max(end, k + 1));
      return Math.max(end, k + 1);
    }
    // The number area: from the leftmost number set apart.
    const numX = Math.min(
      ...anchors.flatMap((l) => l.pieces.filter((p, j) => isNumber(p) && (j === 0 || p.x - l.pieces[j - 1].end > l.size * 0.8)).map((p) => p.x)),
    );
    const tol = (l: Line) => l.size * 0.45;

    // Columns of numbers: centres clustered over the table.
    const centres: number[] = [];
    let size = Infinity;
    for (const l of anchors) {
      for (const p of l.pieces) {
        if (p.x >= numX - l.size * 0.5 && isNumber(p)) {
          centres.push((p.x + p.end) / 2);
          size = Math.min(size, p.size);
        }
      }
    }
    centres.sort((a, b) => a - b);
    // Numbers of one column are aligned left, right or centred: their centres lie within a digit or two.
    const columns: number[] = [];
    let last = -Infinity;
    for (const c of centres) {
      if (c - last >= size * 1.5) columns.push(c);
      last = c;
    }
    const column = (p: Piece): number => {
      let best = 0;
      for (let j = 1; j < columns.length; j++) if (Math.abs(columns[j] - (p.x + p.end) / 2) < Math.abs(columns[best] - (p.x + p.end) / 2)) best = j;
      return best;
    };

    // Label-area pieces into blocks: one column, one wrapped line apart.
    const blocks: Block[] = [];
    const headers: Line[] = [];
    rows.forEach((l, j) => {
      const isAnchor = anchor[k + j];
      const label = l.pieces.filter((p) => p.x < numX - l.size * 0.5 && !(isAnchor && isNumber(p)));
      const rest = l.pieces.filter((p) => !label.includes(p) && !isNumber(p));
      if (!isAnchor && rest.length) headers.push({ ...l, pieces: rest });
      for (const p of label) {
        const own = isAnchor ? anchors.indexOf(l) : -1;
        const prev = blocks.find(
          (b) =>
            Math.abs(b.x - p.x) <= p.size * 0.5 &&
            p.y - b.bottom > 0 &&
            p.y - b.bottom <= p.size * 2.3 &&
            !(b.onAnchor >= 0 && own >= 0 && b.onAnchor !== own && clean(p.str).length > 2 && clean(b.text).length > 2),
        );
        if (prev) {
          prev.text += p.str;
          prev.bottom = p.y;
          if (own >= 0) prev.onAnchor = own;
        } else blocks.push({ x: p.x, top: p.y, bottom: p.y, text: p.str, place: placeOf(l), onAnchor: own });
      }
    });

    // Text right of every label written on a row's own line is a header over the numbers (a column
    // name wrapped over two lines), not a label.
    const labelRight = Math.max(...blocks.filter((b) => b.onAnchor >= 0).map((b) => b.x));
    const headerBlocks = blocks.filter((b) => Number.isFinite(labelRight) && b.x > labelRight + 12);
    // Each block to its anchor: the one whose line holds it, else the nearest to its middle.
    const owned = anchors.map(() => [] as Block[]);
    for (const b of blocks) {
      if (headerBlocks.includes(b)) continue;
      let a = b.onAnchor;
      if (a < 0 || clean(b.text).length <= 2) {
        const mid = (b.top + b.bottom) / 2;
        a = 0;
        for (let j = 1; j < anchors.length; j++) if (Math.abs(anchors[j].y - mid) < Math.abs(anchors[a].y - mid)) a = j;
        if (Math.abs(anchors[a].y - mid) > anchors[a].size * 8) {
          a = -1;
        }
      }
      if (a >= 0) owned[a].push(b);
    }

    for (const b of headerBlocks) {
      const place = b.place;
      headers.push({ y: b.top, size: anchors[0].size, page: place.page!, pieces: [{ str: b.text, x: b.x, end: b.x, y: b.top, size: anchors[0].size, page: place.page! }] });
      lineNo.set(headers[headers.length - 1], place.line!);
    }
    headers.sort((a, b) => a.y - b.y);
    const state = out.startTable();
    // Header lines (column names) before the first row, as rows without numbers.
    for (const h of headers.filter((h) => h.y < anchors[0].y)) out.row(h.pieces.map((p) => ({ text: cellText(p.str), place: placeOf(h) })), state, placeOf(h));
    anchors.forEach((l, j) => {
      const mine = owned[j].sort((a, b) => a.x - b.x || a.top - b.top);
      const ownX = mine.length ? mine[mine.length - 1].x : Infinity;
      const captions = mine.filter((b) => b.x < ownX - l.size * 0.5);
      const labels = mine.filter((b) => !captions.includes(b)).sort((a, b) => a.top - b.top);
      for (const c of captions) out.row([{ text: cellText(c.text), place: c.place }], state, c.place);
      const cells: PlacedCell[] = [];
      if (labels.length) cells.push({ text: cellText(labels.map((b) => b.text).join('')), place: labels[0].place });
      const values: (Piece | null)[] = columns.map(() => null);
      for (const p of l.pieces) if (isNumber(p) && p.x >= numX - l.size * 0.5) values[column(p)] ??= p;
      for (const v of values) cells.push({ text: v ? v.str.trim() : '', place: placeOf(l) });
      out.row(cells, state, placeOf(l));
      // Header lines between rows (a table's second header, as in 表四) where they stand.
      const next = anchors[j + 1];
      for (const h of headers.filter((h) => h.y > l.y && (!next || h.y < next.y))) {
        out.row(h.pieces.map((p) => ({ text: cellText(p.str), place: placeOf(h) })), state, placeOf(h));
      }
    });
    out.endTable(state);
    return Math.max(end, k + 1);
  }
}

/** True when no page has any text: a scanned PDF. */
export function hasTextLayer(pages: PdfPage[]): boolean {
  return pages.some((p) => p.items.some((i) => i.str.trim() !== ''));
}
