// A document as it is found (plain report text, crawler page text with run-together cells, an HTML
// page, ...) and the report text parse() reads from it, with a map from every character of that
// text back to the source. Each layout is a reader that produces a `Document`; the parser, the rules
// and the fixes stay the same, and every problem is moved back onto the source (the HTML cell, the
// digits inside a run). See README.md, "Published layouts".

import { parse } from './parse';
import { check } from './rules';
import { fixAll } from './fix';
import { lastAtOrBefore } from './text';
import type { Report, Problem, Settings, Span, Edit, Fix, ReadingNote } from './types';
import type { Piece, Place, PlacedRange, Reading, SourceLayout } from './source-map';
export { TextBuilder, placeName } from './source-map';
export type { SourceLayout, Reading, Place, PlacedRange } from './source-map';

export class Document {
  /** The parsed report (spans in `text`). */
  readonly report: Report;

  constructor(
    /** The text as found. */
    readonly source: string,
    /** What parse() read. Equal to `source` for plain text. */
    readonly text: string,
    readonly layout: SourceLayout,
    private readonly pieces: Piece[] | null,
    readonly notes: ReadingNote[],
    /** Word and PDF: the paragraph, cell or line each stretch of `text` was read from. */
    readonly places: readonly PlacedRange[] = [],
  ) {
    this.report = parse(text);
    if (notes.length) {
      this.report.notes = notes;
      // A row the reader could not split is reported once, by the reader, not again as a short row.
      for (const n of notes) {
        if (!n.row) continue;
        const t = this.report.tables.find((x) => x.id === n.row!.table);
        if (t) t.issues = t.issues.filter((i) => i.row !== n.row!.key);
      }
    }
  }

  /** Where a read-text offset stands in a Word or PDF file (null for files with lines of their own). */
  placeAt(offset: number): Place | null {
    const ps = this.places;
    if (!ps.length) return null;
    return ps[lastAtOrBefore(ps.length, (i) => ps[i].t, offset)].place;
  }

  /** True when `text` is `source` itself. */
  get identity(): boolean {
    return this.pieces === null;
  }

  private pieceAt(offset: number, preferLeft: boolean): Piece | undefined {
    const ps = this.pieces!;
    const lo = lastAtOrBefore(ps.length, (i) => ps[i].t, offset);
    let p = ps[lo];
    if (preferLeft && p && p.t === offset && lo > 0) p = ps[lo - 1];
    return p;
  }

  /** Source offset of a read-text offset: `side` start maps to where that character begins, end to where the one before ends. */
  toSourceOffset(offset: number, side: 'start' | 'end'): number {
    if (!this.pieces) return offset;
    if (!this.pieces.length) return 0;
    const p = this.pieceAt(offset, side === 'end');
    if (!p) return 0;
    const rel = Math.max(0, Math.min(offset - p.t, p.len));
    if (p.exact) return p.s + rel;
    return side === 'start' && rel < p.len ? p.s : p.s + p.slen;
  }

  /** The source span a read-text span stands for. */
  toSource(span: Span): Span {
    if (!this.pieces) return span;
    if (span.end <= span.start) {
      const at = this.toSourceOffset(span.start, 'start');
      return { start: at, end: at };
    }
    const start = this.toSourceOffset(span.start, 'start');
    return { start, end: Math.max(start, this.toSourceOffset(span.end, 'end')) };
  }

  /** The source span of a read-text span copied char for char from one place, else null. */
  exactSource(span: Span): Span | null {
    if (!this.pieces) return span;
    const p = this.pieceAt(span.start, false);
    if (!p || !p.exact || span.start < p.t || span.end > p.t + p.len) return null;
    return { start: p.s + span.start - p.t, end: p.s + span.end - p.t };
  }

  /**
   * An edit of the read text as an edit of the source, or null when it cannot be made there exactly.
   * Outside plain text only digits are ever rewritten (a cell's number), never markup or prose.
   */
  toSourceEdit(e: Edit): Edit | null {
    if (!this.pieces) return e;
    if (this.layout === 'run-together') return null; // rewriting one number would re-split its run
    if (this.layout === 'docx' || this.layout === 'pdf') return null; // nianbao never writes into a Word or PDF file
    const span = this.exactSource(e);
    if (!span || span.end === span.start) return null;
    if (!DIGITS.test(this.source.slice(span.start, span.end)) || !DIGITS.test(e.newText)) return null;
    return { ...span, newText: e.newText };
  }

  private mapFix(fix: Fix | undefined): Fix | undefined {
    if (!fix || !this.pieces) return fix;
    const edits: Edit[] = [];
    for (const e of fix.edits) {
      const m = this.toSourceEdit(e);
      if (!m) return undefined;
      edits.push(m);
    }
    return { ...fix, edits };
  }

  /** A problem found in the read text, placed on the source (fixes kept only when they map exactly). */
  toSourceProblem(p: Problem): Problem {
    if (!this.pieces) return p;
    const out: Problem & { related?: { span: Span; message: string }[] } = { ...p, span: this.toSource(p.span) };
    const fix = this.mapFix(p.fix);
    if (fix) out.fix = fix;
    else delete out.fix;
    const related = (p as { related?: { span: Span; message: string }[] }).related;
    if (related) out.related = related.map((r) => ({ ...r, span: this.toSource(r.span) }));
    return out;
  }
}

const DIGITS = /^[0-9０-９]+(?:[.．][0-9０-９]+)?$/;

/** The document a reader read. */
export function documentOf(r: Reading): Document {
  return new Document(r.source, r.text, r.layout, r.pieces, r.notes, r.places);
}

/** A document whose text is read as it is (`cells`, `rows` or `markdown`). */
export function plainDocument(text: string): Document {
  return new Document(text, text, 'cells', null, []);
}

/** The layout to show: the reader's, or the parser's for plain text. */
export function layoutOf(doc: Document): SourceLayout {
  if (!doc.identity) return doc.layout;
  const l = doc.report.layout;
  return l === 'markdown' ? 'markdown' : l === 'row' ? 'rows' : 'cells';
}

/** Check a document: the rules over its report (with the reader's notes), all placed on the source. */
export function checkDocument(doc: Document, settings: Settings = {}): Problem[] {
  const problems = check(doc.report, settings);
  return doc.identity ? problems : problems.map((p) => doc.toSourceProblem(p));
}

/** The fix-all set on the source: only the edits that map exactly (in a page, digits only). */
export function fixAllDocument(doc: Document, settings: Settings = {}): Edit[] {
  const edits: Edit[] = [];
  for (const e of fixAll(doc.report, settings)) {
    const m = doc.toSourceEdit(e);
    if (m) edits.push(m);
  }
  return edits;
}
