// The series page for reviewers (docs/series-page.md): one self-contained HTML page over the checked
// reports of a folder: a summary, every report with its status and its problem counts by rule, per
// agency a small bar chart (inline SVG) of applications received, granted and carried over by year
// with the figures as a table, and every problem with a link to its place.
// Pure (text out), used by `nianbao report` (written as a file: relative links, no script at all)
// and by the VS Code command 年报汇总页 (a webview: a nonce, a strict Content-Security-Policy, one
// small inline script that sends a clicked problem's file and position to the extension).
// Every string that comes from a report is escaped; the page loads nothing from anywhere.

import type { PageModel, PageProblem, PageReport, PageSeries } from './report-page-model';
export * from './report-page-model';

/** The words of the page. Chinese by default; the VS Code webview passes its own (vscode.l10n). `{0}` … are filled in. */
export interface PageStrings {
  lang: string;
  title: string;
  /** {0} reports, {1} agencies, {2} errors, {3} warnings, {4} notes */
  summary: string;
  generated: string;
  reportsHeading: string;
  chartsHeading: string;
  problemsHeading: string;
  byRuleHeading: string;
  file: string;
  agency: string;
  year: string;
  format: string;
  status: string;
  errors: string;
  warnings: string;
  infos: string;
  byRule: string;
  rule: string;
  count: string;
  statusError: string;
  statusWarning: string;
  statusInfo: string;
  statusOk: string;
  received: string;
  granted: string;
  carriedOver: string;
  /** {0} year */
  yearLabel: string;
  noReport: string;
  notFound: string;
  noProblems: string;
  noCharts: string;
  unknown: string;
  /** {0} agency */
  chartTitle: string;
  /** {0} first year, {1} last year, {2} number of reports */
  years: string;
  severityError: string;
  severityWarning: string;
  severityInfo: string;
  toProblems: string;
}

export const PAGE_STRINGS_ZH: PageStrings = {
  lang: 'zh-CN',
  title: '政府信息公开工作年度报告汇总',
  summary: '共 {0} 份年报，{1} 个机关：{2} 个错误，{3} 个警告，{4} 条提示',
  generated: '生成时间：{0}',
  reportsHeading: '各份年报',
  chartsHeading: '各机关历年依申请公开情况',
  problemsHeading: '问题明细',
  byRuleHeading: '按规则统计',
  file: '文件',
  agency: '机关',
  year: '年度',
  format: '格式',
  status: '状态',
  errors: '错误',
  warnings: '警告',
  infos: '提示',
  byRule: '各规则问题数',
  rule: '规则',
  count: '个数',
  statusError: '有错误',
  statusWarning: '有警告',
  statusInfo: '有提示',
  statusOk: '无问题',
  received: '本年新收',
  granted: '予以公开',
  carriedOver: '结转下年度',
  yearLabel: '{0} 年度',
  noReport: '无报告',
  notFound: '未找到',
  noProblems: '没有发现问题。',
  noCharts: '没有可按年度汇总的年报（需要机关名称和年度）。',
  unknown: '未知',
  chartTitle: '{0}：本年新收、予以公开、结转下年度（件）',
  years: '{0}—{1} 年度，{2} 份年报',
  severityError: '错误',
  severityWarning: '警告',
  severityInfo: '提示',
  toProblems: '问题',
};

export interface PageOptions {
  /** The page's words (missing ones in Chinese). */
  strings?: Partial<PageStrings>;
  /**
   * For a VS Code webview: the nonce of its one style sheet and one script. The page then carries a
   * Content-Security-Policy allowing only those (not even the webview's own resources: it loads
   * nothing), and a script that posts `{ type: 'reveal', file, line, column }` when a problem is clicked.
   */
  webview?: { nonce: string };
}

/** The most years one chart draws (the latest ones); a longer series shows them all in its table. */
export const MAX_CHART_YEARS = 15;

/** Escapes a string for HTML text and double- or single-quoted attributes. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
}

const esc = escapeHtml;

function fill(template: string, ...values: (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (m, i: string) => (values[Number(i)] !== undefined ? String(values[Number(i)]) : m));
}

type Status = 'error' | 'warning' | 'info' | 'ok';

interface Counts {
  error: number;
  warning: number;
  info: number;
}

function countsOf(problems: readonly PageProblem[]): Counts {
  const c: Counts = { error: 0, warning: 0, info: 0 };
  for (const p of problems) c[p.severity]++;
  return c;
}

function statusOf(c: Counts): Status {
  return c.error ? 'error' : c.warning ? 'warning' : c.info ? 'info' : 'ok';
}

/** Problem counts by rule code, most first, then by code. */
export function countsByRule(problems: readonly PageProblem[]): [string, number][] {
  const m = new Map<string, number>();
  for (const p of problems) m.set(p.code, (m.get(p.code) ?? 0) + 1);
  return [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

const MEASURES = ['received', 'granted', 'carriedOver'] as const;

/** The reports in page order: each series by agency and year, then the reports in no series, as given. */
function ordered(model: PageModel): { reports: PageReport[]; seriesOf: Map<string, PageSeries> } {
  const byId = new Map(model.reports.map((r) => [r.id, r]));
  const seen = new Set<string>();
  const out: PageReport[] = [];
  const seriesOf = new Map<string, PageSeries>();
  for (const s of model.series) {
    for (const id of s.ids) {
      const r = byId.get(id);
      if (!r || seen.has(id)) continue;
      seen.add(id);
      seriesOf.set(id, s);
      out.push(r);
    }
  }
  for (const r of model.reports) if (!seen.has(r.id)) out.push(r);
  return { reports: out, seriesOf };
}

/** The whole page. */
export function buildReportPage(model: PageModel, options: PageOptions = {}): string {
  const S: PageStrings = { ...PAGE_STRINGS_ZH, ...options.strings };
  const { reports } = ordered(model);
  const anchor = new Map(reports.map((r, i) => [r.id, `r${i + 1}`]));
  const all = reports.flatMap((r) => r.problems);
  const total = countsOf(all);
  const wv = options.webview;
  const nonceAttr = wv ? ` nonce="${esc(wv.nonce)}"` : '';
  const csp = wv
    ? `default-src 'none'; style-src 'nonce-${wv.nonce}'; script-src 'nonce-${wv.nonce}'; img-src data:`
    : "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

  const parts: string[] = [];
  parts.push(
    '<!DOCTYPE html>',
    `<html lang="${esc(S.lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(S.title)}</title>`,
    `<style${nonceAttr}>${CSS}</style>`,
    '</head>',
    `<body class="${wv ? 'webview' : 'file'}">`,
    '<header>',
    `<h1>${esc(S.title)}</h1>`,
    `<p class="summary" data-reports="${reports.length}" data-errors="${total.error}" data-warnings="${total.warning}" data-infos="${total.info}">${esc(
      fill(S.summary, reports.length, model.series.length, total.error, total.warning, total.info),
    )}</p>`,
  );
  if (model.generated) parts.push(`<p class="generated">${esc(fill(S.generated, model.generated))}</p>`);
  parts.push('</header>', '<main>');

  // Every report: status and counts by rule.
  parts.push(`<section id="reports"><h2>${esc(S.reportsHeading)}</h2>`);
  parts.push(
    '<div class="wide"><table class="reports">',
    `<thead><tr><th scope="col">${esc(S.file)}</th><th scope="col">${esc(S.agency)}</th><th scope="col">${esc(S.year)}</th><th scope="col">${esc(S.format)}</th><th scope="col">${esc(S.status)}</th><th scope="col" class="num">${esc(S.errors)}</th><th scope="col" class="num">${esc(S.warnings)}</th><th scope="col" class="num">${esc(S.infos)}</th><th scope="col">${esc(S.byRule)}</th></tr></thead>`,
    '<tbody>',
  );
  for (const r of reports) {
    const c = countsOf(r.problems);
    const st = statusOf(c);
    const rules = countsByRule(r.problems)
      .map(([code, n]) => `<span class="rule" data-rule="${esc(code)}" data-count="${n}"${ruleTitle(model, code)}>${esc(code)} ×${n}</span>`)
      .join(' ');
    parts.push(
      `<tr class="report status-${st}" data-file="${esc(r.id)}" data-status="${st}">`,
      `<td>${fileLink(r, wv !== undefined)}${r.problems.length ? ` <a class="to-problems" href="#${anchor.get(r.id)}">${esc(S.toProblems)}</a>` : ''}</td>`,
      `<td>${esc(r.agency ?? S.unknown)}</td>`,
      `<td>${r.year ?? esc(S.unknown)}</td>`,
      `<td>${esc(r.format ?? S.unknown)}</td>`,
      `<td><span class="badge ${st}">${esc(statusLabel(S, st))}</span></td>`,
      `<td class="num" data-severity="error">${c.error}</td><td class="num" data-severity="warning">${c.warning}</td><td class="num" data-severity="info">${c.info}</td>`,
      `<td class="rules">${rules}</td>`,
      '</tr>',
    );
  }
  parts.push('</tbody></table></div>');

  // Counts by rule over all reports.
  const byRule = countsByRule(all);
  if (byRule.length) {
    parts.push(`<h3>${esc(S.byRuleHeading)}</h3>`, '<table class="by-rule">', `<thead><tr><th scope="col">${esc(S.rule)}</th><th scope="col" class="num">${esc(S.count)}</th></tr></thead><tbody>`);
    for (const [code, n] of byRule) {
      const name = model.ruleNames?.[code];
      parts.push(`<tr data-rule="${esc(code)}"><td><code>${esc(code)}</code>${name ? ` ${esc(name)}` : ''}</td><td class="num">${n}</td></tr>`);
    }
    parts.push('</tbody></table>');
  }
  parts.push('</section>');

  // Per agency: the chart and its figures.
  parts.push(`<section id="charts"><h2>${esc(S.chartsHeading)}</h2>`);
  const byId = new Map(model.reports.map((r) => [r.id, r]));
  const charted = model.series.filter((s) => s.ids.some((id) => byId.get(id)?.year != null));
  if (!charted.length) parts.push(`<p class="empty">${esc(S.noCharts)}</p>`);
  else {
    parts.push(
      '<p class="legend">',
      ...MEASURES.map((m) => `<span class="key"><span class="swatch ${m}"></span>${esc(S[m])}</span>`),
      '</p>',
      '<div class="agencies">',
    );
    for (const s of charted) parts.push(agencyBlock(s, byId, S, wv !== undefined));
    parts.push('</div>');
  }
  parts.push('</section>');

  // Every problem, with its link.
  parts.push(`<section id="problems"><h2>${esc(S.problemsHeading)}</h2>`);
  const withProblems = reports.filter((r) => r.problems.length);
  if (!withProblems.length) parts.push(`<p class="empty">${esc(S.noProblems)}</p>`);
  for (const r of withProblems) {
    const c = countsOf(r.problems);
    parts.push(
      `<article class="file" id="${anchor.get(r.id)}" data-file="${esc(r.id)}">`,
      `<h3>${fileLink(r, wv !== undefined)} <span class="badge ${statusOf(c)}">${esc(statusLabel(S, statusOf(c)))}</span></h3>`,
      r.title ? `<p class="report-title">${esc(r.title)}</p>` : '',
      '<ol class="problems">',
    );
    const sorted = [...r.problems].sort((a, b) => a.line - b.line || a.column - b.column);
    for (const p of sorted) {
      const place = p.where ? `${p.where}（${p.line}:${p.column}）` : `${p.line}:${p.column}`;
      const href = wv ? '#' : r.href ? esc(r.href) : '';
      const link = href
        ? `<a class="loc" href="${href}" data-file="${esc(r.id)}" data-line="${p.line}" data-column="${p.column}">${esc(place)}</a>`
        : `<span class="loc">${esc(place)}</span>`;
      parts.push(
        `<li class="problem ${p.severity}" data-file="${esc(r.id)}" data-line="${p.line}" data-column="${p.column}" data-rule="${esc(p.code)}" data-severity="${p.severity}">`,
        `${link} <span class="sev ${p.severity}">${esc(severityLabel(S, p.severity))}</span> <span class="msg">${esc(p.message)}</span> <code class="code">${esc(p.code)}</code>`,
        '</li>',
      );
    }
    parts.push('</ol></article>');
  }
  parts.push('</section>', '</main>');
  if (wv) parts.push(`<script${nonceAttr}>${SCRIPT}</script>`);
  parts.push('</body>', '</html>', '');
  return parts.filter((p) => p !== '').join('\n');
}

function ruleTitle(model: PageModel, code: string): string {
  const name = model.ruleNames?.[code];
  return name ? ` title="${esc(name)}"` : '';
}

function statusLabel(S: PageStrings, st: Status): string {
  return st === 'error' ? S.statusError : st === 'warning' ? S.statusWarning : st === 'info' ? S.statusInfo : S.statusOk;
}

function severityLabel(S: PageStrings, sev: string): string {
  return sev === 'error' ? S.severityError : sev === 'warning' ? S.severityWarning : S.severityInfo;
}

/** The file's name as a link: to the file (a page on disk), or to its first line (the webview). */
function fileLink(r: PageReport, webview: boolean): string {
  if (webview) return `<a class="file-link" href="#" data-file="${esc(r.id)}" data-line="1" data-column="1">${esc(r.display)}</a>`;
  return r.href ? `<a class="file-link" href="${esc(r.href)}">${esc(r.display)}</a>` : `<span class="file-link">${esc(r.display)}</span>`;
}

// ---------------------------------------------------------------------------
// One agency: chart and table

interface YearEntry {
  year: number;
  report: PageReport | null;
}

function agencyBlock(s: PageSeries, byId: Map<string, PageReport>, S: PageStrings, webview: boolean): string {
  const members = s.ids.map((id) => byId.get(id)).filter((r): r is PageReport => !!r && r.year != null);
  // One report per year: the first of the series (several files of one year are all in the table).
  const first = new Map<number, PageReport>();
  for (const r of members) if (!first.has(r.year!)) first.set(r.year!, r);
  const years = [...first.keys()].sort((a, b) => a - b);
  const from = years[0];
  const to = years[years.length - 1];
  const entries: YearEntry[] = [];
  for (let y = Math.max(from, to - MAX_CHART_YEARS + 1); y <= to; y++) entries.push({ year: y, report: first.get(y) ?? null });
  const out: string[] = [];
  out.push(
    `<article class="agency" data-series="${esc(s.key)}">`,
    `<h3>${esc(s.agency)}</h3>`,
    `<p class="years">${esc(fill(S.years, from, to, members.length))}</p>`,
    chart(s, entries, S),
    '<table class="figures">',
    `<thead><tr><th scope="col">${esc(S.year)}</th>${MEASURES.map((m) => `<th scope="col" class="num">${esc(S[m])}</th>`).join('')}<th scope="col">${esc(S.file)}</th></tr></thead><tbody>`,
  );
  for (const r of members) {
    const f = r.figures;
    out.push(
      `<tr data-year="${r.year}">`,
      `<td>${r.year}</td>`,
      ...MEASURES.map((m) => `<td class="num">${f && f[m] !== null ? f[m] : '—'}</td>`),
      `<td>${fileLink(r, webview)}</td>`,
      '</tr>',
    );
  }
  out.push('</tbody></table>', '</article>');
  return out.join('\n');
}

const BAR = 14;
const BAR_GAP = 3;
const GROUP_GAP = 16;
const PLOT_TOP = 16;
const PLOT_HEIGHT = 96;
const LEFT = 8;

/** A grouped bar chart: per year one bar per figure, its value above it, the year below. */
function chart(s: PageSeries, entries: readonly YearEntry[], S: PageStrings): string {
  const group = MEASURES.length * BAR + (MEASURES.length - 1) * BAR_GAP;
  const width = LEFT * 2 + entries.length * group + (entries.length - 1) * GROUP_GAP;
  const height = PLOT_TOP + PLOT_HEIGHT + 36;
  const base = PLOT_TOP + PLOT_HEIGHT;
  let max = 0;
  for (const e of entries) for (const m of MEASURES) max = Math.max(max, e.report?.figures?.[m] ?? 0);
  const scale = max > 0 ? PLOT_HEIGHT / max : 0;
  const label = fill(S.chartTitle, s.agency);
  const out: string[] = [
    `<svg class="chart" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" aria-label="${esc(label)}">`,
    `<title>${esc(label)}</title>`,
    `<line class="axis" x1="${LEFT / 2}" y1="${base + 0.5}" x2="${width - LEFT / 2}" y2="${base + 0.5}"></line>`,
  ];
  entries.forEach((e, i) => {
    const x0 = LEFT + i * (group + GROUP_GAP);
    const yearText = fill(S.yearLabel, e.year);
    out.push(`<g class="year" data-year="${e.year}">`);
    if (!e.report) {
      out.push(`<text class="gap" x="${x0 + group / 2}" y="${base - 4}" text-anchor="middle">${esc(S.noReport)}</text>`);
    } else {
      MEASURES.forEach((m, j) => {
        const v = e.report!.figures?.[m] ?? null;
        const x = x0 + j * (BAR + BAR_GAP);
        if (v === null) {
          out.push(`<text class="value missing" x="${x + BAR / 2}" y="${base - 3}" text-anchor="middle">—</text>`);
          return;
        }
        const h = Math.max(v > 0 ? 1 : 0, Math.round(v * scale * 10) / 10);
        out.push(
          `<rect class="bar ${m}" data-measure="${m}" data-year="${e.year}" data-value="${v}" x="${x}" y="${(base - h).toFixed(1)}" width="${BAR}" height="${h}"><title>${esc(`${yearText} ${S[m]}：${v}`)}</title></rect>`,
          `<text class="value" x="${x + BAR / 2}" y="${(base - h - 3).toFixed(1)}" text-anchor="middle">${v}</text>`,
        );
      });
    }
    out.push(`<text class="label" x="${x0 + group / 2}" y="${base + 16}" text-anchor="middle">${e.year}</text>`, '</g>');
  });
  out.push('</svg>');
  return out.join('\n');
}

// ---------------------------------------------------------------------------
// Style and (webview only) script

/**
 * Colours come from VS Code's theme variables in the webview and fall back to a light page
 * elsewhere; fonts are the system's (a CJK sans-serif for Chinese), nothing is loaded.
 */
const CSS = `
:root {
  --fg: var(--vscode-foreground, #1f2328);
  --bg: var(--vscode-editor-background, #ffffff);
  --muted: var(--vscode-descriptionForeground, #57606a);
  --line: var(--vscode-panel-border, #d0d7de);
  --head: var(--vscode-editorWidget-background, #f6f8fa);
  --link: var(--vscode-textLink-foreground, #0b57d0);
  --error: var(--vscode-errorForeground, #c62828);
  --warning: var(--vscode-editorWarning-foreground, #a15c00);
  --info: var(--vscode-editorInfo-foreground, #1565c0);
  --ok: var(--vscode-testing-iconPassed, #2e7d32);
  --received: var(--vscode-charts-blue, #3572b0);
  --granted: var(--vscode-charts-green, #2e8b57);
  --carriedOver: var(--vscode-charts-orange, #d97a1e);
}
* { box-sizing: border-box; }
body {
  margin: 0; padding: 16px 24px 32px; color: var(--fg); background: var(--bg);
  font-family: system-ui, -apple-system, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif;
  font-size: 14px; line-height: 1.6;
}
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15px; margin: 16px 0 6px; }
.summary { margin: 0; font-size: 15px; }
.generated, .years, .report-title, .empty { color: var(--muted); margin: 0 0 6px; }
a { color: var(--link); text-decoration: none; }
a:hover { text-decoration: underline; }
table { border-collapse: collapse; margin: 4px 0 12px; }
th, td { border: 1px solid var(--line); padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: var(--head); font-weight: 600; white-space: nowrap; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
table.reports { width: 100%; }
.wide { overflow-x: auto; }
table.reports td:nth-child(-n+5) { white-space: nowrap; }
.rule { display: inline-block; margin: 0 6px 2px 0; padding: 0 5px; border: 1px solid var(--line); border-radius: 3px; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; white-space: nowrap; }
.badge { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: 12px; font-weight: 600; white-space: nowrap; border: 1px solid currentColor; }
.badge.error, .sev.error { color: var(--error); }
.badge.warning, .sev.warning { color: var(--warning); }
.badge.info, .sev.info { color: var(--info); }
.badge.ok { color: var(--ok); }
.to-problems { font-size: 12px; margin-left: 6px; white-space: nowrap; }
.legend { margin: 4px 0 8px; }
.legend .key { margin-right: 16px; white-space: nowrap; }
.swatch { display: inline-block; width: 12px; height: 12px; margin-right: 4px; vertical-align: -1px; }
.swatch.received { background: var(--received); }
.swatch.granted { background: var(--granted); }
.swatch.carriedOver { background: var(--carriedOver); }
.agencies { display: flex; flex-wrap: wrap; gap: 12px 28px; }
.agency { break-inside: avoid; page-break-inside: avoid; min-width: 280px; }
.agency h3 { margin-top: 8px; }
svg.chart { display: block; overflow: visible; margin: 4px 0; color: var(--fg); }
svg.chart text { fill: currentColor; font-size: 11px; font-family: inherit; }
svg.chart text.gap, svg.chart text.missing { fill: var(--muted); }
svg.chart .axis { stroke: var(--muted); stroke-width: 1; }
svg.chart .bar.received { fill: var(--received); }
svg.chart .bar.granted { fill: var(--granted); }
svg.chart .bar.carriedOver { fill: var(--carriedOver); }
table.figures { font-size: 13px; }
.file { margin-bottom: 12px; }
ol.problems { margin: 4px 0; padding-left: 28px; }
ol.problems li { margin: 2px 0; }
.loc { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; white-space: nowrap; }
.sev { font-size: 12px; font-weight: 600; white-space: nowrap; }
.code { color: var(--muted); font-size: 12px; white-space: nowrap; }
@media print {
  :root { --fg: #000; --bg: #fff; --muted: #444; --line: #999; --head: #eee; --link: #000; }
  body { padding: 0; font-size: 10.5pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3 { break-after: avoid; page-break-after: avoid; }
  tr, li { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  a { text-decoration: none; }
  .to-problems { display: none; }
  .wide { overflow: visible; }
  table.reports td:nth-child(-n+5) { white-space: normal; }
  .swatch, svg.chart .bar { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`
  .trim()
  .replace(/\n\s*/g, '\n');

/** The webview's only script: a click on a problem's place (or a file's name) asks the extension to open it there. */
const SCRIPT = `(function () {
  var vscode = acquireVsCodeApi();
  document.addEventListener('click', function (e) {
    var t = e.target;
    var a = t && t.closest ? t.closest('a[data-file]') : null;
    if (!a) return;
    e.preventDefault();
    vscode.postMessage({ type: 'reveal', file: a.getAttribute('data-file'), line: Number(a.getAttribute('data-line')) || 1, column: Number(a.getAttribute('data-column')) || 1 });
  });
})();`;
