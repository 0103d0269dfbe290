// The table view (nianbao.showTables, docs/table-view.md): a webview beside the editor that draws
// 表二, 表三 and 表四 as printed, filled with the document's numbers. The grid and every value, problem
// and place come from the language server (nianbao/tables: the same parse as the diagnostics); this
// file only moves them between the editor and the webview, and turns an edit of a cell into one
// WorkspaceEdit of that cell's digits (one Ctrl+Z in the editor undoes it).
// Bundled apart (dist/tables.js) and loaded the first time the command runs, so activation stays small.

import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { TablesRequestMethod } from '../../server/src/protocol';
import type { TablesResult, TableViewCell } from '../../server/src/protocol';

/** After a change of the text, how long the view waits for typing to pause before it asks again. */
const DEBOUNCE_MS = 250;

/** What the webview may send. */
type FromView =
  | { type: 'ready' }
  | { type: 'reveal'; table: string; key: string }
  | { type: 'edit'; table: string; key: string; text: string }
  | { type: 'recompute' };

/** What the command returns (for the tests): the panel's document and the last data it showed. */
export interface TablesOutcome {
  uri: string;
  tables: number;
}

const panels = new Map<string, TablesPanel>();

export async function showTables(
  context: vscode.ExtensionContext,
  client: LanguageClient,
  arg?: string | vscode.Uri,
  table?: string,
): Promise<TablesOutcome | undefined> {
  const uri = typeof arg === 'string' ? vscode.Uri.parse(arg) : arg ?? vscode.window.activeTextEditor?.document.uri;
  if (!uri) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open an annual report first.'));
    return undefined;
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  const key = doc.uri.toString();
  let panel = panels.get(key);
  if (panel) panel.reveal(table);
  else {
    panel = new TablesPanel(context, client, doc, table);
    panels.set(key, panel);
  }
  const data = await panel.refresh();
  return { uri: key, tables: data?.tables.filter((t) => t.found).length ?? 0 };
}

/** Digits as the cell writes them: full-width cells stay full-width. */
function inWidth(text: string, fullWidth: boolean): string {
  return fullWidth ? text.replace(/[0-9.]/g, (c) => (c === '.' ? '．' : String.fromCharCode(c.charCodeAt(0) + 0xfee0))) : text;
}

/** What was typed, as ASCII digits, or null when it is not a number for the column. */
export function typedNumber(text: string, kind: string): string | null {
  const t = text.trim().replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[．。]/g, '.').replace(/[＋]/g, '+').replace(/[－−]/g, '-');
  const pattern = kind === 'decimal' ? /^\d+(\.\d+)?$/ : kind === 'signed' ? /^[+-]?\d+$/ : /^\d+$/;
  return pattern.test(t) ? t : null;
}

class TablesPanel implements vscode.Disposable {
  private readonly panel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private last: TablesResult | null = null;
  private ready = false;
  private disposed = false;
  private pendingTable: string | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly client: LanguageClient,
    private readonly doc: vscode.TextDocument,
    table: string | undefined,
  ) {
    this.pendingTable = table;
    const dist = vscode.Uri.joinPath(context.extensionUri, 'dist');
    this.panel = vscode.window.createWebviewPanel(
      'nianbao.tables',
      vscode.l10n.t('Tables: {0}', basename(doc.uri)),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      // The view keeps its own state (scroll, focus, a cell being typed in) while hidden.
      { enableScripts: true, localResourceRoots: [dist], retainContextWhenHidden: true },
    );
    this.panel.webview.html = this.html(dist);
    const uri = doc.uri.toString();
    this.disposables.push(
      this.panel.onDidDispose(() => this.dispose()),
      this.panel.webview.onDidReceiveMessage((m: FromView) => void this.onMessage(m)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === uri && e.contentChanges.length) this.schedule();
      }),
      // Settings and config files change the problems without changing the text.
      vscode.languages.onDidChangeDiagnostics((e) => {
        if (e.uris.some((u) => u.toString() === uri)) this.schedule();
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (d.uri.toString() === uri) this.panel.dispose();
      }),
    );
  }

  reveal(table: string | undefined): void {
    this.panel.reveal(vscode.ViewColumn.Beside, true);
    if (table) void this.panel.webview.postMessage({ type: 'scrollTo', table });
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), DEBOUNCE_MS);
  }

  /** Ask the server for the tables of the current version and hand them to the view. */
  async refresh(): Promise<TablesResult | null> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    let data: TablesResult | null;
    try {
      data = await this.client.sendRequest<TablesResult | null>(TablesRequestMethod, { uri: this.doc.uri.toString() });
    } catch {
      data = null;
    }
    // An answer for a version older than the one shown is dropped: a newer request follows it.
    if (data && this.last && data.version < this.last.version) return this.last;
    this.last = data;
    if (this.ready && !this.disposed) void this.panel.webview.postMessage({ type: 'data', data: data ?? { version: this.doc.version, isReport: false, tables: [] } });
    return data;
  }

  private cellOf(data: TablesResult | null, table: string, key: string): TableViewCell | undefined {
    return data?.tables.find((t) => t.id === table)?.cells[key];
  }

  private async onMessage(m: FromView): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.ready = true;
        void this.panel.webview.postMessage({ type: 'strings', strings: strings() });
        await this.refresh();
        if (this.pendingTable) void this.panel.webview.postMessage({ type: 'scrollTo', table: this.pendingTable });
        this.pendingTable = undefined;
        return;
      case 'reveal':
        return this.revealCell(m.table, m.key);
      case 'edit':
        return this.editCell(m.table, m.key, m.text);
      case 'recompute':
        await vscode.commands.executeCommand('nianbao.recomputeTotals', this.doc.uri);
        await this.refresh();
        return;
    }
  }

  /** The editor showing the document, shown (without taking the focus from the view) if none is. */
  private async editor(): Promise<vscode.TextEditor> {
    const uri = this.doc.uri.toString();
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri);
    if (visible) return visible;
    const column = this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
    return vscode.window.showTextDocument(this.doc, { viewColumn: column, preserveFocus: true });
  }

  private async revealCell(table: string, key: string): Promise<void> {
    const cell = this.cellOf(this.last, table, key);
    if (!cell?.range) return;
    const editor = await this.editor();
    const range = this.client.protocol2CodeConverter.asRange(cell.range);
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private async editCell(table: string, key: string, text: string): Promise<void> {
    const fail = (message: string) => {
      if (!this.disposed) void this.panel.webview.postMessage({ type: 'editFailed', table, key, message });
    };
    // The places are those of the version the edit applies to.
    const data = this.last && this.last.version === this.doc.version ? this.last : await this.refresh();
    const cell = this.cellOf(data, table, key);
    if (!data || !cell) return fail(vscode.l10n.t('The document changed; try again.'));
    if (!cell.range || !cell.editable) {
      return fail(cell.range ? vscode.l10n.t('This number cannot be changed from the table view in this layout: edit it in the document.') : vscode.l10n.t('This cell is not in the document (its row is missing or has the wrong number of cells): add it in the document first.'));
    }
    const typed = typedNumber(text, cell.kind);
    if (typed === null) return fail(vscode.l10n.t('“{0}” is not a number for this cell.', text.trim()));
    const newText = inWidth(typed, cell.fullWidth);
    if (newText === cell.raw) return;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(this.doc.uri, this.client.protocol2CodeConverter.asRange(cell.range), newText);
    if (data.version !== this.doc.version || !(await vscode.workspace.applyEdit(edit))) return fail(vscode.l10n.t('The document changed; try again.'));
    await this.refresh();
  }

  private html(dist: vscode.Uri): string {
    const nonce = makeNonce();
    const webview = this.panel.webview;
    const script = webview.asWebviewUri(vscode.Uri.joinPath(dist, 'tables-view.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(dist, 'tables-view.css'));
    const csp = [`default-src 'none'`, `style-src ${webview.cspSource}`, `script-src 'nonce-${nonce}'`, `font-src ${webview.cspSource}`].join('; ');
    const lang = vscode.env.language.toLowerCase().startsWith('zh') ? 'zh-CN' : vscode.env.language;
    return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}">
<title>${escapeHtml(vscode.l10n.t('Tables: {0}', basename(this.doc.uri)))}</title>
</head>
<body>
<div id="bar" class="bar"></div>
<main id="tables"></main>
<div id="tip" class="tip" role="tooltip" hidden></div>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    panels.delete(this.doc.uri.toString());
    for (const d of this.disposables) d.dispose();
    this.disposables.length = 0;
  }
}

/** The view's own words, in the user's language (l10n/bundle.l10n*.json). Table labels are the format's. */
function strings(): Record<string, string> {
  return {
    recompute: vscode.l10n.t('Recompute Totals'),
    shouldBe: vscode.l10n.t('Should be {0}'),
    couldBe: vscode.l10n.t('Could be {0}'),
    total: vscode.l10n.t('Total (the sum of other cells)'),
    missingTable: vscode.l10n.t('The report has no such table yet.'),
    absent: vscode.l10n.t('Not in the document'),
    readOnly: vscode.l10n.t('Edit this number in the document'),
    notReport: vscode.l10n.t('This document is not an annual report with statistical tables.'),
    legendTotal: vscode.l10n.t('Total'),
    legendProblem: vscode.l10n.t('Problem'),
    legendEntered: vscode.l10n.t('Entered'),
    help: vscode.l10n.t('Click a number to select it in the editor. Type to change it; Enter or Tab moves on, Escape cancels.'),
    problems: vscode.l10n.t('{0} problem(s)'),
    balanced: vscode.l10n.t('No problem in the tables'),
  };
}

function basename(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

/** A fresh nonce for each page: the only script the Content-Security-Policy lets run carries it. */
function makeNonce(): string {
  return randomBytes(18).toString('base64');
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}
