// The nianbao language server: thin LSP handlers over the pure core (core/src) and the pure editor
// services (core/src/service). Start with `node dist/server.js --stdio` (or over IPC from the client).

import {
  CodeActionKind,
  CompletionItemKind,
  InsertTextFormat,
  CodeLensRefreshRequest,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DiagnosticSeverity,
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
import * as path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { applyEdits, check, checkAcrossYears, checkDocument, checkRollUp, columnDef, fingerprints, fixAllDocument, groupSeries, layoutOf, placeIn, recompute, reportGrids, RULES, seriesMember } from '../../core/src';
import type { Document, Problem, Report, SeriesHints, SeriesMember, Settings } from '../../core/src';
import { SeriesIndex } from './series-index';
import { rollUpGroups } from '../../node/src/roll-up';
import { BaselineCache, acceptedFor, readBaseline, withFindings, writeBaseline, BaselineError } from '../../node/src/baseline';
import { completions, documentOutline, foldingSpans, hoverAt, inlayHints, tableLenses, tableViewLenses } from '../../core/src/service';
import type { OutlineItem } from '../../core/src/service';
import { AnalysisCache, REPORT_LANGUAGE, coreSettings, isChecked, readByLanguage, readByLanguageAsync } from './analysis';
import type { Analysis } from './analysis';
import { intersects, positionsOf, sameRange, toDiagnostic, toRange, toTextEdit } from './convert';
import type { OtherFile } from './convert';
import { convertTo2021, draftFromLastYear } from '../../core/src/draft';
import {
  ConvertTo2021RequestMethod,
  DraftFromLastYearRequestMethod,
  CheckTextRequestMethod,
  ConvertLayoutRequestMethod,
  ExportRequestMethod,
  RecomputeRequestMethod,
  ReportInfoRequestMethod,
  SeriesPageRequestMethod,
  TablesRequestMethod,
} from './protocol';
import type { CheckTextParams, CheckTextResult, ConvertLayoutParams, ConvertLayoutResult, ConvertTo2021Result, DraftFromLastYearParams, DraftFromLastYearResult, ExportParams, ExportResult, RecomputeResult, ReportInfo, SeriesPageParams, SeriesPageResult, TablesResult, TableViewCell, UriParams } from './protocol';
import { pageFigures, pageSeries, type PageReport } from '../../core/src/report-page-model';
import { decode } from '../../cli/src/io';
import * as fs from 'node:fs';
import { convertLayout, describeConversion, TEXT_LAYOUTS, type TextLayout } from '../../core/src/convert-layout';
import { SettingsCache } from './settings';
import { isLimitError } from '../../core/src/readers/limits';
import type { ConfigReport, NianbaoSettings } from './settings';

const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.nianbao`;
const RECOMPUTE_COMMAND = 'nianbao.recomputeTotals';
/** The client's command that opens the table view (docs/table-view.md). */
const SHOW_TABLES_COMMAND = 'nianbao.showTables';
/** Server-side command of the quick fix 接受此问题: records the finding in the baseline file. */
const ACCEPT_COMMAND = 'nianbao.acceptFinding';
/** VS Code's own command that opens the Problems panel. */
const SHOW_PROBLEMS_COMMAND = 'workbench.actions.view.problems';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const settings = new SettingsCache(connection);
const cache = new AnalysisCache((uri) => documents.get(uri)?.languageId ?? 'plaintext');

/** In onSave mode, the version whose diagnostics stand until the next save. */
const savedVersion = new Map<string, number>();
const lastReport = new Map<string, { resultId: string; items: Diagnostic[] }>();

let canRefreshDiagnostics = false;
let canRefreshInlayHints = false;
let canRefreshCodeLens = false;
let canRegisterConfiguration = false;
let canWatchFiles = false;
const baselines = new BaselineCache();
/** The folders of the workspace (paths), indexed for the cross-year rules. */
let workspaceFolders: string[] = [];

// ---------------------------------------------------------------------------
// The series of the workspace's reports (server/src/series-index.ts, core/src/series.ts)

/** The config's `series`/`agency` hints for a file (docs/config.md). */
function hintsFor(file: string | null): SeriesHints {
  if (!file) return {};
  const c = settings.configs.forDir(path.dirname(file));
  return c && !(c instanceof Error) ? { series: c.series, agency: c.agency } : {};
}

const index = new SeriesIndex(hintsFor, () => {
  // What another report's cross-year checks read changed: every open report is checked again.
  lastReport.clear();
  if (canRefreshDiagnostics) connection.languages.diagnostics.refresh();
});

function fileOf(uri: string): string | null {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : null;
  } catch {
    return null;
  }
}

/** The cross-year problems of a document read as `doc` (spans on its text), against the index. */
function acrossYears(uri: string, doc: Document, s: Settings, named: readonly SeriesMember[] = []): Problem[] {
  if (!doc.report.isReport) return [];
  const file = fileOf(uri);
  const me = seriesMember(uri, path.basename(file ?? uri), doc, hintsFor(file));
  if (me.year === null) return [];
  const out: Problem[] = [];
  // `named`: reports the caller has read itself (the series page), taken before the index's copy.
  const namedIds = new Set(named.map((m) => m.id));
  const others = (pick: (m: SeriesMember) => boolean, indexed: SeriesMember[]) => [...named.filter((m) => m.id !== uri && pick(m)), ...indexed.filter((m) => !namedIds.has(m.id))];
  if (me.key !== null) {
    const [series] = groupSeries([me, ...others((m) => m.key === me.key, index.membersOf(me.key, uri))]);
    if (series) out.push(...checkAcrossYears(me, placeIn(series, me), s));
  }
  // A report the config file says sums up others (`rollUp`): against the indexed reports of its year.
  const config = file ? settings.configs.forDir(path.dirname(file)) : null;
  if (file && config && !(config instanceof Error) && config.rollUp.length) {
    const candidates = [{ member: me, file }, ...others((m) => m.year === me.year, index.members().filter((m) => m.id !== uri && m.year === me.year)).map((m) => ({ member: m, file: fileOf(m.id) }))];
    for (const g of rollUpGroups(config, candidates, (c) => c.member === me)) out.push(...checkRollUp(g.total, g.parts, s));
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

/** Related information in another indexed report: its URI and the positions of its text. */
const otherFile: OtherFile = (file) => {
  const e = index.entry(file);
  return e ? { uri: e.uri, positions: positionsOf(e.text) } : undefined;
};

const acrossCache = new Map<string, { key: string; settings: NianbaoSettings; list: Problem[] }>();

/** The problems of an analysis and its cross-year problems, by position. */
function problemsOf(a: Analysis): Problem[] {
  const key = `${a.version}:${index.generation}`;
  let hit = acrossCache.get(a.uri);
  if (!hit || hit.key !== key || hit.settings !== a.settings) {
    const across = acrossYears(a.uri, a.doc, coreSettings(a.settings));
    const list = across.length ? [...a.problems, ...across].sort((x, y) => x.span.start - y.span.start) : a.problems;
    hit = { key, settings: a.settings, list };
    acrossCache.set(a.uri, hit);
  }
  return hit.list;
}

connection.onInitialize((params): InitializeResult => {
  const caps = params.capabilities;
  settings.supported = !!caps.workspace?.configuration;
  canRefreshDiagnostics = !!caps.workspace?.diagnostics?.refreshSupport;
  canRefreshInlayHints = !!caps.workspace?.inlayHint?.refreshSupport;
  canRefreshCodeLens = !!caps.workspace?.codeLens?.refreshSupport;
  canRegisterConfiguration = !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
  canWatchFiles = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  settings.trusted = (params.initializationOptions as { trusted?: unknown } | undefined)?.trusted === true;
  const folderUris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  workspaceFolders = folderUris.map(fileOf).filter((f): f is string => f !== null);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      // A report's diagnostics depend on last year's report (carry-over): interFileDependencies.
      diagnosticProvider: { identifier: 'nianbao', interFileDependencies: true, workspaceDiagnostics: false },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
      hoverProvider: true,
      inlayHintProvider: { resolveProvider: false },
      documentSymbolProvider: { label: '政务公开年报' },
      foldingRangeProvider: true,
      codeLensProvider: { resolveProvider: false },
      executeCommandProvider: { commands: [ACCEPT_COMMAND] },
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
  // .nianbao.json, the profiles it extends and the baseline are JSON files: any change is read again.
  // Report files too: the index of the workspace's reports is kept current (cross-year rules).
  if (canWatchFiles) {
    void connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [{ globPattern: '**/*.json' }, { globPattern: '**/*.{txt,md,html,htm}' }],
    });
  }
  void startIndex();
});

/** Index the workspace's reports in the background, under each folder's `files.exclude`. */
async function startIndex(): Promise<void> {
  const excludes = await Promise.all(
    workspaceFolders.map((f) =>
      settings.supported
        ? connection.workspace.getConfiguration({ scopeUri: pathToFileURL(f).href, section: 'files.exclude' }).then(
            (x: unknown) => (x && typeof x === 'object' ? (x as Record<string, unknown>) : {}),
            () => ({}),
          )
        : Promise.resolve({}),
    ),
  );
  await index.start(workspaceFolders, excludes);
}

/** How long a first diagnostics request waits for the index (later ones are refreshed when it is ready). */
const INDEX_WAIT_MS = 1500;

/** The analysis of an open document, or null when it is not a report nianbao should check. */
async function analyse(uri: string): Promise<Analysis | null> {
  const doc = documents.get(uri);
  if (!doc) return null;
  const s = await settings.get(uri);
  const current = documents.get(uri);
  if (!current) return null;
  if (!isChecked(current.languageId, current.getText(), s)) return null;
  const ready = await prepared(uri);
  return ready ? cache.analyse(uri, ready.version, () => ready.getText(), s) : null;
}

/**
 * The document once its current version is read (a page in a worker thread: meanwhile the server
 * answers for other documents); null when it was closed. A read overtaken by an edit starts again.
 */
async function prepared(uri: string): Promise<TextDocument | null> {
  for (;;) {
    const doc = documents.get(uri);
    if (!doc) return null;
    const ok = await cache.prepare(uri, doc.version, () => doc.getText());
    const now = documents.get(uri);
    if (!now) return null;
    if (ok && now.version === doc.version) return now;
  }
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
  if (a && !a.limit) {
    index.setOpen(uri, doc.getText(), a.doc);
    if (!index.isReady) await Promise.race([index.ready, new Promise((r) => setTimeout(r, INDEX_WAIT_MS))]);
  }
  const items = a?.limit
    ? [limitDiagnostic(a.limit)]
    : a ? newProblems(a, doc).map(({ problem, fingerprint }) => ({ ...toDiagnostic(doc, problem, rulesOf(a.settings), uri, otherFile), data: { fingerprint } })) : [];
  const resultId = `${doc.version}:${settings.generation}:${index.generation}`;
  lastReport.set(uri, { resultId, items });
  if (!savedVersion.has(uri)) savedVersion.set(uri, doc.version);
  return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
});

/** A document past one of the readers' limits: one error on its first line, naming the limit. */
function limitDiagnostic(message: string): Diagnostic {
  return { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Error, source: 'nianbao', code: 'limit', message };
}

documents.onDidOpen((e) => savedVersion.set(e.document.uri, e.document.version));
documents.onDidSave((e) => savedVersion.set(e.document.uri, e.document.version));
documents.onDidClose((e) => {
  cache.delete(e.document.uri);
  settings.forget(e.document.uri);
  savedVersion.delete(e.document.uri);
  lastReport.delete(e.document.uri);
  acrossCache.delete(e.document.uri);
  index.closeOpen(e.document.uri);
});

function settingsChanged(): void {
  settings.clear();
  lastReport.clear();
  if (canRefreshDiagnostics) connection.languages.diagnostics.refresh();
  if (canRefreshInlayHints) void connection.languages.inlayHint.refresh();
  if (canRefreshCodeLens) void connection.sendRequest(CodeLensRefreshRequest.type);
}

connection.onDidChangeConfiguration(settingsChanged);
connection.onDidChangeWatchedFiles((params) => {
  let config = false;
  for (const c of params.changes) {
    if (/\.jsonc?$/i.test(c.uri)) config = true;
    else index.fileChanged(c.uri);
  }
  if (config) settingsChanged();
});
/** The client tells when the user trusts the workspace: plugin rules may then run. */
connection.onNotification('nianbao/trust', (p: { trusted?: boolean }) => {
  settings.trusted = p?.trusted === true;
  settingsChanged();
});

// ---------------------------------------------------------------------------
// The config file's own diagnostics: one for an error that makes it unusable, one per plugin that
// could not be loaded. Published on the file (open or not), cleared when it is right again.

const configShown = new Map<string, string>();
settings.onConfig = (r: ConfigReport) => {
  const items: Diagnostic[] = [];
  if (r.error) {
    const line = r.error.line - 1;
    const character = r.error.column - 1;
    items.push({
      range: { start: { line, character }, end: { line, character: character + Math.max(1, r.error.length) } },
      severity: DiagnosticSeverity.Error,
      source: 'nianbao',
      message: `配置无效，未使用：${r.error.message}`,
    });
  }
  for (const w of r.warnings) items.push({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Warning, source: 'nianbao', message: w });
  const key = JSON.stringify(items);
  if (configShown.get(r.file) === key) return;
  configShown.set(r.file, key);
  void connection.sendDiagnostics({ uri: pathToFileURL(r.file).href, diagnostics: items });
};

// ---------------------------------------------------------------------------
// Accepted findings (docs/config.md): findings listed in the baseline are not shown.

/** The problems of an analysis that the baseline has not accepted, each with its fingerprint. */
function newProblems(a: Analysis, doc: TextDocument): { problem: Problem; fingerprint: string }[] {
  const problems = problemsOf(a);
  const prints = fingerprints(doc.getText(), problems);
  const all = problems.map((problem, i) => ({ problem, fingerprint: prints[i] }));
  const file = a.settings.baselineFile;
  if (!file || !a.uri.startsWith('file:')) return all;
  const accepted = acceptedFor(baselines.get(file).baseline, file, fileURLToPath(a.uri));
  return accepted.size ? all.filter((x) => !accepted.has(x.fingerprint)) : all;
}

function rulesOf(s: NianbaoSettings) {
  return s.extraRules?.length ? [...RULES, ...s.extraRules] : RULES;
}

interface AcceptArgs {
  uri: string;
  code: string;
  fingerprint: string;
  message: string;
  line: number;
}

connection.onExecuteCommand(async (params) => {
  if (params.command !== ACCEPT_COMMAND) return null;
  const arg = (params.arguments?.[0] ?? {}) as Partial<AcceptArgs>;
  if (!arg.uri || !arg.fingerprint || !arg.uri.startsWith('file:')) return null;
  const s = await settings.get(arg.uri);
  if (!s.baselineFile) return null;
  try {
    const current = readBaseline(s.baselineFile);
    const finding = { code: arg.code ?? '', fingerprint: arg.fingerprint, message: arg.message ?? '', line: arg.line ?? 0 };
    writeBaseline(s.baselineFile, withFindings(current, s.baselineFile, fileURLToPath(arg.uri), [finding], false));
  } catch (e) {
    const why = e instanceof BaselineError ? e.message : (e as Error).message;
    void connection.window.showErrorMessage(`无法写入基线文件 ${s.baselineFile}：${why}`);
    return null;
  }
  lastReport.clear();
  if (canRefreshDiagnostics) connection.languages.diagnostics.refresh();
  return { baseline: s.baselineFile };
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
    const accepting: CodeAction[] = [];
    for (const { problem: p, fingerprint } of newProblems(a, doc)) {
      const diagnostic = toDiagnostic(doc, p, rulesOf(a.settings), uri, otherFile);
      const asked = params.context.diagnostics.some(
        (d) => d.code === p.code && sameRange(d.range, diagnostic.range),
      );
      if (!asked && !intersects(diagnostic.range, params.range)) continue;
      // Where several cells are equally likely, one fix per candidate, none preferred.
      for (const fix of p.fix ? [p.fix, ...(p.alternativeFixes ?? [])] : []) {
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          isPreferred: fix.preferred,
          diagnostics: [diagnostic],
          edit: { changes: { [uri]: fix.edits.map((e) => toTextEdit(doc, e)) } },
        });
      }
      // Accepting a finding writes the baseline file, not the report: after the fixes in the menu.
      if (a.settings.baselineFile && uri.startsWith('file:')) {
        const args: AcceptArgs = { uri, code: p.code, fingerprint, message: p.message, line: diagnostic.range.start.line + 1 };
        accepting.push({
          title: `接受此问题（记入基线 ${path.basename(a.settings.baselineFile)}，不再提示）`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          command: { title: '接受此问题', command: ACCEPT_COMMAND, arguments: [args] },
        });
      }
    }
    actions.push(...accepting);
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
  const lenses: CodeLens[] = tableLenses(a.report, a.problems).map((l) => ({
    range: toRange(doc, l.span),
    command: l.recompute
      ? { title: l.title, command: RECOMPUTE_COMMAND, arguments: [doc.uri] }
      : l.showProblems
        ? { title: l.title, command: SHOW_PROBLEMS_COMMAND }
        : { title: l.title, command: '' },
  }));
  // The client gives this lens its title in the user's language (its middleware); this one is the fallback.
  for (const l of tableViewLenses(a.report)) {
    lenses.push({ range: toRange(doc, l.span), command: { title: '以表格查看', command: SHOW_TABLES_COMMAND, arguments: [doc.uri, l.table] } });
  }
  return lenses;
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
  const ready = await prepared(params.uri);
  if (!ready) return null;
  const read = cache.document(params.uri, ready.version, () => ready.getText());
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
  const count = (sev: string) => problemsOf(a).filter((p) => p.severity === sev).length;
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
  const languageId = /\.nianbao\.(txt|md)$/i.test(params.uri) ? REPORT_LANGUAGE : /\.html?$/i.test(params.uri) ? 'html' : 'plaintext';
  const text = params.text.charCodeAt(0) === 0xfeff ? params.text.slice(1) : params.text;
  if (!isChecked(languageId, text, s)) return { isReport: false, diagnostics: [] };
  let read: ReturnType<typeof readByLanguage>;
  try {
    read = await readByLanguageAsync(languageId, text);
  } catch (e) {
    if (!isLimitError(e)) throw e;
    return { isReport: true, diagnostics: [limitDiagnostic(e.message)] };
  }
  const positions = positionsOf(text);
  const own = checkDocument(read, coreSettings(s));
  const across = acrossYears(params.uri, read, coreSettings(s));
  const problems = across.length ? [...own, ...across].sort((x, y) => x.span.start - y.span.start) : own;
  const prints = fingerprints(text, problems);
  const accepted = s.baselineFile && params.uri.startsWith('file:') ? acceptedFor(baselines.get(s.baselineFile).baseline, s.baselineFile, fileURLToPath(params.uri)) : new Set<string>();
  return {
    isReport: true,
    diagnostics: problems.filter((_, i) => !accepted.has(prints[i])).map((p) => toDiagnostic(positions, p, rulesOf(s), params.uri, otherFile)),
  };
});

/**
 * The series page (年报汇总页, docs/series-page.md): each report named, checked as its diagnostics
 * are (cross-year rules against the index, accepted findings left out), with its charted figures,
 * and the series they form. The client draws the page (core/src/report-page.ts).
 */
connection.onRequest(SeriesPageRequestMethod, async (params: SeriesPageParams): Promise<SeriesPageResult> => {
  // First every report named is read, so that they form their series among themselves even where the
  // background index has not caught up yet (files just written); the index adds the others.
  const read: { uri: string; file: string | null; text: string; s: NianbaoSettings; doc: Document; member: SeriesMember }[] = [];
  for (const uri of params.uris) {
    const open = documents.get(uri);
    const file = fileOf(uri);
    let text = open?.getText() ?? index.entry(uri)?.text ?? null;
    if (text === null && file) {
      try {
        text = decode(fs.readFileSync(file), 'auto', file).text;
      } catch {
        text = null;
      }
    }
    if (text === null) continue;
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const s = await settings.get(uri);
    const languageId = open?.languageId ?? (/\.nianbao\.(txt|md)$/i.test(uri) ? REPORT_LANGUAGE : /\.html?$/i.test(uri) ? 'html' : 'plaintext');
    if (!isChecked(languageId, text, s)) continue;
    let doc: Document;
    try {
      doc = await readByLanguageAsync(languageId, text);
    } catch (e) {
      if (!isLimitError(e)) throw e;
      continue;
    }
    if (!doc.report.isReport) continue;
    read.push({ uri, file, text, s, doc, member: seriesMember(uri, path.basename(file ?? uri), doc, hintsFor(file)) });
  }
  const members = read.map((x) => x.member);
  const reports: PageReport[] = [];
  for (const { uri, file, text, s, doc } of read) {
    const own = checkDocument(doc, coreSettings(s));
    const across = acrossYears(uri, doc, coreSettings(s), members);
    const problems = across.length ? [...own, ...across].sort((x, y) => x.span.start - y.span.start) : own;
    const prints = fingerprints(text, problems);
    const accepted = s.baselineFile && file ? acceptedFor(baselines.get(s.baselineFile).baseline, s.baselineFile, file) : new Set<string>();
    const positions = positionsOf(text);
    const r = doc.report;
    reports.push({
      id: uri,
      display: uri,
      href: null,
      title: r.title ? r.title.text : null,
      agency: r.agency,
      year: r.year,
      format: r.format,
      layout: layoutOf(doc),
      figures: pageFigures(r),
      problems: problems
        .filter((_, i) => !accepted.has(prints[i]))
        .map((p) => {
          const at = positions.positionAt(p.span.start);
          return { code: p.code, severity: p.severity, message: p.message, line: at.line + 1, column: at.character + 1 };
        }),
    });
  }
  const ruleNames: Record<string, string> = {};
  for (const rule of RULES) ruleNames[rule.code] = rule.description;
  return { reports, series: pageSeries(groupSeries(members)), ruleNames };
});

/** 转换表格排法: the tables of a plain-text report re-laid (core/src/convert-layout.ts); null when the document is not a report. */
connection.onRequest(ConvertLayoutRequestMethod, (params: ConvertLayoutParams): ConvertLayoutResult | null => {
  const doc = documents.get(params.uri);
  if (!doc || !TEXT_LAYOUTS.includes(params.to as TextLayout)) return null;
  const read = cache.document(params.uri, doc.version, () => doc.getText());
  if (!read.report.isReport) return null;
  if (!read.identity) {
    return { version: doc.version, edits: [], converted: [], skipped: [], message: `只能转换纯文本年报的表格（每格一行、每行一行、Markdown 表格），这份文档的表格读作 ${layoutOf(read)}` };
  }
  const to = params.to as TextLayout;
  const r = convertLayout(read.report, { to, at: params.position ? doc.offsetAt(params.position) : undefined });
  return {
    version: doc.version,
    edits: r.edits.map((e) => toTextEdit(doc, e)),
    converted: r.converted,
    skipped: r.skipped.map((x) => ({ tableName: x.tableName, reason: x.reason })),
    message: describeConversion(r, to),
  };
});

/** The exporters' bundle (dist/export.js, with the `docx` package), loaded the first time a report is exported. */
type Exporters = { exportHtml(r: Report): string; exportDocx(r: Report): Promise<Uint8Array>; exportModel(r: Report): { warnings: string[] } };
let exporters: Exporters | null = null;

/** 导出为 Word 文档 / 导出为网页: the file's bytes; null when the document is not a report. */
connection.onRequest(ExportRequestMethod, async (params: ExportParams): Promise<ExportResult | null> => {
  const doc = documents.get(params.uri);
  if (!doc || (params.to !== 'docx' && params.to !== 'html')) return null;
  const read = cache.document(params.uri, doc.version, () => doc.getText());
  if (!read.report.isReport) return null;
  // A path esbuild leaves alone: the bundle is loaded from beside dist/server.js at run time.
  exporters ??= require(path.join(__dirname, 'export.js')) as Exporters;
  const bytes = params.to === 'docx' ? await exporters.exportDocx(read.report) : Buffer.from(exporters.exportHtml(read.report), 'utf8');
  return { base64: Buffer.from(bytes).toString('base64'), warnings: exporters.exportModel(read.report).warnings };
});

/**
 * The table view: the report's three tables as printed (core/src/grid.ts), filled from the parse the
 * diagnostics use, with each cell's place in the document. Asked for explicitly, so it answers on any
 * document the client sends (like recompute), not only where detection would check it.
 */
connection.onRequest(TablesRequestMethod, async (params: UriParams): Promise<TablesResult | null> => {
  const doc = documents.get(params.uri);
  if (!doc) return null;
  const s = await settings.get(params.uri);
  const a = cache.analyse(params.uri, doc.version, () => doc.getText(), s);
  if (!a.report.isReport) return { version: doc.version, isReport: false, tables: [] };
  // The grid places problems by the spans of the read text: a page's problems are those of its reading.
  const problems = a.doc.identity ? a.problems : check(a.report, coreSettings(s));
  const enabled = (rule: string) => s.rules?.[rule] !== 'off';
  const tables = reportGrids(a.report, problems, enabled).map((f) => {
    const def = a.report.tables.find((t) => t.id === f.grid.id)?.def ?? a.report.formatDef.tables[f.grid.id];
    const cells: Record<string, TableViewCell> = {};
    for (const [key, c] of Object.entries(f.cells)) {
      const source = c.span ? a.doc.exactSource(c.span) : null;
      // Outside plain text only digits that map one to one are rewritten (never in run-together text).
      const editable = !!c.span && (a.doc.identity || (!!source && source.end > source.start && a.doc.toSourceEdit({ ...c.span, newText: '0' }) !== null));
      cells[key] = {
        value: c.value,
        raw: c.raw,
        range: source ? toRange(doc, source) : null,
        fullWidth: c.fullWidth,
        total: c.total,
        editable,
        kind: (def && columnDef(def, c.ref.column)?.kind) ?? 'int',
        problems: c.problems,
        expected: c.expected,
        candidates: c.candidates,
      };
    }
    return {
      id: f.grid.id,
      shortName: f.grid.shortName,
      name: f.grid.name,
      width: f.grid.width,
      found: f.found,
      range: f.span ? toRange(doc, a.doc.toSource(f.span)) : null,
      rows: f.grid.rows,
      cells,
      rowProblems: f.rowProblems,
      tableProblems: f.tableProblems,
    };
  });
  return { version: doc.version, isReport: true, tables };
});

connection.onRequest(DraftFromLastYearRequestMethod, (params: DraftFromLastYearParams): DraftFromLastYearResult | null => {
  const doc = documents.get(params.uri);
  if (!doc) return null;
  const report = cache.document(params.uri, doc.version, () => doc.getText()).report;
  if (!report.isReport || (report.year === null && params.year === undefined)) return null;
  const year = params.year ?? report.year! + 1;
  // The new report is a *.nianbao.md file (nianbao.newReport's naming): Markdown tables.
  return { text: draftFromLastYear(report, { year, layout: 'markdown', eol: '\n' }), agency: report.agency, year };
});

connection.onRequest(ConvertTo2021RequestMethod, (params: UriParams): ConvertTo2021Result | null => {
  const doc = documents.get(params.uri);
  if (!doc) return null;
  const read = cache.document(params.uri, doc.version, () => doc.getText());
  if (!read.identity) return null; // a page or crawler text: its tables are not rewritten
  const c = convertTo2021(read.report);
  if (!c) return { version: doc.version, edits: [], flags: [] };
  return { version: doc.version, edits: c.edits.map((e) => toTextEdit(doc, e)), flags: c.flags.map((f) => `${f.table}${f.cell}：${f.reason}`) };
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
