// The custom requests of the nianbao server: only what LSP has no message for.
// Shared by the server, the client and the protocol tests (types only, no runtime imports).

import type { Diagnostic, Range, TextEdit } from 'vscode-languageserver-types';

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
