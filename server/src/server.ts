// The nianbao language server: thin LSP handlers over the pure core (core/src) and the pure editor
// services (core/src/service). Start with `node dist/server.js --stdio` (or over IPC from the client).

import {
  CodeActionKind,
  CompletionItemKind,
  InsertTextFormat,
  CodeLensRefreshRequest,
  DidChangeConfigurationNotification,
  DocumentDiagnosticReportKind,
  FoldingRangeKind,
  InlayHintKind,
  ProposedFeatures,
  SymbolKind,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
} from 'vscode-languageserver/node';
import type {
  CodeAction,
  CodeLens,
  CompletionItem,
  Diagnostic,
  DocumentDiagnosticReport,
  DocumentSymbol,
  FoldingRange,
  InitializeResult,
  InlayHint,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyEdits, checkDocument, fixAllDocument, layoutOf, readText, recompute } from '../../core/src';
import { completions, documentOutline, foldingSpans, hoverAt, inlayHints, tableLenses } from '../../core/src/service';
import type { OutlineItem } from '../../core/src/service';
import { AnalysisCache, REPORT_LANGUAGE, coreSettings, isChecked } from './analysis';
import type { Analysis } from './analysis';
import { intersects, positionsOf, sameRange, toDiagnostic, toRange, toTextEdit } from './convert';
import {
  CheckTextRequestMethod,
  RecomputeRequestMethod,
  ReportInfoRequestMethod,
} from './protocol';
import type { CheckTextParams, CheckTextResult, RecomputeResult, ReportInfo, UriParams } from './protocol';
import { SettingsCache } from './settings';

const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.nianbao`;
const RECOMPUTE_COMMAND = 'nianbao.recomputeTotals';
/** VS Code's own command that opens the Problems panel. */
const SHOW_PROBLEMS_COMMAND = 'workbench.actions.view.problems';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const settings = new SettingsCache(connection);
const cache = new AnalysisCache();

/** In onSave mode, the version whose diagnostics stand until the next save. */
const savedVersion = new Map<string, number>();
const lastReport = new Map<string, { resultId: string; items: Diagnostic[] }>();

let canRefreshDiagnostics = false;
let canRefreshInlayHints = false;
let canRefreshCodeLens = false;
let canRegisterConfiguration = false;

connection.onInitialize((params): InitializeResult => {
  const caps = params.capabilities;
  settings.supported = !!caps.workspace?.configuration;
  canRefreshDiagnostics = !!caps.workspace?.diagnostics?.refreshSupport;
  canRefreshInlayHints = !!caps.workspace?.inlayHint?.refreshSupport;
  canRefreshCodeLens = !!caps.workspace?.codeLens?.refreshSupport;
  canRegisterConfiguration = !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      diagnosticProvider: { identifier: 'nianbao', interFileDependencies: false, workspaceDiagnostics: false },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
      hoverProvider: true,
      inlayHintProvider: { resolveProvider: false },
      documentSymbolProvider: { label: '政务公开年报' },
      foldingRangeProvider: true,
      codeLensProvider: { resolveProvider: false },
      // 、 ends the ordinal of a heading (二、); ） that of a row label (（四）).
      completionProvider: { triggerCharacters: ['、', '）'], resolveProvider: false },
    },
    serverInfo: { name: 'nianbao' },
  };
});

connection.onInitialized(() => {
  if (canRegisterConfiguration) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'nianbao' });
  }
});

/** The analysis of an open document, or null when it is not a report nianbao should check. */
async function analyse(uri: string): Promise<Analysis | null> {
  const doc = documents.get(uri);
  if (!doc) return null;
  const s = await settings.get(uri);
  const current = documents.get(uri);
  if (!current) return null;
  if (!isChecked(current.languageId, current.getText(), s)) return null;
  return cache.analyse(uri, current.version, () => current.getText(), s);
}

// ---------------------------------------------------------------------------
// Diagnostics (pull)

connection.languages.diagnostics.on(async (params): Promise<DocumentDiagnosticReport> => {
  const uri = params.textDocument.uri;
  const doc = documents.get(uri);
  if (!doc) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
  const s = await settings.get(uri);
  const last = lastReport.get(uri);
  // onSave: between saves the diagnostics of the last saved (or opened) version stand.
  if (s.run === 'onSave' && last && savedVersion.has(uri) && savedVersion.get(uri) !== doc.version) {
    return params.previousResultId === last.resultId
      ? { kind: DocumentDiagnosticReportKind.Unchanged, resultId: last.resultId }
      : { kind: DocumentDiagnosticReportKind.Full, resultId: last.resultId, items: last.items };
  }
  const a = await analyse(uri);
  const items = a ? a.problems.map((p) => toDiagnostic(doc, p)) : [];
  const resultId = `${doc.version}:${settings.generation}`;
  lastReport.set(uri, { resultId, items });
  if (!savedVersion.has(uri)) savedVersion.set(uri, doc.version);
  return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
});

documents.onDidOpen((e) => savedVersion.set(e.document.uri, e.document.version));
documents.onDidSave((e) => savedVersion.set(e.document.uri, e.document.version));
documents.onDidClose((e) => {
  cache.delete(e.document.uri);
  settings.forget(e.document.uri);
  savedVersion.delete(e.document.uri);
  lastReport.delete(e.document.uri);
});

connection.onDidChangeConfiguration(() => {
  settings.clear();
  lastReport.clear();
  if (canRefreshDiagnostics) connection.languages.diagnostics.refresh();
  if (canRefreshInlayHints) void connection.languages.inlayHint.refresh();
  if (canRefreshCodeLens) void connection.sendRequest(CodeLensRefreshRequest.type);
});

// ---------------------------------------------------------------------------
// Code actions: quick fixes as edits, and fix-all

function kindRequested(only: string[] | undefined, kind: string): boolean {
  if (!only) return kind === CodeActionKind.QuickFix;
  return only.some((k) => k === '' || kind === k || kind.startsWith(`${k}.`));
}

connection.onCodeAction(async (params): Promise<CodeAction[]> => {
  const uri = params.textDocument.uri;
  const doc = documents.get(uri);
  const a = await analyse(uri);
  if (!doc || !a) return [];
  const only = params.context.only;
  const actions: CodeAction[] = [];
  if (kindRequested(only, CodeActionKind.QuickFix)) {
    for (const p of a.problems) {
      if (!p.fix) continue;
      const diagnostic = toDiagnostic(doc, p);
      const asked = params.context.diagnostics.some(
        (d) => d.code === p.code && sameRange(d.range, diagnostic.range),
      );
      if (!asked && !intersects(diagnostic.range, params.range)) continue;
      actions.push({
        title: p.fix.title,
        kind: CodeActionKind.QuickFix,
        isPreferred: p.fix.preferred,
        diagnostics: [diagnostic],
        edit: { changes: { [uri]: p.fix.edits.map((e) => toTextEdit(doc, e)) } },
      });
    }
  }
  if (only && kindRequested(only, FIX_ALL_KIND)) {
    const edits = fixAllDocument(a.doc, coreSettings(a.settings));
    if (edits.length) {
      actions.push({
        title: '修正全部可自动修正的问题（重新计算合计、规范标题）',
        kind: FIX_ALL_KIND,
        edit: { changes: { [uri]: edits.map((e) => toTextEdit(doc, e)) } },
      });
    }
  }
  return actions;
});

// ---------------------------------------------------------------------------
// Hover, inlay hints, symbols, folding, lenses

connection.onHover(async (params) => {
  const doc = documents.get(params.textDocument.uri);
  const a = await analyse(params.textDocument.uri);
  if (!doc || !a) return null;
  if (!a.doc.identity) return null; // spans of a page or crawler text are not the editor's
  const h = hoverAt(a.report, doc.offsetAt(params.position));
  return h ? { contents: { kind: 'markdown', value: h.markdown }, range: toRange(doc, h.span) } : null;
});

connection.languages.inlayHint.on(async (params): Promise<InlayHint[]> => {
  const doc = documents.get(params.textDocument.uri);
  const a = await analyse(params.textDocument.uri);
  if (!doc || !a || !a.settings.inlayHints) return [];
  const range = { start: doc.offsetAt(params.range.start), end: doc.offsetAt(params.range.end) };
  if (!a.doc.identity) return []; // spans of a page or crawler text are not the editor's
  return inlayHints(a.report, range).map((h) => ({
    position: doc.positionAt(h.offset),
    label: h.label,
    kind: InlayHintKind.Parameter,
    paddingLeft: true,
  }));
});

function toSymbol(doc: TextDocument, item: OutlineItem): DocumentSymbol {
  return {
    name: item.name,
    detail: item.detail,
    kind: item.kind === 'section' ? SymbolKind.Module : SymbolKind.Struct,
    range: toRange(doc, item.span),
    selectionRange: toRange(doc, item.selectionSpan),
    children: item.children.map((c) => toSymbol(doc, c)),
  };
}

connection.onDocumentSymbol(async (params) => {
  const doc = documents.get(params.textDocument.uri);
  // A Markdown report already has VS Code's own outline of its headings: a second one beside it
  // would list every section twice. Files of the language nianbao (*.nianbao.md too) get ours.
  if (doc?.languageId === 'markdown') return [];
  const a = await analyse(params.textDocument.uri);
  if (!doc || !a) return [];
  if (!a.doc.identity) return []; // spans of a page or crawler text are not the editor's
  return documentOutline(a.report).map((i) => toSymbol(doc, i));
});

connection.onFoldingRanges(async (params): Promise<FoldingRange[]> => {
  const doc = documents.get(params.textDocument.uri);
  const a = await analyse(params.textDocument.uri);
  if (!doc || !a) return [];
  const out: FoldingRange[] = [];
  if (!a.doc.identity) return out; // spans of a page or crawler text are not the editor's
  for (const f of foldingSpans(a.report)) {
    const startLine = doc.positionAt(f.span.start).line;
    const endLine = doc.positionAt(f.span.end).line;
    if (endLine > startLine) out.push({ startLine, endLine, kind: FoldingRangeKind.Region });
  }
  return out;
});

connection.onCodeLens(async (params): Promise<CodeLens[]> => {
  const doc = documents.get(params.textDocument.uri);
  const a = await analyse(params.textDocument.uri);
  if (!doc || !a || !a.settings.codeLens) return [];
  if (!a.doc.identity) return []; // spans of a page or crawler text are not the editor's
  return tableLenses(a.report, a.problems).map((l) => ({
    range: toRange(doc, l.span),
    command: l.recompute
      ? { title: l.title, command: RECOMPUTE_COMMAND, arguments: [doc.uri] }
      : l.showProblems
        ? { title: l.title, command: SHOW_PROBLEMS_COMMAND }
        : { title: l.title, command: '' },
  }));
});

connection.onCompletion(async (params): Promise<CompletionItem[]> => {
  const doc = documents.get(params.textDocument.uri);
  const a = await analyse(params.textDocument.uri);
  if (!doc || !a) return [];
  if (!a.doc.identity) return []; // spans of a page or crawler text are not the editor's
  return completions(a.report, doc.offsetAt(params.position)).map((c) => ({
    label: c.label,
    detail: c.detail,
    kind: c.kind === 'heading' ? CompletionItemKind.Module : c.kind === 'row' ? CompletionItemKind.Field : CompletionItemKind.Snippet,
    // Matched against what is typed from the start of the line (二、 → 二、主动公开政府信息情况).
    filterText: c.insertText.split('\n')[0],
    sortText: c.sortText,
    preselect: c.preselect || undefined,
    insertTextFormat: InsertTextFormat.PlainText,
    textEdit: { range: toRange(doc, c.span), newText: c.insertText },
  }));
});

// ---------------------------------------------------------------------------
// Custom requests (no LSP equivalent)

connection.onRequest(RecomputeRequestMethod, async (params: UriParams): Promise<RecomputeResult | null> => {
  const doc = documents.get(params.uri);
  if (!doc) return null;
  const s = await settings.get(params.uri);
  // Recompute is asked for explicitly, so it works even where detection would not check the file,
  // but only on a report with tables: null lets the client say plainly that this is not one.
  const read = cache.document(params.uri, doc.version, () => doc.getText());
  const report = read.report;
  if (!report.isReport || !report.tables.length) return null;
  if (!read.identity) {
    // A page or crawler text: only the digits of a total that map exactly are rewritten.
    const edits = fixAllDocument(read, { rules: { ...s.rules, 'section-heading': 'off', 'year-mismatch': 'off' } });
    return { version: doc.version, edits: edits.map((e) => toTextEdit(doc, e)), changes: [], remaining: [] };
  }
  const r = recompute(report, coreSettings(s));
  // The remaining problems point into the recomputed text.
  const after = positionsOf(applyEdits(doc.getText(), r.edits));
  return {
    version: doc.version,
    edits: r.edits.map((e) => toTextEdit(doc, e)),
    changes: r.changes.map((c) => ({ table: c.table, tableName: c.tableName, cell: c.cell, from: c.from, to: c.to, range: toRange(doc, c.span) })),
    remaining: r.remaining.map((p) => ({ code: p.code, message: p.message, range: toRange(after, p.span) })),
  };
});

connection.onRequest(ReportInfoRequestMethod, async (params: UriParams): Promise<ReportInfo | null> => {
  const a = await analyse(params.uri);
  if (!a) return { isReport: false, year: null, agency: null, format: null, errors: 0, warnings: 0, infos: 0 };
  const count = (sev: string) => a.problems.filter((p) => p.severity === sev).length;
  return {
    isReport: true,
    year: a.report.year,
    agency: a.report.agency,
    format: a.report.format,
    layout: layoutOf(a.doc),
    errors: count('error'),
    warnings: count('warning'),
    infos: count('info'),
  };
});

/** Files of the workspace that are not open: the client reads them, the server checks the text. */
connection.onRequest(CheckTextRequestMethod, async (params: CheckTextParams): Promise<CheckTextResult> => {
  const s = await settings.get(params.uri);
  const languageId = /\.nianbao\.(txt|md)$/i.test(params.uri) ? REPORT_LANGUAGE : 'plaintext';
  const text = params.text.charCodeAt(0) === 0xfeff ? params.text.slice(1) : params.text;
  if (!isChecked(languageId, text, s)) return { isReport: false, diagnostics: [] };
  const read = readText(text);
  const positions = positionsOf(text);
  return {
    isReport: true,
    diagnostics: checkDocument(read, coreSettings(s)).map((p) => toDiagnostic(positions, p)),
  };
});

/**
 * For the protocol tests only (NIANBAO_SERVER_STATS=1): how many times documents were parsed, to show
 * that hover, actions, symbols, lenses and commands reuse the parse of the current version.
 */
if (process.env.NIANBAO_SERVER_STATS === '1') {
  connection.onRequest('nianbao/stats', () => ({ parses: cache.parses }));
}

documents.listen(connection);
connection.listen();
