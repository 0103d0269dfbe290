// The nianbao extension: starts the language server and adds the commands that need the editor
// (recompute totals, new report, check workspace) and the language status item.
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
import type { CheckTextResult, RecomputeResult, ReportInfo } from '../../server/src/protocol';

const LANGUAGES = ['nianbao', 'plaintext', 'markdown'];
const SCHEMES = ['file', 'untitled'];
const SELECTOR: { language: string; scheme: string }[] = LANGUAGES.flatMap((language) => SCHEMES.map((scheme) => ({ language, scheme })));
const REPORT_FILES = '**/*.{txt,md}';
const EXCLUDED_FILES = '{**/node_modules/**,**/.git/**,**/out/**,**/dist/**}';
/** Enough for every report of a province's departments; stops a runaway search in a huge folder. */
const MAX_WORKSPACE_FILES = 5000;
/** How many changed cells the message after recompute lists by name before saying "…". */
const MAX_LISTED_CHANGES = 6;

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const outputChannel = vscode.window.createOutputChannel(vscode.l10n.t('Nianbao Annual Report'));
  const clientOptions: LanguageClientOptions = {
    documentSelector: SELECTOR,
    // No `synchronize`: the server registers for nianbao.* changes itself and pulls settings per document.
    diagnosticPullOptions: { onChange: true, onSave: true },
    outputChannel,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
  };
  client = new LanguageClient('nianbao', vscode.l10n.t('Nianbao Annual Report'), serverOptions, clientOptions);
  context.subscriptions.push(outputChannel);

  const workspaceDiagnostics = vscode.languages.createDiagnosticCollection('nianbao-workspace');
  context.subscriptions.push(
    workspaceDiagnostics,
    // Once a file is open, the language server's own (pulled) diagnostics take over.
    vscode.workspace.onDidOpenTextDocument((doc) => workspaceDiagnostics.delete(doc.uri)),
    vscode.commands.registerCommand('nianbao.recomputeTotals', (uri?: string | vscode.Uri) => recomputeTotals(uri)),
    vscode.commands.registerCommand('nianbao.newReport', (agency?: string, year?: number | string) => newReport(agency, year)),
    vscode.commands.registerCommand('nianbao.checkWorkspace', () => checkWorkspace(workspaceDiagnostics)),
  );
  await client.start();
  context.subscriptions.push(new StatusItem());
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

// ---------------------------------------------------------------------------
// nianbao.recomputeTotals

export interface RecomputeOutcome {
  changed: number;
  remaining: number;
  message: string;
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
    void vscode.window.showWarningMessage(vscode.l10n.t('This document is not checked as an annual report.'));
    return undefined;
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
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content });
  await vscode.window.showTextDocument(doc);
  return doc.uri;
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
        // Documents shown in the editor get their diagnostics from the server already.
        if (openInTab(uri)) {
          const diags = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'nianbao');
          if (diags.length) count(outcome, diags);
          continue;
        }
        const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        const text = open ? open.getText() : decode(await vscode.workspace.fs.readFile(uri));
        const r = await c.sendRequest<CheckTextResult>(CheckTextRequestMethod, { uri: uri.toString(), text });
        if (!r.isReport) continue;
        const diags = await c.protocol2CodeConverter.asDiagnostics(r.diagnostics);
        collection.set(uri, diags);
        count(outcome, diags);
      }
    },
  );
  void vscode.window.showInformationMessage(
    vscode.l10n.t('Checked {0} annual report(s) in {1} file(s): {2} error(s), {3} warning(s).', outcome.reports, outcome.files, outcome.errors, outcome.warnings),
  );
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

  constructor() {
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
    this.item.detail = vscode.l10n.t('{0} warning(s), {1} notice(s)', info.warnings, info.infos);
    this.item.severity = info.errors ? vscode.LanguageStatusSeverity.Error : vscode.LanguageStatusSeverity.Information;
  }

  dispose(): void {
    this.item?.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
