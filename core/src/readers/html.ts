// HTML pages (`.html`, `.htm`, and HTML documents in VS Code that carry a report title). parse5's
// HTML5 tokenizer keeps the source location of every tag and text; html-tree.ts reads the page
// with it as an HTML5 parser would (implied ends, raw text, foster parenting), handing this reader
// the top level as it goes and each table as a light tree.
// The reader turns the page into the report text the parser already reads, with a map back to the page:
//   - the text flow: each block (`<p>`, `<div>`, `<h1>`…, `<br>`) on a line of its own, so title and
//     headings are lines; entities decoded, line breaks inside a block read as blanks;
//   - each data `<table>` row as one Markdown row (`| label | 1 | 0 | … |`), the text of a cell joined
//     over its `<p>`/`<span>`/`<br>`; rowspan and colspan need nothing more, since a row is found by
//     its own label (a group label in a rowspan stands only in the group's first row);
//   - a table that holds another table is layout: its cells are blocks;
//   - a blank, `&nbsp;`, `/` or `—` cell where a number is due is read as 0, said once per table
//     (rule cell-reading); the total rules still find a blank where a total is due.
// Every character read maps back to the page, so diagnostics land on the cell and a fix rewrites
// only the digits inside it. This module is bundled apart (dist/html.js) and loaded only when a
// page is checked: see README.md, "Published layouts".

import { readFlow, asciiLetter, type FlowSink, type TreeNode } from './html-tree';
import { normalizeLabel, isBlank, parseNumber } from '../text';
import { DASHES, knownLabels } from './placed-text';
import { TextBuilder, type Reading } from '../source-map';
import type { ReadingNote, Span } from '../types';
import { LIMITS, checkSize, utf8Length } from './limits';

type Node = TreeNode;

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'select', 'textarea']);
const BLOCK = new Set([
  'p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'tr', 'table', 'section', 'article',
  'header', 'footer', 'main', 'nav', 'aside', 'blockquote', 'title', 'center', 'pre', 'form', 'hr', 'address', 'caption',
  'figure', 'figcaption', 'fieldset', 'body', 'html', 'head', 'td', 'th', 'tbody', 'thead', 'tfoot',
]);
const digit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const hexDigit = (c: number): boolean => digit(c) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66);

/**
 * The length of what looks like a character reference at src[i] (`&`): `&#` and up to 8 digits,
 * `&#x` and up to 7 hex digits, `&` and a name of up to 32 letters and digits, each with its `;`
 * if there is one; 0 when none starts there.
 */
function entityLength(src: string, i: number): number {
  let k = i + 1;
  let c = src.charCodeAt(k);
  if (c === 0x23 /* # */) {
    k++;
    c = src.charCodeAt(k);
    let from = k;
    let max = 8;
    let ok = digit;
    if (!digit(c)) {
      if ((c | 0x20) !== 0x78 /* x */) return 0;
      from = ++k;
      max = 7;
      ok = hexDigit;
    }
    while (k - from < max && ok(src.charCodeAt(k))) k++;
    if (k === from) return 0;
  } else if (asciiLetter(c)) {
    const from = k;
    while (k - from < 32 && (asciiLetter(src.charCodeAt(k)) || digit(src.charCodeAt(k)))) k++;
  } else return 0;
  if (src.charCodeAt(k) === 0x3b /* ; */) k++;
  return k - i;
}

/** a[i, i + n) === b[j, j + n). */
function sameAt(a: string, i: number, b: string, j: number, n: number): boolean {
  if (i + n > a.length) return false;
  for (let k = 0; k < n; k++) if (a.charCodeAt(i + k) !== b.charCodeAt(j + k)) return false;
  return true;
}

/** One stretch of read text and the source it stands for. */
interface Seg {
  text: string;
  s: number;
  e: number;
  exact: boolean;
}

/** Where aligned text goes: a stretch copied as it is, or text that stands for a stretch of source. */
interface Sink {
  copy(s: number, e: number): void;
  put(text: string, s: number, e: number): void;
}

/** A character the reader does not copy as it is: an entity's `&`, a line break or a tab (read as a blank). */
const special = (c: number): boolean => c === 0x26 || c === 0x0d || c === 0x0a || c === 0x09;

/** Decoded text read from src[start, end), aligned with its source: copied runs, decoded entities, blanks for line breaks. */
function alignText(src: string, value: string, start: number, end: number, out: Sink): void {
  let i = start;
  // Most text is written as it reads: one exact piece.
  if (end - i === value.length) {
    let k = i;
    while (k < end && !special(src.charCodeAt(k))) k++;
    if (k === end && src.startsWith(value, i)) {
      if (value) out.copy(i, end);
      return;
    }
  }
  let j = 0;
  while (j < value.length && i < end) {
    // A run copied as it is: up to an entity, a line break or a tab.
    let k = i;
    while (k < end && j + k - i < value.length) {
      const c = src.charCodeAt(k);
      if (special(c) || c !== value.charCodeAt(j + k - i)) break;
      k++;
    }
    if (k > i) {
      out.copy(i, k);
      j += k - i;
      i = k;
      if (j >= value.length || i >= end) break;
    }
    const c = src.charCodeAt(i);
    if (c === 0x26 /* & */) {
      const n = entityLength(src, i);
      if (n && !sameAt(value, j, src, i, n)) {
        const code = value.charCodeAt(j);
        const w = code >= 0xd800 && code <= 0xdbff ? 2 : 1;
        const ch = value.slice(j, j + w);
        out.put(ch === '\n' || ch === '\t' || ch === '\r' ? ' ' : ch, i, i + n);
        i += n;
        j += w;
        continue;
      }
      if (value.charCodeAt(j) === 0x26) {
        // A `&` that is not an entity reads as itself.
        out.copy(i, i + 1);
        i++;
        j++;
        continue;
      }
    } else if (c === 0x0d || c === 0x0a || c === 0x09) {
      const e = c === 0x0d && src.charCodeAt(i + 1) === 0x0a ? i + 2 : i + 1;
      out.put(' ', i, e);
      i = e;
      j++;
      continue;
    }
    // Not aligned (should not happen): the rest stands for the rest of the node.
    out.put(value.slice(j).replace(/[\r\n\t]/g, ' '), i, end);
    return;
  }
}

/** Aligned text kept as stretches (a table cell's, read before it is written). */
class Segs implements Sink {
  readonly segs: Seg[] = [];
  constructor(readonly src: string) {}
  copy(s: number, e: number): void {
    this.segs.push({ text: this.src.slice(s, e), s, e, exact: true });
  }
  put(text: string, s: number, e: number): void {
    this.segs.push({ text, s, e, exact: false });
  }
}

const children = (n: Node): Node[] => n.childNodes ?? [];
/** Element names are lower case in the tree (html-tree.ts). */
const tag = (n: Node): string => n.nodeName;

/** The rows of a table, not those of a table inside it. */
function rowsOf(table: Node): Node[] {
  const out: Node[] = [];
  const walk = (n: Node) => {
    for (const c of children(n)) {
      const t = tag(c);
      if (t === 'tr') out.push(c);
      else if (t === 'thead' || t === 'tbody' || t === 'tfoot') walk(c);
    }
  };
  walk(table);
  return out;
}

type Kind = 'number' | 'blank' | 'dash' | 'text';

interface CellRead {
  segs: Seg[];
  kind: Kind;
  /** Where the cell's content is in the source (for a blank: between its tags). */
  inner: Span;
}

class Reader implements FlowSink {
  readonly b: TextBuilder;
  readonly notes: ReadingNote[] = [];

  constructor(readonly src: string) {
    this.b = new TextBuilder(src);
  }

  emit(segs: Seg[]): void {
    for (const g of segs) {
      if (g.exact) this.b.copy(g.s, g.e);
      else if (g.text === '\n') this.b.newline(g.s);
      else this.b.put(g.text, g.s, g.e);
    }
  }

  // The page's top level, as html-tree.ts reads it (the same as flow() over the whole tree).
  text(value: string, start: number, end: number): void {
    alignText(this.src, value, start, end, this.b);
  }

  open(name: string, start: number): void {
    if (name === 'br' || BLOCK.has(name)) this.b.newline(start);
  }

  close(name: string, end: number): void {
    if (BLOCK.has(name)) this.b.newline(end);
  }

  /** The text flow of a node's subtree, written as it is read: blocks and `<br>` as line breaks, tables as tables. */
  flow(n: Node): void {
    for (const c of children(n)) {
      const t = c.nodeName;
      if (t === '#text') {
        this.text(c.value!, c.start, c.end);
        continue;
      }
      if (t.charCodeAt(0) === 0x23 /* # */ || SKIP.has(t)) continue;
      const at = c.start;
      if (t === 'br') {
        this.b.newline(at);
        continue;
      }
      if (t === 'table') {
        this.table(c);
        continue;
      }
      const block = BLOCK.has(t);
      if (block) this.b.newline(at);
      this.flow(c);
      if (block) this.b.newline(c.end);
    }
  }

  /** The text of a node's subtree in a table cell: `<br>` and blocks read as nothing, tables as their text. */
  inline(n: Node, out: Segs): void {
    for (const c of children(n)) {
      const t = c.nodeName;
      if (t === '#text') alignText(this.src, c.value!, c.start, c.end, out);
      else if (t.charCodeAt(0) !== 0x23 && !SKIP.has(t) && t !== 'br') this.inline(c, out);
    }
  }

  cell(td: Node): CellRead {
    const sink = new Segs(this.src);
    this.inline(td, sink);
    const segs = sink.segs;
    const text = segs.map((g) => g.text).join('');
    let a = 0;
    let z = text.length;
    while (a < z && isBlank(text.charCodeAt(a))) a++;
    while (z > a && isBlank(text.charCodeAt(z - 1))) z--;
    const core = text.slice(a, z);
    const kind: Kind = !core
      ? 'blank'
      : DASHES.has(core)
        ? 'dash'
        : parseNumber(core, 'decimal') || parseNumber(core, 'signed')
          ? 'number'
          : 'text';
    // A blank or a dash stands where its own characters are (`&nbsp;`, `/`), else between the cell's tags.
    const mapped = segs.filter((g) => g.e > g.s && !(g.text === ' ' && g.exact === false && kind !== 'blank'));
    if (mapped.length) return { segs, kind, inner: { start: mapped[0].s, end: mapped[mapped.length - 1].e } };
    const s = td.tagEnd >= 0 ? td.tagEnd : td.start;
    const e = td.endTagStart >= 0 ? td.endTagStart : td.end;
    return { segs, kind, inner: { start: s, end: e } };
  }

  table(table: Node): void {
    const at = table.start;
    if (table.hasTable) {
      // Layout: the cells are blocks of the text flow.
      this.flow(table);
      return;
    }
    const { rows: known, groups } = knownLabels();
    this.b.newline(at);
    let filled = 0;
    let first: Span | null = null;
    let afterHeader = false;
    for (const tr of rowsOf(table)) {
      const cells = children(tr)
        .filter((c) => tag(c) === 'td' || tag(c) === 'th')
        .map((c) => this.cell(c));
      if (!cells.length) continue;
      const lastText = cells.map((c) => c.kind).lastIndexOf('text');
      const label = normalizeLabel(
        cells
          .filter((c) => c.kind === 'text')
          .map((c) => c.segs.map((g) => g.text).join(''))
          .join(''),
      );
      const hasNumber = cells.some((c) => c.kind === 'number');
      // Blanks and dashes after the label are numbers left out: in a data row only (a known label,
      // or numbers beside them), never in a header or a group caption.
      const dataRow =
        lastText === -1
          ? hasNumber || afterHeader
          : !groups.has(label) && (hasNumber || known.some((l) => label.endsWith(l)));
      const tr0 = tr.start;
      this.b.newline(tr0).put('|', tr0);
      cells.forEach((c, k) => {
        this.b.put(' ', c.inner.start);
        if ((c.kind === 'blank' || c.kind === 'dash') && dataRow && k > lastText) {
          const t = this.b.length;
          this.b.put('0', c.inner.start, c.inner.end);
          first ??= { start: t, end: t + 1 };
          filled++;
        } else {
          this.emit(c.segs.map((g) => (g.text.includes('|') ? { ...g, text: g.text.replace(/\|/g, '｜'), exact: false } : g)));
        }
        this.b.put(' |', c.inner.end);
      });
      this.b.newline(tr.end);
      afterHeader = lastText !== -1 && !hasNumber && label.endsWith('总计');
    }
    if (first && filled) {
      this.notes.push({
        code: 'cell-reading',
        span: first,
        message: `本表有 ${filled} 个单元格为空白或写作“/”“—”，按 0 计算`,
      });
    }
    const end = table.end;
    this.b.newline(end);
  }
}

/**
 * Read an HTML page (a whole document or an article fragment). A page past one of LIMITS.html
 * (size, nesting depth, elements, table cells: see html-tree.ts) throws a LimitError, and only that.
 */
export function readHtml(src: string): Reading {
  // UTF-8 takes at most 3 bytes per UTF-16 unit: most pages need no count.
  if (src.length * 3 > LIMITS.html.maxBytes) checkSize('html', utf8Length(src));
  const r = new Reader(src);
  const end = readFlow(src, r);
  // The page's body is a block: its text ends a line.
  r.b.newline(end);
  return r.b.finish('html', r.notes);
}

export { htmlLooksLikeReport } from './html-detect';
export { LimitError } from './limits';
