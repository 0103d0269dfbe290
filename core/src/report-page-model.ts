// The data of the series page for reviewers (docs/series-page.md): each checked report with its
// problems, and the figures the page charts per agency and year. Small and without HTML, so the
// language server can build it (nianbao/seriesPage) without bundling the page writer
// (core/src/report-page.ts, which draws the page from this data).

import type { Series } from './series';
import type { Report, Severity } from './types';

/** One problem of a report, as `nianbao check --format json` gives it (1-based line and column). */
export interface PageProblem {
  code: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  /** Word and PDF files: the place named (`表格 5 第 11 行第 2 格`); line and column are in the text read. */
  where?: string;
}

/** The three figures the page charts, from 表三's 总计 column as written; null where a cell is absent. */
export interface PageFigures {
  /** 一、本年新收政府信息公开申请数量 */
  received: number | null;
  /** 三、（一）予以公开 */
  granted: number | null;
  /** 四、结转下年度继续办理 */
  carriedOver: number | null;
}

/** One checked report. */
export interface PageReport {
  /** The caller's id of the file (the path read, a URI): the problems' `data-file`. */
  id: string;
  /** How the page names the file (the path as given). */
  display: string;
  /** The link to the file, relative to the page (the CLI); null when the page has none (the webview). */
  href: string | null;
  title: string | null;
  agency: string | null;
  year: number | null;
  format: string | null;
  layout: string;
  figures: PageFigures | null;
  problems: PageProblem[];
}

/** One agency's reports by year (core/src/series.ts `Series`, by the members' ids). */
export interface PageSeries {
  key: string;
  agency: string;
  /** Member ids sorted by year (PageReport.id). */
  ids: string[];
}

export interface PageModel {
  reports: PageReport[];
  series: PageSeries[];
  /** Rule code → its one-line description (core RULES), shown beside the counts. */
  ruleNames?: Record<string, string>;
  /** When the page was made, as the caller writes it (the core reads no clock). */
  generated?: string;
}

const T3 = 'T3';

/** 表三's 总计 of a row, as written (null when the table, the row or the number is missing). */
function total(report: Report, row: string): number | null {
  const t = report.tables.find((x) => x.id === T3);
  const cell = t?.rows.find((r) => r.key === row)?.cells.find((c) => c.column === 'total');
  return cell?.value ?? null;
}

/** The charted figures of a report (both formats' 表三 have these rows); null without 表三. */
export function pageFigures(report: Report): PageFigures | null {
  if (!report.tables.some((t) => t.id === T3)) return null;
  return { received: total(report, 'received'), granted: total(report, 'granted'), carriedOver: total(report, 'carriedOut') };
}

/** The series as the page needs them: agency and member ids. */
export function pageSeries(series: readonly Series[]): PageSeries[] {
  return series.map((s) => ({ key: s.key, agency: s.agency, ids: s.members.map((m) => m.id) }));
}
