// The commands that re-lay or export a report: 转换表格排法 (`nianbao.convertLayout`), 导出为 Word 文档
// (`nianbao.exportDocx`) and 导出为网页 (`nianbao.exportHtml`). The server does the work
// (core/src/convert-layout.ts, the exporters' bundle dist/export.js); this file asks the user what to
// do, applies a conversion as one WorkspaceEdit (a single undo restores the document) and writes an
// export where the user chose.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ConvertLayoutRequestMethod, ExportRequestMethod } from '../../server/src/protocol';
import type { ConvertLayoutResult, ExportResult } from '../../server/src/protocol';

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
    vscode.commands.registerCommand('nianbao.exportDocx', (target?: string | vscode.Uri, uri?: string | vscode.Uri) => exportReport(client(), 'docx', target, uri)),
    vscode.commands.registerCommand('nianbao.exportHtml', (target?: string | vscode.Uri, uri?: string | vscode.Uri) => exportReport(client(), 'html', target, uri)),
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

// ---------------------------------------------------------------------------
// 导出为 Word 文档 / 导出为网页

export interface ExportOutcome {
  /** Where the file was written. */
  target: string;
  warnings: string[];
}

const asUri = (x: string | vscode.Uri) => (typeof x === 'string' ? (/^[a-z][a-z0-9+.-]+:/i.test(x) && !/^[a-z]:[\\/]/i.test(x) ? vscode.Uri.parse(x) : vscode.Uri.file(x)) : x);

/** The export's default place: beside the report, same name, the new extension (in the home folder for an untitled report). */
function defaultTarget(doc: vscode.TextDocument, ext: 'docx' | 'html'): vscode.Uri {
  const base = doc.uri.path.split('/').pop()!.replace(/\.nianbao(?=\.)/, '').replace(/\.[^.]*$/, '') || 'report';
  if (doc.uri.scheme === 'file') return vscode.Uri.joinPath(doc.uri, '..', `${base}.${ext}`);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder ? vscode.Uri.joinPath(folder, `${base}.${ext}`) : vscode.Uri.file(`${base}.${ext}`);
}

async function exportReport(client: LanguageClient | undefined, to: 'docx' | 'html', target?: string | vscode.Uri, arg?: string | vscode.Uri): Promise<ExportOutcome | undefined> {
  const uri = arg ? asUri(arg) : vscode.window.activeTextEditor?.document.uri;
  if (!uri || !client) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open an annual report first.'));
    return undefined;
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  let dest = target ? asUri(target) : undefined;
  if (!dest) {
    dest = await vscode.window.showSaveDialog({
      title: to === 'docx' ? vscode.l10n.t('Export as Word Document') : vscode.l10n.t('Export as Web Page'),
      defaultUri: defaultTarget(doc, to),
      filters: to === 'docx' ? { [vscode.l10n.t('Word document')]: ['docx'] } : { [vscode.l10n.t('Web page')]: ['html', 'htm'] },
    });
    if (!dest) return undefined;
  }
  if (dest.toString() === doc.uri.toString()) {
    void vscode.window.showErrorMessage(vscode.l10n.t('The export cannot replace the report itself. Choose another file.'));
    return undefined;
  }
  const result = await client.sendRequest<ExportResult | null>(ExportRequestMethod, { uri: doc.uri.toString(), to });
  if (!result) {
    void vscode.window.showWarningMessage(vscode.l10n.t('This document is not an annual report with statistical tables.'));
    return undefined;
  }
  try {
    await vscode.workspace.fs.writeFile(dest, Buffer.from(result.base64, 'base64'));
  } catch (e) {
    void vscode.window.showErrorMessage(vscode.l10n.t('The file could not be written: {0}', e instanceof Error ? e.message : String(e)));
    return undefined;
  }
  const where = dest.scheme === 'file' ? dest.fsPath : dest.toString();
  const message = vscode.l10n.t('Exported to {0}.', where);
  if (result.warnings.length) void vscode.window.showWarningMessage(`${message} ${result.warnings.join('；')}`);
  else void vscode.window.showInformationMessage(message);
  return { target: where, warnings: result.warnings };
}
