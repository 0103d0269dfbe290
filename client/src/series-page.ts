// The series page in VS Code (年报汇总页, nianbao.showSeriesReport; offered after 检查工作区内全部年报):
// the language server checks the reports and forms their series (nianbao/seriesPage), this file draws
// the page with the core's writer (core/src/report-page.ts) in a webview with a strict
// Content-Security-Policy and a nonce, in the user's language, and opens a clicked problem's file at
// its line and column. docs/series-page.md.
// Bundled apart (dist/series-page.js) and loaded the first time the page is asked for, so activation
// stays small.

import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { buildReportPage, type PageStrings } from '../../core/src/report-page';
import { SeriesPageRequestMethod } from '../../server/src/protocol';
import type { SeriesPageResult } from '../../server/src/protocol';

/** What the webview may send. */
type FromView = { type: 'reveal'; file: string; line: number; column: number };

/** What the command returns (for the tests). */
export interface SeriesPageOutcome {
  reports: number;
  agencies: number;
  errors: number;
  warnings: number;
  /** The page as set in the webview. */
  html: string;
}

let panel: vscode.WebviewPanel | undefined;

/** The page's words through the extension's l10n bundles (English in the code, Chinese in bundle.l10n.zh-cn.json). */
function strings(): PageStrings {
  return {
    lang: vscode.env.language || 'en',
    title: vscode.l10n.t('Annual Reports Overview'),
    // The placeholders are filled by the page writer: handed through unchanged.
    summary: vscode.l10n.t('{0} report(s) of {1} agency(ies): {2} error(s), {3} warning(s), {4} note(s)', '{0}', '{1}', '{2}', '{3}', '{4}'),
    generated: vscode.l10n.t('Made at {0}', '{0}'),
    reportsHeading: vscode.l10n.t('Reports'),
    chartsHeading: vscode.l10n.t('Requests by agency and year'),
    problemsHeading: vscode.l10n.t('Problems'),
    byRuleHeading: vscode.l10n.t('By rule'),
    file: vscode.l10n.t('File'),
    agency: vscode.l10n.t('Agency'),
    year: vscode.l10n.t('Year'),
    format: vscode.l10n.t('Format'),
    status: vscode.l10n.t('Status'),
    errors: vscode.l10n.t('Errors'),
    warnings: vscode.l10n.t('Warnings'),
    infos: vscode.l10n.t('Notes'),
    byRule: vscode.l10n.t('Problems by rule'),
    rule: vscode.l10n.t('Rule'),
    count: vscode.l10n.t('Count'),
    statusError: vscode.l10n.t('Errors found'),
    statusWarning: vscode.l10n.t('Warnings found'),
    statusInfo: vscode.l10n.t('Notes only'),
    statusOk: vscode.l10n.t('No problem'),
    received: vscode.l10n.t('Received'),
    granted: vscode.l10n.t('Granted'),
    carriedOver: vscode.l10n.t('Carried over'),
    yearLabel: vscode.l10n.t('Year {0}', '{0}'),
    noReport: vscode.l10n.t('No report'),
    notFound: vscode.l10n.t('Not found'),
    noProblems: vscode.l10n.t('No problem found.'),
    noCharts: vscode.l10n.t('No report with an agency and a year to chart.'),
    unknown: vscode.l10n.t('Unknown'),
    chartTitle: vscode.l10n.t('{0}: requests received, granted and carried over', '{0}'),
    years: vscode.l10n.t('{0}–{1}, {2} report(s)', '{0}', '{1}', '{2}'),
    severityError: vscode.l10n.t('Error'),
    severityWarning: vscode.l10n.t('Warning'),
    severityInfo: vscode.l10n.t('Note'),
    toProblems: vscode.l10n.t('Problems'),
  };
}

/** Checks the reports (through the server), then shows the page; one panel, drawn anew each time. */
export async function showSeriesPage(client: LanguageClient, uris: readonly vscode.Uri[]): Promise<SeriesPageOutcome | undefined> {
  const model = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Making the overview of the annual reports…') },
    () => client.sendRequest<SeriesPageResult>(SeriesPageRequestMethod, { uris: uris.map((u) => u.toString()) }),
  );
  if (!model.reports.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No annual report found in the workspace.'));
    return undefined;
  }
  for (const r of model.reports) r.display = vscode.workspace.asRelativePath(vscode.Uri.parse(r.id));
  if (panel) panel.reveal(vscode.ViewColumn.Active);
  else {
    panel = vscode.window.createWebviewPanel('nianbao.seriesPage', vscode.l10n.t('Annual Reports Overview'), vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [],
      retainContextWhenHidden: true,
    });
    panel.onDidDispose(() => (panel = undefined));
    panel.webview.onDidReceiveMessage((m: FromView) => void reveal(m));
  }
  const nonce = randomBytes(16).toString('base64').replace(/[^A-Za-z0-9]/g, '');
  const html = buildReportPage(model, { webview: { nonce }, strings: strings() });
  panel.webview.html = html;
  const all = model.reports.flatMap((r) => r.problems);
  return {
    reports: model.reports.length,
    agencies: model.series.length,
    errors: all.filter((p) => p.severity === 'error').length,
    warnings: all.filter((p) => p.severity === 'warning').length,
    html,
  };
}

/** Opens the file of a clicked problem at its line and column (1-based in the page), beside the page. */
async function reveal(m: FromView): Promise<void> {
  if (m?.type !== 'reveal' || typeof m.file !== 'string') return;
  const line = Math.max(0, (Number(m.line) || 1) - 1);
  const character = Math.max(0, (Number(m.column) || 1) - 1);
  const at = new vscode.Position(line, character);
  try {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(m.file));
    await vscode.window.showTextDocument(doc, { selection: new vscode.Range(at, at), viewColumn: vscode.ViewColumn.Beside, preview: false });
  } catch (e) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Cannot open {0}: {1}', m.file, (e as Error).message));
  }
}
