// The custom requests of the nianbao server: only what LSP has no message for.
// Shared by the server, the client and the protocol tests (types only, no runtime imports).

import type { Diagnostic, Range, TextEdit } from 'vscode-languageserver-types';
import type { GridRow } from '../../core/src/grid';

export const RecomputeRequestMethod = 'nianbao/recompute';
export const ReportInfoRequestMethod = 'nianbao/reportInfo';
export const CheckTextRequestMethod = 'nianbao/checkText';
export const ConvertLayoutRequestMethod = 'nianbao/convertLayout';
export const ExportRequestMethod = 'nianbao/export';

export interface UriParams {
  uri: string;
}

export interface RecomputeChange {
  /** 'T2' | 'T3' | 'T4'. */
  table: string;
  /** The table's short Chinese name: 表三. */
  tableName: string;
  /** Human name of the cell, e.g. `“（七）总计”·自然人`. */
  cell: string;
  from: string;
  to: string;
  range: Range;
}

export interface RemainingProblem {
  code: string;
  message: string;
  range: Range;
}

export interface RecomputeResult {
  /** Document version the edits apply to. */
  version: number;
  edits: TextEdit[];
  changes: RecomputeChange[];
  /** `balance` problems that recomputing cannot remove: an input cell is wrong. */
  remaining: RemainingProblem[];
}

export interface ReportInfo {
  isReport: boolean;
  year: number | null;
  agency: string | null;
  /** Id of the format the report is checked against (format.ts), or null. */
  format: string | null;
  /** How the document's tables are laid out (`cells`, `rows`, `markdown`, `html`, `run-together`, …). */
  layout?: string;
  errors: number;
  warnings: number;
  infos: number;
}

export interface CheckTextParams {
  uri: string;
  text: string;
}

export interface CheckTextResult {
  isReport: boolean;
  diagnostics: Diagnostic[];
}

export interface ConvertLayoutParams {
  uri: string;
  /** `cells`, `rows` or `markdown`. */
  to: string;
  /** Only the table at this position (else the whole report). */
  position?: { line: number; character: number };
}

export interface ConvertLayoutResult {
  /** Document version the edits apply to. */
  version: number;
  /** One edit per converted table: applied as one WorkspaceEdit, undone in one step. */
  edits: TextEdit[];
  /** Short names of the tables converted (表二…). */
  converted: string[];
  /** Tables left as they were, with the reason (Chinese). */
  skipped: { tableName: string; reason: string }[];
  /** What was done, in Chinese, for the notification. */
  message: string;
}

export interface ExportParams {
  uri: string;
  /** `docx` or `html`. */
  to: string;
}

export interface ExportResult {
  /** The file's bytes, base64 (the client writes them where the user chose). */
  base64: string;
  /** What the user should know (a table with shape problems), Chinese. */
  warnings: string[];
}

// ---------------------------------------------------------------------------
// nianbao/tables: the report's three tables as printed, filled (the table view, docs/table-view.md)

export const TablesRequestMethod = 'nianbao/tables';

export interface TableCellProblem {
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
}

export interface TableViewCell {
  value: number | null;
  /** As written (null when the cell is absent). */
  raw: string | null;
  /** Where its number stands in the document (null when absent or not exactly placed). */
  range: Range | null;
  /** Written in full-width digits: an edit keeps the width. */
  fullWidth: boolean;
  /** A total (what 重新计算合计 fills). */
  total: boolean;
  /** Whether an edit can rewrite its digits in place. */
  editable: boolean;
  /** 'int' | 'decimal' | 'signed': what may be typed. */
  kind: string;
  problems: TableCellProblem[];
  /** The value it should hold when located as the one wrong cell. */
  expected: number | null;
  candidates: number[];
}

export interface TableView {
  id: string;
  shortName: string;
  name: string;
  width: number;
  found: boolean;
  range: Range | null;
  /** The grid as printed (core/src/grid.ts GridRow[]): headings, labels and value cells with rowspan/colspan. */
  rows: GridRow[];
  /** By `row|column`. */
  cells: Record<string, TableViewCell>;
  rowProblems: Record<string, TableCellProblem[]>;
  tableProblems: TableCellProblem[];
}

export interface TablesResult {
  /** Document version the ranges apply to. */
  version: number;
  isReport: boolean;
  tables: TableView[];
}

/** This year's draft from last year's report (core/src/draft.ts), for nianbao.newReportFromLastYear. */
export const DraftFromLastYearRequestMethod = 'nianbao/draftFromLastYear';
export interface DraftFromLastYearParams {
  uri: string;
  /** Default: last year's + 1. */
  year?: number;
}
export interface DraftFromLastYearResult {
  text: string;
  agency: string | null;
  year: number;
}

/** The 2019 tables of a report rewritten in the 2021 format (core/src/draft.ts), for nianbao.convertTo2021. */
export const ConvertTo2021RequestMethod = 'nianbao/convertTo2021';
export interface ConvertTo2021Result {
  version: number;
  edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[];
  /** The cells left at 0 (or to be split) for the writer, as `表二“规章”·本年废止件数：reason`. */
  flags: string[];
}

/** The series page (年报汇总页, docs/series-page.md): the reports named, checked, with their series. */
export const SeriesPageRequestMethod = 'nianbao/seriesPage';

export interface SeriesPageParams {
  /** The reports to put on the page (file: URIs); open documents are read as the editor has them. */
  uris: string[];
}

/** core/src/report-page-model.ts `PageModel`: ids and displays are the URIs; `href` is null. */
export type SeriesPageResult = import('../../core/src/report-page-model').PageModel;
