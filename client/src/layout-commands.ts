// The commands that re-lay or export a report's tables: 转换表格排法 (`nianbao.convertLayout`).
// The server does the work (core/src/convert-layout.ts); this file asks the user what to do and
// applies the result as one WorkspaceEdit, so a single undo restores the document.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ConvertLayoutRequestMethod } from '../../server/src/protocol';
import type { ConvertLayoutResult } from '../../server/src/protocol';

export type TargetLayout = 'cells' | 'rows' | 'markdown';
export type Scope = 'report' | 'table';

export interface ConvertOutcome {
  converted: string[];
  skipped: { tableName: string; reason: string }[];
  message: string;
}

export function registerLayoutCommands(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('nianbao.convertLayout', (to?: TargetLayout, scope?: Scope, uri?: string | vscode.Uri) => convertLayout(client(), to, scope, uri)),
  );
}

async function pickLayout(): Promise<TargetLayout | undefined> {
  const items: (vscode.QuickPickItem & { layout: TargetLayout })[] = [
    { layout: 'cells', label: vscode.l10n.t('One cell per line'), detail: vscode.l10n.t('As copied from a web page: each label and each number on a line of its own.') },
    { layout: 'rows', label: vscode.l10n.t('One row per line (tabs)'), detail: vscode.l10n.t('Cells separated by tabs: pastes into a Word or Excel table.') },
    { layout: 'markdown', label: vscode.l10n.t('Markdown table'), detail: vscode.l10n.t('Pipe tables, shown as tables in the Markdown preview.') },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Convert Table Layout'), placeHolder: vscode.l10n.t('Lay the tables out as…') });
  return picked?.layout;
}

async function pickScope(): Promise<Scope | undefined> {
  const items: (vscode.QuickPickItem & { scope: Scope })[] = [
    { scope: 'report', label: vscode.l10n.t('Every table of the report') },
    { scope: 'table', label: vscode.l10n.t('Only the table at the cursor') },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Convert Table Layout'), placeHolder: vscode.l10n.t('Which tables?') });
  return picked?.scope;
}

async function convertLayout(client: LanguageClient | undefined, to?: TargetLayout, scope?: Scope, arg?: string | vscode.Uri): Promise<ConvertOutcome | undefined> {
  const editor = vscode.window.activeTextEditor;
  const uri = typeof arg === 'string' ? vscode.Uri.parse(arg) : arg ?? editor?.document.uri;
  if (!uri || !client) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open an annual report first.'));
    return undefined;
  }
  to ??= await pickLayout();
  if (!to) return undefined;
  scope ??= await pickScope();
  if (!scope) return undefined;
  const doc = await vscode.workspace.openTextDocument(uri);
  const position = scope === 'table' && editor && editor.document.uri.toString() === doc.uri.toString() ? editor.selection.active : undefined;
  if (scope === 'table' && !position) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Put the cursor in a table first.'));
    return undefined;
  }
  const result = await client.sendRequest<ConvertLayoutResult | null>(ConvertLayoutRequestMethod, {
    uri: doc.uri.toString(),
    to,
    position: position ? { line: position.line, character: position.character } : undefined,
  });
  if (!result) {
    const message = vscode.l10n.t('This document is not an annual report with statistical tables.');
    void vscode.window.showWarningMessage(message);
    return { converted: [], skipped: [], message };
  }
  if (result.version !== doc.version) {
    void vscode.window.showWarningMessage(vscode.l10n.t('The document changed while the tables were converted. Please try again.'));
    return undefined;
  }
  if (result.edits.length) {
    // One WorkspaceEdit: a single undo restores every table.
    const edit = new vscode.WorkspaceEdit();
    for (const e of result.edits) edit.replace(doc.uri, client.protocol2CodeConverter.asRange(e.range), e.newText);
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showErrorMessage(vscode.l10n.t('The converted tables could not be written into the document.'));
      return undefined;
    }
  }
  if (result.skipped.length) void vscode.window.showWarningMessage(result.message);
  else void vscode.window.showInformationMessage(result.message);
  return { converted: result.converted, skipped: result.skipped, message: result.message };
}
