// The public shapes of the checking core. Pure data: no VS Code or LSP types here.
// All offsets are UTF-16 code-unit offsets into the text given to parse() (a BOM, if
// the caller left one in, is just another character). ARCHITECTURE.md describes the layers.

import type { FormatDef, FormatId, TableDef } from './format';
import type { Rule } from './rules/rule';

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';
export type Layout = 'cell' | 'row' | 'markdown';

/** Half-open [start, end) in UTF-16 code units. */
export interface Span {
  start: number;
  end: number;
}

export interface Edit extends Span {
  newText: string;
}

export interface Fix {
  /** Chinese title shown in the quick-fix menu. */
  title: string;
  edits: Edit[];
  /** Offered first / applied by Ctrl+. Enter. */
  preferred: boolean;
  /** Part of fix-all (`source.fixAll.nianbao`, `nianbao fix`): changes text in place only. */
  fixAll: boolean;
}

/** Another place that explains a problem (a failed sum behind a located wrong cell). */
export interface RelatedInfo {
  span: Span;
  message: string;
  /**
   * The other file the span is in (the caller's id of it: a path, a URI), for the cross-year rules
   * pointing into last year's report; absent: the same file.
   */
  file?: string;
}

export interface Problem {
  code: string;
  severity: Severity;
  message: string;
  span: Span;
  /** The fix offered first (when several cells are equally likely, none is preferred). */
  fix?: Fix;
  /** Further fixes, one per other candidate cell. */
  alternativeFixes?: Fix[];
  related?: RelatedInfo[];
}

export interface Settings {
  /** Severity overrides by rule code. */
  rules?: Record<string, SeveritySetting>;
  /**
   * Rules beyond the built-in ones: plugin rules and declarative rules (a province profile). They run
   * after the built-in rules; one that throws is reported as a problem of its own code, and the
   * others still run.
   */
  extraRules?: readonly Rule[];
}

// ---------------------------------------------------------------------------
// The parsed report

export interface Title {
  /** From the first character of the title's first line to the end of its last line. */
  span: Span;
  /** The title as one string (lines joined, whitespace removed). */
  text: string;
  agency: string | null;
  year: number | null;
  /** Where the year digits stand in the text, if found on one line. */
  yearSpan: Span | null;
}

export type HeadingIssue = 'typo' | 'no-ordinal' | 'arabic-ordinal' | 'wrong-ordinal' | 'duplicate-ordinal' | 'spaces' | 'punctuation';

export interface SectionHeading {
  /** Index into the sections of the report's format (`report.formatDef.sections`). */
  index: number;
  /** The whole line (without its line break). */
  lineSpan: Span;
  /** The heading text proper: after indentation and a Markdown `#…` prefix, before trailing blanks. */
  textSpan: Span;
  text: string;
  /** Markdown `#` prefix as written (e.g. `## `), or ''. */
  hashes: string;
  issues: HeadingIssue[];
  /** From the end of the heading line to the start of the next recognised heading (or the end). */
  bodySpan: Span;
}

export interface Cell {
  /**
   * The cell's text with its padding trimmed (zero-width at the cell for an empty Markdown/tab cell):
   * the number proper, what an edit replaces.
   */
  valueSpan: Span;
  raw: string;
  /** null when the cell is not a valid number for its column. */
  value: number | null;
  /** Written with full-width digits (keep that width when rewriting). */
  fullWidth: boolean;
  /** Key of the column this cell belongs to. */
  column: string;
}

export interface ParsedRow {
  /** Key of the row definition. */
  key: string;
  /** Span of the row label as written (all wrapped pieces); null for an unlabelled data row. */
  labelSpan: Span | null;
  /** Cells by column key, in column order. Missing cells are absent. */
  cells: Cell[];
  /** Cell count expected by the definition. */
  expectedCells: number;
  /**
   * A row with more or fewer numbers than its columns keeps them here, in order and with no column
   * (and `cells` empty): they are not assigned to columns, so no sum reads them and no hint names them
   * until the row's shape is right (docs/arithmetic.md).
   */
  loose?: Cell[];
}

export interface ShapeIssue {
  kind: 'missing-row' | 'duplicate-row' | 'unknown-row' | 'cell-count' | 'extra-cells' | 'stray-number';
  span: Span;
  /** Row key concerned (the expected row for missing/duplicate/cell-count). */
  row?: string;
  /** The label text as written, for unknown rows. */
  text?: string;
  found?: number;
  expected?: number;
}

export interface ParsedTable {
  /** 'T2' | 'T3' | 'T4'. */
  id: string;
  /** The format whose definition of the table fits the text best (may differ from the report's). */
  format: FormatId;
  /** That definition. */
  def: TableDef;
  /** Index of the section this table belongs to (1, 2 or 3). */
  section: number;
  /** From the first header or row token to the end of the last cell. */
  span: Span;
  layout: Layout;
  rows: ParsedRow[];
  issues: ShapeIssue[];
}

export interface Report {
  text: string;
  title: Title | null;
  agency: string | null;
  year: number | null;
  /** Id of `formatDef`; null when neither the year nor a table decides it. */
  format: FormatId | null;
  /**
   * The format the report is checked against: the one whose years include the report's year;
   * failing that, the format of the tables found (best fit); failing that, the newest.
   */
  formatDef: FormatDef;
  /** The formats the report was read against (newest first). */
  formats: readonly FormatDef[];
  /** Recognised section headings in document order (first occurrence of each section only). */
  sections: SectionHeading[];
  tables: ParsedTable[];
  /** The layout of the document's tables (for inserting a missing one). */
  layout: Layout;
  /** Whether the text looks like a report at all (title or at least two section headings). */
  isReport: boolean;
  /** What the reader of a published layout (crawler text, HTML page) says about how it read the cells. */
  notes?: ReadingNote[];
}

/** A finding of a reader about how it read the source (spans in the text given to parse()). */
export interface ReadingNote {
  code: 'cell-reading' | 'cell-ambiguous';
  span: Span;
  message: string;
  /** For `cell-ambiguous`: the row left unread (its short-row finding is this note's, not another). */
  row?: { table: string; key: string };
}
