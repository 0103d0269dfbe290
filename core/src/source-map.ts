// The map from a read text back to the source it was read from (see document.ts). Kept apart from
// the parser so that a reader bundle (the HTML reader, loaded only when a page is checked) carries
// nothing of the core but this.

import type { ReadingNote } from './types';

/** How the document's tables were laid out where they were found. */
export type SourceLayout = 'cells' | 'rows' | 'markdown' | 'html' | 'run-together' | 'docx' | 'pdf';

/** A stretch of the read text: text[t, t + len) stands for source[s, s + slen); exact when copied char for char. */
export interface Piece {
  t: number;
  len: number;
  s: number;
  slen: number;
  exact: boolean;
}

/** Builds the read text piece by piece, remembering where each piece came from. */
export class TextBuilder {
  /** The text's pieces, joined once at the end (a string grown by `+=` keeps every step alive until it is read). */
  private readonly parts: string[] = [];
  private readonly pieces: Piece[] = [];
  private endsWithNewline = false;
  /** The text's length so far. */
  length = 0;

  constructor(readonly source: string) {}

  /** The text so far. */
  get text(): string {
    return this.parts.join('');
  }

  /** Copy source[start, end) as is. */
  copy(start: number, end: number): this {
    if (end <= start) return this;
    this.push(this.source.slice(start, end), start, end - start, true);
    return this;
  }

  /** Put text that stands for source[start, end) (a decoded entity, a collapsed blank, a line break). */
  put(s: string, start: number, end: number = start): this {
    if (!s) return this;
    this.push(s, start, end - start, false);
    return this;
  }

  /** A line break at source offset `at`, unless the text already ends one. */
  newline(at: number): this {
    if (this.length && !this.endsWithNewline) this.put('\n', at);
    return this;
  }

  private push(s: string, start: number, slen: number, exact: boolean): void {
    const last = this.pieces[this.pieces.length - 1];
    if (exact && last?.exact && last.s + last.slen === start && last.t + last.len === this.length) {
      last.len += s.length;
      last.slen += slen;
    } else {
      this.pieces.push({ t: this.length, len: s.length, s: start, slen, exact });
    }
    this.parts.push(s);
    this.length += s.length;
    this.endsWithNewline = s.charCodeAt(s.length - 1) === 10;
  }

  /** What the reader read: hand it to `new Document(...)` (document.ts). */
  finish(layout: SourceLayout, notes: ReadingNote[] = []): Reading {
    return { source: this.source, text: this.text, layout, pieces: this.pieces, notes };
  }
}


/**
 * Where a stretch of read text stands in a file that has no lines to point at (Word, PDF): 1-based
 * paragraph, or table/row/cell, or page/line. The CLI names it in JSON and as a SARIF logical location.
 */
export interface Place {
  paragraph?: number;
  table?: number;
  row?: number;
  cell?: number;
  page?: number;
  line?: number;
}

/** read text [t, t + len) stands at `place`. */
export interface PlacedRange {
  t: number;
  len: number;
  place: Place;
}

/** A reader's result: the text parse() reads, where each piece came from, and its notes. */
export interface Reading {
  source: string;
  text: string;
  layout: SourceLayout;
  pieces: Piece[];
  notes: ReadingNote[];
  /** Word and PDF readers: the paragraph, cell or line each stretch of the text was read from (in order of `t`). */
  places?: PlacedRange[];
}

/** `第 3 段`, `表格 2 第 5 行第 3 格`, `第 4 页第 12 行`: a place as a person names it. */
export function placeName(p: Place): string {
  if (p.table !== undefined) return `表格 ${p.table}${p.row !== undefined ? ` 第 ${p.row} 行` : ''}${p.cell !== undefined ? `第 ${p.cell} 格` : ''}`;
  if (p.page !== undefined) return `第 ${p.page} 页${p.line !== undefined ? `第 ${p.line} 行` : ''}`;
  if (p.paragraph !== undefined) return `第 ${p.paragraph} 段`;
  return '';
}
