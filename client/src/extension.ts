// The nianbao extension: starts the language server and adds the commands that need the editor
// (recompute totals, fix all, new report, check workspace), the language status item, the context key
// `nianbao.isReport` that shows the report commands only on reports, the offer to switch a plain-text
// report to the 政务公开年报 mode, the offer to reopen a mis-decoded GB18030 report, and the rendered,
// read-only rule pages behind the links in the Problems panel.
// Everything about reports is decided by the server; this file only talks to VS Code.

import * as vscode from 'vscode';
import { LanguageClient, RevealOutputChannelOn, TransportKind } from 'vscode-languageclient/node';
import type { LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { template } from '../../core/src/template';
import {
  CheckTextRequestMethod,
  RecomputeRequestMethod,
  ReportInfoRequestMethod,
} from '../../server/src/protocol';
import type { CheckTextResult, ConvertTo2021Result, DraftFromLastYearResult, RecomputeResult, ReportInfo } from '../../server/src/protocol';
import { ConvertTo2021RequestMethod, DraftFromLastYearRequestMethod } from '../../server/src/protocol';
import { registerLayoutCommands } from './layout-commands';

const LANGUAGES = ['nianbao', 'plaintext', 'markdown', 'html'];
const SCHEMES = ['file', 'untitled'];
const SELECTOR: { language: string; scheme: string }[] = LANGUAGES.flatMap((language) => SCHEMES.map((scheme) => ({ language, scheme })));
const REPORT_FILES = '**/*.{txt,md}';
const EXCLUDED_FILES = '{**/node_modules/**,**/.git/**,**/out/**,**/dist/**}';
/** Enough for every report of a province's departments; stops a runaway search in a huge folder. */
const MAX_WORKSPACE_FILES = 5000;
/** How many changed cells the message after recompute lists by name before saying "…". */
const MAX_LISTED_CHANGES = 6;
/** Context key: the active editor holds a document the server checks as a report. */
const IS_REPORT_KEY = 'nianbao.isReport';
const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('nianbao');
/** Read-only documents of the rule pages (docs/rules/CODE.md), shown rendered. */
const RULE_SCHEME = 'nianbao-rule';
/** globalState key: per file URI, the answer to the offer to switch to the nianbao language (asked once). */
const MODE_ANSWERS = 'nianbao.modeAnswers';
/** globalState key: file URIs whose offer to reopen as GB18030 was declined. */
const ENCODING_DECLINED = 'nianbao.encodingDeclined';

let client: LanguageClient | undefined;

/**
 * Changes to the environment the language server starts in (the client adds them to its own).
 * The server never opens a network connection (README, "Limits"; the offline test proves it), so it
 * has no use for extra CA certificates: where `NODE_EXTRA_CA_CERTS` is set, Node reads and parses
 * that whole file before running any code, which alone made every server start about 40 ms slower
 * (ARCHITECTURE.md, "Speed"). `npm run bench` starts the server with the same change.
 */
const SERVER_ENV: NodeJS.ProcessEnv = { NODE_EXTRA_CA_CERTS: undefined };

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { env: SERVER_ENV } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { env: SERVER_ENV, execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const outputChannel = vscode.window.createOutputChannel(vscode.l10n.t('Nianbao Annual Report'));
  const clientOptions: LanguageClientOptions = {
    documentSelector: SELECTOR,
    // No `synchronize`: the server registers for nianbao.* changes and JSON file changes itself and pulls
    // settings per document.
    diagnosticPullOptions: { onChange: true, onSave: true },
    // Plugin rules of a .nianbao.json are code: the server loads them only in a trusted workspace.
    initializationOptions: { trusted: vscode.workspace.isTrusted },
    outputChannel,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    middleware: {
      // The server links each code to its page in the extension folder (file:); the editor shows it
      // through a read-only scheme, rendered (see RulePages), not as an editable Markdown file.
      // The lens that opens the table view is named in the user's language.
      provideCodeLenses: async (doc, token, next) => {
        const lenses = await next(doc, token);
        for (const l of lenses ?? []) if (l.command?.command === 'nianbao.showTables') l.command.title = vscode.l10n.t('$(table) Show as Table');
        return lenses;
      },
      provideDiagnostics: async (doc, previousResultId, token, next) => {
        const report = await next(doc, previousResultId, token);
        if (report && 'items' in report && report.items) for (const d of report.items) rulePageLink(d);
        return report;
      },
    },
  };
  client = new LanguageClient('nianbao', vscode.l10n.t('Nianbao Annual Report'), serverOptions, clientOptions);
  context.subscriptions.push(outputChannel);

  const workspaceDiagnostics = vscode.languages.createDiagnosticCollection('nianbao-workspace');
  context.subscriptions.push(
    workspaceDiagnostics,
    // Once a file is open, the language server's own (pulled) diagnostics take over.
    vscode.workspace.onDidOpenTextDocument((doc) => workspaceDiagnostics.delete(doc.uri)),
    vscode.commands.registerCommand('nianbao.recomputeTotals', (uri?: string | vscode.Uri) => recomputeTotals(uri)),
    vscode.commands.registerCommand('nianbao.fixAll', (uri?: string | vscode.Uri) => fixAllCommand(uri)),
    vscode.commands.registerCommand('nianbao.newReport', (agency?: string, year?: number | string) => newReport(agency, year)),
    vscode.commands.registerCommand('nianbao.checkWorkspace', () => checkWorkspace(workspaceDiagnostics)),
    vscode.commands.registerCommand('nianbao.importDocx', (uri?: vscode.Uri) => importDocx(uri)),
    vscode.commands.registerCommand('nianbao.showTables', (uri?: string | vscode.Uri, table?: string) => showTables(context, uri, table)),
    vscode.commands.registerCommand('nianbao.newReportFromLastYear', (uri?: string | vscode.Uri, year?: number) => newReportFromLastYear(uri, year)),
    vscode.commands.registerCommand('nianbao.convertTo2021', (uri?: string | vscode.Uri) => convertTo2021Command(uri)),
    vscode.commands.registerCommand('nianbao.showSeriesReport', () => showSeriesReport(context)),
    // Not in the palette: the buttons of the two offers call them, and the tests.
    vscode.commands.registerCommand('nianbao.reopenAsGb18030', (uri?: vscode.Uri) => reopenAsGb18030(uri)),
    vscode.commands.registerCommand('nianbao.useReportMode', (uri?: vscode.Uri) => useReportMode(context, uri)),
    new RulePages(context),
  );
  registerLayoutCommands(context, () => client);
  await client.start();
  context.subscriptions.push(
    new StatusItem(context),
    new EncodingCheck(context),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.sendNotification('nianbao/trust', { trusted: true })),
  );
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

// ---------------------------------------------------------------------------
// nianbao.showTables: the table view, a bundle of its own (dist/tables.js) loaded on first use

async function showTables(context: vscode.ExtensionContext, uri?: string | vscode.Uri, table?: string): Promise<unknown> {
  if (!client) return undefined;
  // A path esbuild leaves alone: the module is loaded from beside dist/client.js when the command runs.
  const view = require(context.asAbsolutePath('dist/tables.js')) as typeof import('./tables');
  return view.showTables(context, client, uri, table);
}

// ---------------------------------------------------------------------------
// nianbao.showSeriesReport: the series page (docs/series-page.md), a bundle of its own
// (dist/series-page.js, with the page writer) loaded on first use

async function showSeriesReport(context: vscode.ExtensionContext): Promise<unknown> {
  if (!client) return undefined;
  if (!vscode.workspace.workspaceFolders?.length) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open a folder with annual reports first.'));
    return undefined;
  }
  const uris = await vscode.workspace.findFiles(REPORT_FILES, EXCLUDED_FILES, MAX_WORKSPACE_FILES);
  uris.sort((a, b) => (a.toString() < b.toString() ? -1 : a.toString() > b.toString() ? 1 : 0));
  const page = require(context.asAbsolutePath('dist/series-page.js')) as typeof import('./series-page');
  return page.showSeriesPage(client, uris);
}

// ---------------------------------------------------------------------------
// nianbao.recomputeTotals

export interface RecomputeOutcome {
  changed: number;
  remaining: number;
  message: string;
  /** The document is not a report: nothing was done. */
  notReport?: boolean;
}

async function recomputeTotals(arg?: string | vscode.Uri): Promise<RecomputeOutcome | undefined> {
  const uri = typeof arg === 'string' ? vscode.Uri.parse(arg) : arg ?? vscode.window.activeTextEditor?.document.uri;
  if (!uri || !client) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open an annual report first.'));
    return undefined;
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  const result = await client.sendRequest<RecomputeResult | null>(RecomputeRequestMethod, { uri: doc.uri.toString() });
  if (!result) {
    const message = vscode.l10n.t('This document is not an annual report with statistical tables (no report title or table found): there are no totals to recompute.');
    void vscode.window.showWarningMessage(message);
    return { changed: 0, remaining: 0, message, notReport: true };
  }
  if (result.version !== doc.version) {
    void vscode.window.showWarningMessage(vscode.l10n.t('The document changed while the totals were computed. Please try again.'));
    return undefined;
  }
  if (result.edits.length) {
    // One WorkspaceEdit: a single undo step restores every cell.
    const edit = new vscode.WorkspaceEdit();
    for (const e of result.edits) edit.replace(doc.uri, client.protocol2CodeConverter.asRange(e.range), e.newText);
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showErrorMessage(vscode.l10n.t('The totals could not be written into the document.'));
      return undefined;
    }
  }
  const parts: string[] = [];
  if (result.changes.length) {
    const listed = result.changes
      .slice(0, MAX_LISTED_CHANGES)
      .map((c) => vscode.l10n.t('{0} {1}: {2} → {3}', c.tableName, c.cell, c.from, c.to));
    const more = result.changes.length > MAX_LISTED_CHANGES ? vscode.l10n.t(' and {0} more', result.changes.length - MAX_LISTED_CHANGES) : '';
    parts.push(vscode.l10n.t('Recomputed {0} total(s): {1}{2}.', result.changes.length, listed.join(vscode.l10n.t('; ')), more));
  } else {
    parts.push(vscode.l10n.t('All totals were already correct.'));
  }
  if (result.remaining.length) {
    parts.push(
      vscode.l10n.t(
        '{0} balance problem(s) remain; an input number is wrong and must be checked: {1}',
        result.remaining.length,
        result.remaining.map((p) => p.message).join('；'),
      ),
    );
  } else {
    parts.push(vscode.l10n.t('The table balances.'));
  }
  const message = parts.join(' ');
  // Not awaited: the message stays until dismissed, the command is done.
  if (result.remaining.length) void vscode.window.showWarningMessage(message);
  else void vscode.window.showInformationMessage(message);
  return { changed: result.changes.length, remaining: result.remaining.length, message };
}

// ---------------------------------------------------------------------------
// nianbao.importDocx

interface DocxReader {
  readDocx(bytes: Uint8Array): import('../../core/src').Reading;
  draftOf(r: import('../../core/src').Reading): string;
}
let docxReader: DocxReader | undefined;

/**
 * 导入 Word 年报: a `.docx` becomes an editable draft `<name>.nianbao.md` (pipe tables) beside it,
 * opened in the editor; the draft checks the same as the Word file. The Word reader is a bundle of
 * its own (dist/docx.js), loaded the first time this runs. Returns the draft's URI.
 */
export async function importDocx(uri?: vscode.Uri, overwrite?: boolean): Promise<vscode.Uri | undefined> {
  if (!uri) {
    const picked = await vscode.window.showOpenDialog({
      title: vscode.l10n.t('Import Word Report'),
      canSelectMany: false,
      filters: { [vscode.l10n.t('Word documents')]: ['docx'] },
      openLabel: vscode.l10n.t('Import'),
    });
    if (!picked?.length) return undefined;
    uri = picked[0];
  }
  let draft: string;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    docxReader ??= require(require('node:path').join(__dirname, 'docx.js')) as DocxReader;
    const bytes = await vscode.workspace.fs.readFile(uri);
    draft = docxReader.draftOf(docxReader.readDocx(bytes));
  } catch (e) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Cannot import {0}: {1}', uri.path.split('/').pop() ?? '', (e as Error).message));
    return undefined;
  }
  const target = uri.with({ path: uri.path.replace(/\.docx$/i, '') + '.nianbao.md' });
  if (!overwrite && (await exists(target))) {
    const replace = vscode.l10n.t('Replace');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('{0} already exists. Replace it with a new draft?', target.path.split('/').pop() ?? ''),
      { modal: true },
      replace,
    );
    if (answer !== replace) return undefined;
  }
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(draft));
  const doc = await vscode.workspace.openTextDocument(target);
  await vscode.window.showTextDocument(doc);
  return target;
}

// ---------------------------------------------------------------------------
// nianbao.newReport

const FIRST_REPORT_YEAR = 2008; // the first year of the 2008 regulations' annual reports

function validYear(value: string): boolean {
  const y = Number(value);
  return /^\d{4}$/.test(value.trim()) && y >= FIRST_REPORT_YEAR && y <= new Date().getFullYear();
}

async function newReport(agency?: string, year?: number | string): Promise<vscode.Uri | undefined> {
  if (agency === undefined) {
    agency = await vscode.window.showInputBox({
      title: vscode.l10n.t('New Annual Report'),
      prompt: vscode.l10n.t('Name of the agency, as it appears in the title'),
      placeHolder: vscode.l10n.t('e.g. 某某市某某局'),
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Enter the name of the agency.')),
    });
    if (agency === undefined) return undefined;
  }
  if (year === undefined) {
    const lastYear = String(new Date().getFullYear() - 1);
    const answer = await vscode.window.showInputBox({
      title: vscode.l10n.t('New Annual Report'),
      prompt: vscode.l10n.t('Year the report covers'),
      value: lastYear,
      ignoreFocusOut: true,
      validateInput: (v) => (validYear(v) ? undefined : vscode.l10n.t('Enter a year between {0} and {1}.', FIRST_REPORT_YEAR, new Date().getFullYear())),
    });
    if (answer === undefined) return undefined;
    year = answer;
  }
  const content = template({ agency: agency.trim(), year: Number(year) });
  // An untitled document that already has its file name (in the workspace folder when there is one):
  // Save suggests 〈机关〉〈年〉年度政府信息公开工作年度报告.nianbao.md, not the first line of the text.
  const target = await untitledReportUri(reportFileName(agency, Number(year)));
  const doc = await vscode.workspace.openTextDocument(target);
  const editor = await vscode.window.showTextDocument(doc);
  if (doc.languageId !== 'nianbao') await vscode.languages.setTextDocumentLanguage(doc, 'nianbao');
  await editor.edit((b) => b.insert(new vscode.Position(0, 0), content));
  editor.selection = new vscode.Selection(0, 0, 0, 0);
  return doc.uri;
}

// ---------------------------------------------------------------------------
// nianbao.newReportFromLastYear, nianbao.convertTo2021 (core/src/draft.ts, through the server)

/** This year's draft from last year's report (the active editor's, or one picked): an untitled .nianbao.md. */
async function newReportFromLastYear(arg?: string | vscode.Uri, year?: number): Promise<vscode.Uri | undefined> {
  let uri = typeof arg === 'string' ? vscode.Uri.parse(arg) : arg ?? vscode.window.activeTextEditor?.document.uri;
  if (!uri) {
    const picked = await vscode.window.showOpenDialog({
      title: vscode.l10n.t('Report of the previous year'),
      canSelectMany: false,
      filters: { [vscode.l10n.t('Annual reports')]: ['txt', 'md', 'html', 'htm'] },
    });
    uri = picked?.[0];
  }
  if (!uri || !client) return undefined;
  const last = await vscode.workspace.openTextDocument(uri);
  const draft = await client.sendRequest<DraftFromLastYearResult | null>(DraftFromLastYearRequestMethod, { uri: last.uri.toString(), year });
  if (!draft) {
    void vscode.window.showWarningMessage(vscode.l10n.t('This document is not an annual report with a year in its title: no draft can be made from it.'));
    return undefined;
  }
  const target = await untitledReportUri(reportFileName(draft.agency ?? '', draft.year));
  const doc = await vscode.workspace.openTextDocument(target);
  const editor = await vscode.window.showTextDocument(doc);
  if (doc.languageId !== 'nianbao') await vscode.languages.setTextDocumentLanguage(doc, 'nianbao');
  await editor.edit((b) => b.insert(new vscode.Position(0, 0), draft.text));
  editor.selection = new vscode.Selection(0, 0, 0, 0);
  return doc.uri;
}

/** The report's 2019 tables rewritten in the 2021 format, in one undo step; the cells to fill are listed. */
async function convertTo2021Command(arg?: string | vscode.Uri): Promise<{ edits: number; flags: string[] } | undefined> {
  const uri = typeof arg === 'string' ? vscode.Uri.parse(arg) : arg ?? vscode.window.activeTextEditor?.document.uri;
  if (!uri || !client) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open an annual report first.'));
    return undefined;
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  const r = await client.sendRequest<ConvertTo2021Result | null>(ConvertTo2021RequestMethod, { uri: doc.uri.toString() });
  if (!r || !r.edits.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No tables in the 2019 format to convert (a web page or crawler text is not rewritten).'));
    return { edits: 0, flags: [] };
  }
  if (r.version !== doc.version) {
    void vscode.window.showWarningMessage(vscode.l10n.t('The document changed meanwhile. Please try again.'));
    return undefined;
  }
  const edit = new vscode.WorkspaceEdit();
  for (const e of r.edits) edit.replace(doc.uri, new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character), e.newText);
  await vscode.workspace.applyEdit(edit);
  void vscode.window.showInformationMessage(
    vscode.l10n.t('The tables are now in the 2021 format. Fill in by hand: {0}', r.flags.length ? r.flags.join('；') : vscode.l10n.t('nothing')),
  );
  return { edits: r.edits.length, flags: r.flags };
}

/** The file name of a new report: the title's words, no characters a file system refuses. */
export function reportFileName(agency: string, year: number): string {
  const safe = agency.trim().replace(/[\\/:*?"<>|\u0000-\u001f]/g, '').replace(/\s+/g, '');
  return `${safe}${year}年度政府信息公开工作年度报告.nianbao.md`;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

async function untitledReportUri(name: string): Promise<vscode.Uri> {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file')?.uri;
  if (!folder) return vscode.Uri.from({ scheme: 'untitled', path: name });
  // Never name a file that is already there: 报告 (2).nianbao.md and so on.
  const stem = name.slice(0, -'.nianbao.md'.length);
  for (let n = 1; ; n++) {
    const candidate = vscode.Uri.joinPath(folder, n === 1 ? name : `${stem} (${n}).nianbao.md`);
    const open = vscode.workspace.textDocuments.some((d) => d.uri.path === candidate.path);
    if (!open && !(await exists(candidate))) return candidate.with({ scheme: 'untitled' });
  }
}

// ---------------------------------------------------------------------------
// nianbao.fixAll: the source.fixAll.nianbao action from the command palette

export interface FixAllOutcome {
  edits: number;
  message: string;
}

async function fixAllCommand(arg?: string | vscode.Uri): Promise<FixAllOutcome | undefined> {
  const uri = typeof arg === 'string' ? vscode.Uri.parse(arg) : arg ?? vscode.window.activeTextEditor?.document.uri;
  if (!uri) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open an annual report first.'));
    return undefined;
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  const whole = new vscode.Range(0, 0, doc.lineCount, 0);
  const actions =
    (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, whole, FIX_ALL_KIND.value)) ?? [];
  const action = actions.find((a) => a.kind && FIX_ALL_KIND.contains(a.kind) && a.edit);
  const count = action?.edit?.get(doc.uri).length ?? 0;
  let message: string;
  if (!action?.edit || !count) {
    message = vscode.l10n.t('Nothing to fix automatically: the totals and the headings are already right.');
    void vscode.window.showInformationMessage(message);
    return { edits: 0, message };
  }
  if (!(await vscode.workspace.applyEdit(action.edit))) {
    message = vscode.l10n.t('The fixes could not be written into the document.');
    void vscode.window.showErrorMessage(message);
    return undefined;
  }
  message = vscode.l10n.t('Fixed {0} place(s) (totals recomputed, headings made canonical). One undo restores them.', count);
  void vscode.window.showInformationMessage(message);
  return { edits: count, message };
}

// ---------------------------------------------------------------------------
// nianbao.checkWorkspace

export interface WorkspaceCheckOutcome {
  files: number;
  reports: number;
  errors: number;
  warnings: number;
}

function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Reports saved by Windows tools in China are often GB18030.
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function openInTab(uri: vscode.Uri): boolean {
  const key = uri.toString();
  return vscode.window.tabGroups.all.some((g) =>
    g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === key),
  );
}

async function checkWorkspace(collection: vscode.DiagnosticCollection): Promise<WorkspaceCheckOutcome | undefined> {
  if (!client) return undefined;
  const c = client;
  if (!vscode.workspace.workspaceFolders?.length) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open a folder with annual reports first.'));
    return undefined;
  }
  const outcome: WorkspaceCheckOutcome = { files: 0, reports: 0, errors: 0, warnings: 0 };
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking annual reports…'), cancellable: true },
    async (progress, token) => {
      const uris = await vscode.workspace.findFiles(REPORT_FILES, EXCLUDED_FILES, MAX_WORKSPACE_FILES, token);
      collection.clear();
      for (const uri of uris) {
        if (token.isCancellationRequested) break;
        outcome.files++;
        progress.report({ message: vscode.workspace.asRelativePath(uri), increment: 100 / uris.length });
        // Every count comes from the server. An open document is checked there already, as the editor
        // shows it (a report without problems counts too); one the editor decoded wrongly (U+FFFD, e.g.
        // GB18030 read as UTF-8) or does not send to the server is checked from its bytes instead.
        const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        if (open && vscode.languages.match(SELECTOR, open) && !open.getText().includes('\ufffd')) {
          const info = await c.sendRequest<ReportInfo | null>(ReportInfoRequestMethod, { uri: uri.toString() }).catch(() => null);
          if (info?.isReport) {
            outcome.reports++;
            outcome.errors += info.errors;
            outcome.warnings += info.warnings;
          }
          if (info) continue;
        }
        const text = decode(await vscode.workspace.fs.readFile(uri));
        const r = await c.sendRequest<CheckTextResult>(CheckTextRequestMethod, { uri: uri.toString(), text });
        if (!r.isReport) continue;
        const diags = await c.protocol2CodeConverter.asDiagnostics(r.diagnostics);
        for (const d of diags) rulePageLink(d);
        // Shown unless the server shows the open document's own diagnostics.
        if (!openInTab(uri) || open?.getText().includes('\ufffd')) collection.set(uri, diags);
        count(outcome, diags);
      }
    },
  );
  // The series page is offered with the result (not awaited: the command returns its counts at once).
  const openPage = vscode.l10n.t('Open Overview Page');
  void vscode.window
    .showInformationMessage(
      vscode.l10n.t('Checked {0} annual report(s) in {1} file(s): {2} error(s), {3} warning(s).', outcome.reports, outcome.files, outcome.errors, outcome.warnings),
      ...(outcome.reports ? [openPage] : []),
    )
    .then((choice) => {
      if (choice === openPage) void vscode.commands.executeCommand('nianbao.showSeriesReport');
    });
  if (outcome.errors + outcome.warnings) void vscode.commands.executeCommand('workbench.actions.view.problems');
  return outcome;
}

function count(outcome: WorkspaceCheckOutcome, diags: readonly vscode.Diagnostic[]): void {
  outcome.reports++;
  outcome.errors += diags.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
  outcome.warnings += diags.filter((d) => d.severity === vscode.DiagnosticSeverity.Warning).length;
}

// ---------------------------------------------------------------------------
// Language status item: year, format, error count of the active report

class StatusItem implements vscode.Disposable {
  private item: vscode.LanguageStatusItem | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private pending = 0;
  private isReport: boolean | undefined;

  constructor(private readonly context: vscode.ExtensionContext) {
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => void this.update()),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && e.uris.some((u) => u.toString() === active)) void this.update();
      }),
    );
    void this.update();
  }

  private async update(): Promise<void> {
    const ticket = ++this.pending;
    const doc = vscode.window.activeTextEditor?.document;
    let info: ReportInfo | null = null;
    if (doc && client && vscode.languages.match(SELECTOR, doc)) {
      info = await client.sendRequest<ReportInfo | null>(ReportInfoRequestMethod, { uri: doc.uri.toString() }).catch(() => null);
    }
    if (ticket !== this.pending) return;
    const isReport = !!(doc && info?.isReport);
    if (isReport !== this.isReport) {
      this.isReport = isReport;
      void vscode.commands.executeCommand('setContext', IS_REPORT_KEY, isReport);
    }
    if (doc && isReport && doc.languageId === 'plaintext') void offerReportMode(this.context, doc);
    if (!doc || !info?.isReport) {
      this.item?.dispose();
      this.item = undefined;
      return;
    }
    if (!this.item) {
      this.item = vscode.languages.createLanguageStatusItem('nianbao.status', SELECTOR);
      this.item.name = vscode.l10n.t('Annual report');
      this.item.command = { command: 'workbench.actions.view.problems', title: vscode.l10n.t('Show Problems') };
    }
    const year = info.year ? vscode.l10n.t('{0} report', info.year) : vscode.l10n.t('Year unknown');
    const format = info.format ? vscode.l10n.t('{0} format', info.format) : vscode.l10n.t('no table found');
    const errors = vscode.l10n.t('{0} error(s)', info.errors);
    this.item.text = `${year} · ${format} · ${errors}`;
    const layouts: Record<string, string> = {
      cells: vscode.l10n.t('one cell per line'),
      rows: vscode.l10n.t('one row per line'),
      markdown: vscode.l10n.t('Markdown table'),
      html: vscode.l10n.t('web page (HTML)'),
      'run-together': vscode.l10n.t('crawler text, cells run together'),
    };
    const layout = info.layout ? layouts[info.layout] ?? info.layout : undefined;
    this.item.detail =
      vscode.l10n.t('{0} warning(s), {1} notice(s)', info.warnings, info.infos) + (layout ? ` · ${vscode.l10n.t('tables read as: {0}', layout)}` : '');
    this.item.severity = info.errors ? vscode.LanguageStatusSeverity.Error : vscode.LanguageStatusSeverity.Information;
  }

  dispose(): void {
    this.item?.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

// ---------------------------------------------------------------------------
// A plain-text report: offer once per file to switch it to the 政务公开年报 mode (remembered)

type ModeAnswer = 'switch' | 'keep';
const asked = new Set<string>();

function modeAnswers(context: vscode.ExtensionContext): Record<string, ModeAnswer> {
  return context.globalState.get<Record<string, ModeAnswer>>(MODE_ANSWERS) ?? {};
}

async function offerReportMode(context: vscode.ExtensionContext, doc: vscode.TextDocument): Promise<void> {
  const key = doc.uri.toString();
  if (modeAnswers(context)[key] || asked.has(key)) return;
  asked.add(key);
  const use = vscode.l10n.t('Switch to 政务公开年报');
  const keep = vscode.l10n.t('Keep Plain Text');
  const choice = await vscode.window.showInformationMessage(
    vscode.l10n.t(
      '{0} is a government information-disclosure annual report. Switch it to the 政务公开年报 mode? Long lines wrap, full-width punctuation is not marked as confusable, and headings and table rows are completed.',
      vscode.workspace.asRelativePath(doc.uri),
    ),
    use,
    keep,
  );
  if (choice === use) await useReportMode(context, doc.uri);
  else if (choice === keep) await context.globalState.update(MODE_ANSWERS, { ...modeAnswers(context), [key]: 'keep' });
}

/**
 * Switches a document to the nianbao language and remembers that for its file the way VS Code does:
 * a `files.associations` entry for its path in the user settings, so that it opens in the 政务公开年报
 * mode from then on (the user can see and remove it there).
 */
async function useReportMode(context: vscode.ExtensionContext, uri?: vscode.Uri): Promise<boolean> {
  const doc = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
  if (!doc) return false;
  await context.globalState.update(MODE_ANSWERS, { ...modeAnswers(context), [doc.uri.toString()]: 'switch' });
  if (doc.uri.scheme === 'file') {
    const files = vscode.workspace.getConfiguration('files');
    const associations = files.inspect<Record<string, string>>('associations')?.globalValue ?? {};
    // A pattern with a path separator matches the whole path; glob characters in it are escaped.
    const pattern = doc.uri.fsPath.replace(/[[\]{}*?]/g, (c) => `[${c}]`);
    await files.update('associations', { ...associations, [pattern]: 'nianbao' }, vscode.ConfigurationTarget.Global);
  }
  await vscode.languages.setTextDocumentLanguage(doc, 'nianbao');
  return true;
}

// ---------------------------------------------------------------------------
// A GB18030/GBK report opened as UTF-8 shows as mojibake and is not recognised: offer to reopen it

class EncodingCheck implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly context: vscode.ExtensionContext) {
    this.subscriptions.push(vscode.window.onDidChangeActiveTextEditor((e) => e && void this.check(e.document)));
    const active = vscode.window.activeTextEditor;
    if (active) void this.check(active.document);
  }

  private async check(doc: vscode.TextDocument): Promise<void> {
    if (doc.uri.scheme !== 'file' || !['plaintext', 'markdown', 'nianbao'].includes(doc.languageId)) return;
    const key = doc.uri.toString();
    // Only text the editor could not decode: U+FFFD stands where its bytes were not UTF-8.
    if (this.seen.has(key) || !doc.getText(new vscode.Range(0, 0, 200, 0)).includes('\ufffd')) return;
    this.seen.add(key);
    if ((this.context.globalState.get<string[]>(ENCODING_DECLINED) ?? []).includes(key)) return;
    const bytes = await vscode.workspace.fs.readFile(doc.uri);
    let text: string;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      return; // valid UTF-8 after all: the replacement characters are in the file itself
    } catch {
      text = new TextDecoder('gb18030').decode(bytes);
    }
    if (!client) return;
    const r = await client.sendRequest<CheckTextResult>(CheckTextRequestMethod, { uri: key, text }).catch(() => null);
    if (!r?.isReport) return;
    const reopen = vscode.l10n.t('Reopen as GB18030');
    const never = vscode.l10n.t('Not for this file');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('{0} looks like an annual report saved in GB18030/GBK, shown as garbled text and left unchecked. Reopen it as GB18030?', vscode.workspace.asRelativePath(doc.uri)),
      reopen,
      never,
    );
    if (choice === reopen) await reopenAsGb18030(doc.uri);
    else if (choice === never) {
      await this.context.globalState.update(ENCODING_DECLINED, [...(this.context.globalState.get<string[]>(ENCODING_DECLINED) ?? []), key]);
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

/** Reopens a file decoded as GB18030 (VS Code 1.100+: openTextDocument with an encoding). */
async function reopenAsGb18030(uri?: vscode.Uri): Promise<vscode.TextDocument | undefined> {
  const target = uri ?? vscode.window.activeTextEditor?.document.uri;
  if (!target) return undefined;
  const open = vscode.workspace.openTextDocument as unknown as (u: vscode.Uri, o: { encoding: string }) => Thenable<vscode.TextDocument>;
  try {
    const doc = await open(target, { encoding: 'gb18030' });
    await vscode.window.showTextDocument(doc);
    return doc;
  } catch {
    // An older VS Code: let the user pick the encoding in its own dialog.
    await vscode.commands.executeCommand('workbench.action.editor.changeEncoding');
    return undefined;
  }
}

// ---------------------------------------------------------------------------
// Rule pages: the link of each diagnostic's code opens the page rendered and read-only

/** Points a diagnostic's code link at the read-only rule page (nianbao-rule:/CODE.md). */
function rulePageLink(d: vscode.Diagnostic): void {
  if (d.code && typeof d.code === 'object' && d.code.target.scheme === 'file' && /\/docs\/rules\/[a-z-]+\.md$/.test(d.code.target.path)) {
    d.code = { value: d.code.value, target: vscode.Uri.from({ scheme: RULE_SCHEME, path: `/${String(d.code.value)}.md` }) };
  }
}

class RulePages implements vscode.Disposable, vscode.TextDocumentContentProvider {
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly context: vscode.ExtensionContext) {
    this.subscriptions.push(
      vscode.workspace.registerTextDocumentContentProvider(RULE_SCHEME, this),
      // The link opens a (read-only) text editor; it is replaced by the Markdown preview of the page.
      vscode.window.onDidChangeActiveTextEditor((e) => e && e.document.uri.scheme === RULE_SCHEME && void this.render(e.document.uri)),
    );
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const code = uri.path.replace(/^\//, '').replace(/\.md$/, '');
    if (!/^[a-z-]+$/.test(code)) return '';
    const page = vscode.Uri.joinPath(this.context.extensionUri, 'docs', 'rules', `${code}.md`);
    try {
      return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(page));
    } catch {
      return `# ${code}\n\n${vscode.l10n.t('No page for this rule.')}\n`;
    }
  }

  private async render(uri: vscode.Uri): Promise<void> {
    const shown = await vscode.commands.executeCommand('markdown.showPreview', uri).then(
      () => true,
      () => false,
    );
    if (!shown) return; // no Markdown preview: the read-only text stays
    for (const g of vscode.window.tabGroups.all) {
      for (const t of g.tabs) {
        if (t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString()) await vscode.window.tabGroups.close(t);
      }
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
