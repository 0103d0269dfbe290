// A minimal LSP client for the protocol tests: starts the bundled server (`node dist/server.js --stdio`)
// as its own process and speaks JSON-RPC to it with vscode-jsonrpc. It answers the server's
// requests (workspace/configuration, refreshes, registrations) the way an editor would.

import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { StreamMessageReader, StreamMessageWriter, createMessageConnection } from 'vscode-jsonrpc/node';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import type {
  CodeAction,
  CodeLens,
  Diagnostic,
  DocumentDiagnosticReport,
  DocumentSymbol,
  FoldingRange,
  Hover,
  InitializeResult,
  InlayHint,
  Position,
  Range,
  TextDocumentContentChangeEvent,
  TextEdit,
} from 'vscode-languageserver-protocol';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const SERVER = path.join(ROOT, 'dist', 'server.js');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures');

/** How long a test waits for the server to ask for a refresh before failing. */
const REFRESH_TIMEOUT_MS = 5000;

export type SettingsFor = (scopeUri: string | undefined) => unknown;

export class LspClient {
  readonly connection: MessageConnection;
  readonly versions = new Map<string, number>();
  readonly texts = new Map<string, string>();
  stderr = '';
  refreshes = 0;
  configurationRequests = 0;
  /** The last diagnostics the server pushed for each URI (the config file's own diagnostics). */
  readonly published = new Map<string, Diagnostic[]>();
  private refreshWaiters: (() => void)[] = [];
  capabilities: InitializeResult['capabilities'] | undefined;

  private constructor(private readonly proc: ChildProcessWithoutNullStreams, public settingsFor: SettingsFor) {
    proc.stderr.on('data', (d) => (this.stderr += String(d)));
    this.connection = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
    this.connection.onRequest('workspace/configuration', (params: { items: { scopeUri?: string; section?: string }[] }) => {
      this.configurationRequests++;
      return params.items.map((item) => (item.section === 'nianbao' ? this.settingsFor(item.scopeUri) : null));
    });
    this.connection.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshes++;
      const waiters = this.refreshWaiters;
      this.refreshWaiters = [];
      waiters.forEach((w) => w());
      return null;
    });
    this.connection.onRequest('workspace/inlayHint/refresh', () => null);
    this.connection.onRequest('workspace/codeLens/refresh', () => null);
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.onNotification('window/showMessage', () => undefined);
    this.connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => {
      this.published.set(p.uri, p.diagnostics);
    });
    this.connection.listen();
  }

  /** `options.trusted` is what the extension sends as initializationOptions (workspace trust). */
  static async start(settingsFor: SettingsFor = () => ({}), options: { trusted?: boolean } = {}): Promise<LspClient> {
    const proc = spawn(process.execPath, [SERVER, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, NIANBAO_SERVER_STATS: '1' },
    });
    const client = new LspClient(proc, settingsFor);
    const result = await client.connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(FIXTURES).href,
      workspaceFolders: [{ uri: pathToFileURL(FIXTURES).href, name: 'fixtures' }],
      initializationOptions: { trusted: options.trusted === true },
      capabilities: {
        workspace: {
          configuration: true,
          didChangeConfiguration: { dynamicRegistration: true },
          diagnostics: { refreshSupport: true },
          inlayHint: { refreshSupport: true },
          codeLens: { refreshSupport: true },
        },
        textDocument: {
          synchronization: { didSave: true, dynamicRegistration: false },
          diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          codeAction: {
            codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
            isPreferredSupport: true,
          },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          foldingRange: {},
          inlayHint: {},
          codeLens: {},
        },
      },
    });
    client.capabilities = result.capabilities;
    await client.connection.sendNotification('initialized', {});
    return client;
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    this.connection.dispose();
    if (this.proc.exitCode === null) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.proc.kill();
          resolve();
        }, 2000);
        this.proc.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async open(uri: string, languageId: string, text: string): Promise<void> {
    this.versions.set(uri, 1);
    this.texts.set(uri, text);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    this.texts.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Incremental edits, applied to the local copy too (in order, each against the result of the previous). */
  async change(uri: string, edits: TextEdit[]): Promise<string> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    let text = this.texts.get(uri) ?? '';
    const contentChanges: TextDocumentContentChangeEvent[] = [];
    for (const e of edits) {
      text = applyTextEdits(text, [e]);
      contentChanges.push({ range: e.range, text: e.newText });
    }
    this.texts.set(uri, text);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
    return text;
  }

  async save(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
  }

  async pull(uri: string, previousResultId?: string): Promise<DocumentDiagnosticReport> {
    return this.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', {
      textDocument: { uri },
      previousResultId,
    });
  }

  async diagnostics(uri: string): Promise<Diagnostic[]> {
    const r = await this.pull(uri);
    if (r.kind !== 'full') throw new Error(`expected a full report, got ${r.kind}`);
    return r.items;
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    return this.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range,
      context: { diagnostics, only, triggerKind: 1 },
    });
  }

  symbols(uri: string): Promise<DocumentSymbol[]> {
    return this.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
  }

  folding(uri: string): Promise<FoldingRange[]> {
    return this.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri } });
  }

  lenses(uri: string): Promise<CodeLens[]> {
    return this.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } });
  }

  inlayHints(uri: string, range: Range): Promise<InlayHint[]> {
    return this.connection.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest<R>(method, params);
  }

  /** Changes the settings the client answers with, tells the server, and waits for its refresh request. */
  async changeSettings(settingsFor: SettingsFor): Promise<void> {
    this.settingsFor = settingsFor;
    const refreshed = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no workspace/diagnostic/refresh from the server')), REFRESH_TIMEOUT_MS);
      this.refreshWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await refreshed;
  }
}

// ---------------------------------------------------------------------------
// Text helpers, independent of the core under test

export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

export function offsetOf(text: string, p: Position): number {
  const starts = lineStartsOf(text);
  return starts[p.line] + p.character;
}

export function positionOf(text: string, offset: number): Position {
  const starts = lineStartsOf(text);
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
  return { line, character: offset - starts[line] };
}

export function rangeOf(text: string, start: number, end: number): Range {
  return { start: positionOf(text, start), end: positionOf(text, end) };
}

/** Applies non-overlapping edits (any order) to a text. */
export function applyTextEdits(text: string, edits: TextEdit[]): string {
  const abs = edits
    .map((e) => ({ start: offsetOf(text, e.range.start), end: offsetOf(text, e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of abs) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** The line index of the first line whose trimmed text is `label` (after `from`). */
export function lineOf(text: string, label: string, from = 0): number {
  const lines = text.split('\n');
  for (let i = from; i < lines.length; i++) if (lines[i].trim() === label) return i;
  throw new Error(`no line ${label}`);
}

/**
 * One-cell-per-line layout: the range of the number in the `index`-th cell after the row label
 * (cells are the next non-blank lines), padding excluded.
 */
export function cellRange(text: string, rowLabel: string, index: number, from = 0): Range {
  const lines = text.split('\n');
  const starts = lineStartsOf(text);
  let line = lineOf(text, rowLabel, from);
  let seen = -1;
  while (seen < index) {
    line++;
    if (lines[line].trim() !== '') seen++;
  }
  const m = /[0-9０-９]+(?:\.[0-9]+)?/.exec(lines[line])!;
  return rangeOf(text, starts[line] + m.index, starts[line] + m.index + m[0].length);
}

/** Markdown pipe table: the range of cell `index` (0 = label) of the row whose label is `rowLabel`. */
export function mdCellRange(text: string, rowLabel: string, index: number): Range {
  const starts = lineStartsOf(text);
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.startsWith('|') && l.split('|')[1]?.trim() === rowLabel);
  if (line < 0) throw new Error(`no row ${rowLabel}`);
  let pos = 0;
  for (let k = 0; k <= index; k++) pos = lines[line].indexOf('|', pos) + 1;
  const end = lines[line].indexOf('|', pos);
  const cell = lines[line].slice(pos, end);
  const lead = cell.length - cell.trimStart().length;
  const value = cell.trim();
  return rangeOf(text, starts[line] + pos + lead, starts[line] + pos + lead + value.length);
}

export function fileUri(name: string): string {
  return pathToFileURL(path.join(FIXTURES, name)).href;
}
