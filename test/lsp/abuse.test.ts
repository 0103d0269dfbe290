// The language server under abuse (issue 6, item 3): the real server process (`node dist/server.js
// --stdio`) gets thousands of random incremental edits — typing, deleting, pastes of 1 MB,
// undo-like reversals, several changes in one notification — interleaved with diagnostic, hover,
// code action and symbol requests, some awaited, most pipelined behind the edits.
//
// It must answer every request (a result, or at most the protocol's "content modified" /
// "cancelled" errors), never exit, keep its copy of the text in step with ours (its diagnostics
// equal the core's on our copy), and stay within MEMORY_BOUND_MB of resident memory after the run.
//
// Fixed PRNG seed (SEED) so a failure replays. Settings: every workspace/configuration item is
// answered with {} (the defaults); client/registerCapability with null.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { StreamMessageReader, StreamMessageWriter, createMessageConnection } from 'vscode-jsonrpc/node';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import { parse, check, lineStarts, positionAt } from '../../core/src';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SERVER = path.join(ROOT, 'dist', 'server.js');
const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'prop-cell-2021.txt');
const URI = 'file:///abuse/report.nianbao.txt';

const SEED = 0x6e69616e; // "nian"
const STEPS = 3000;
const MEGA_PASTES = 3;
/** Resident memory allowed after the run, every 1 MB paste undone (measured: 52 MB at start, 114-192 MB after, peaks 234-343 MB). */
const MEMORY_BOUND_MB = 400;
/** Every request must be answered within this time. */
const ANSWER_TIMEOUT_MS = 30_000;
/** How long to wait for another engineer's build to produce dist/server.js. */
const SERVER_WAIT_MS = 120_000;

// ---------------------------------------------------------------------------
// PRNG and text model (UTF-16 offsets, as LSP positions count)

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Pos {
  line: number;
  character: number;
}

/** Move an offset off the middle of a surrogate pair and of a CRLF (an editor never puts a caret there). */
function snap(text: string, o: number): number {
  const c = text.charCodeAt(o);
  const p = text.charCodeAt(o - 1);
  if (o > 0 && o < text.length && ((c >= 0xdc00 && c <= 0xdfff && p >= 0xd800 && p <= 0xdbff) || (c === 10 && p === 13))) return o - 1;
  return o;
}

const SNIPPETS = [
  '0', '12', '３６', '\t', '\n', '\n\n', '\r\n', '|', ' | ', '　', '\u00a0', '总计', '商业\n企业', '（三）\n不予\n公开',
  '一、总体情况\n', '四、政府信息公开行政复议、行政诉讼情况\n', '## 三、收到和处理政府信息公开申请情况\n', '（七）总计\t1\t2\t3\t4\t5\t6\t21\n',
  '| （一）予以公开 | 12 | 8 | 0 | 0 | 0 | 0 | 20 |\n', '𠀀', '😀', '\ud83d', '行政复议', 'l', 'O', '-', '无',
];

function randomSnippet(rnd: () => number, fixture: string): string {
  const r = rnd();
  if (r < 0.6) return SNIPPETS[Math.floor(rnd() * SNIPPETS.length)];
  if (r < 0.85) {
    // a piece of the fixture: typing or pasting part of a report
    const a = Math.floor(rnd() * fixture.length);
    return fixture.slice(a, a + 1 + Math.floor(rnd() * 400));
  }
  let s = '';
  const n = 1 + Math.floor(rnd() * 12);
  for (let i = 0; i < n; i++) s += String.fromCodePoint(Math.floor(rnd() * 0x30000) % 0x10ffff);
  return s.replace(/[\ud800-\udfff]/g, '');
}

/** About 1 MB of report-like text (a fixture repeated, with noise). */
function megabyte(fixture: string, k: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < 1_000_000; i++) {
    const piece = i % 7 === k % 7 ? fixture.replace(/\t/g, '  ') : fixture;
    parts.push(piece);
    size += piece.length;
  }
  return parts.join('\n');
}

// ---------------------------------------------------------------------------
// The server process

interface Server {
  proc: ChildProcessWithoutNullStreams;
  conn: MessageConnection;
  exited: { code: number | null; signal: string | null } | null;
  stderr: string;
}

async function waitForServerFile(): Promise<void> {
  const until = Date.now() + SERVER_WAIT_MS;
  while (!existsSync(SERVER)) {
    if (Date.now() > until) throw new Error(`${SERVER} did not appear within ${SERVER_WAIT_MS / 1000} s (npm run build)`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer to ${what} within ${ms} ms`)), ms);
    }),
  ]);
}

async function startServer(): Promise<Server> {
  await waitForServerFile();
  const until = Date.now() + SERVER_WAIT_MS;
  for (;;) {
    const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const server: Server = { proc, conn: createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin)), exited: null, stderr: '' };
    proc.on('exit', (code, signal) => (server.exited = { code, signal }));
    proc.stderr.on('data', (d) => (server.stderr += String(d)));
    const { conn } = server;
    conn.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({})));
    conn.onRequest('client/registerCapability', () => null);
    conn.onRequest('client/unregisterCapability', () => null);
    conn.onRequest('workspace/diagnostic/refresh', () => null);
    conn.onRequest('workspace/inlayHint/refresh', () => null);
    conn.onRequest('workspace/codeLens/refresh', () => null);
    conn.onNotification(() => undefined);
    conn.onError(() => undefined);
    conn.listen();
    try {
      await withTimeout(
        conn.sendRequest('initialize', {
          processId: process.pid,
          rootUri: null,
          capabilities: {
            workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, diagnostics: { refreshSupport: true } },
            textDocument: {
              synchronization: { didSave: true },
              diagnostic: {},
              hover: { contentFormat: ['markdown', 'plaintext'] },
              codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } } },
              documentSymbol: { hierarchicalDocumentSymbolSupport: true },
            },
          },
        }),
        10_000,
        'initialize',
      );
      await conn.sendNotification('initialized', {});
      return server;
    } catch (e) {
      // The build may still be writing dist/server.js: try again until the deadline.
      conn.dispose();
      proc.kill();
      if (Date.now() > until) throw e;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

function rssMB(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number((new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(status) ?? [])[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
}

// ---------------------------------------------------------------------------

interface Range {
  start: Pos;
  end: Pos;
}
interface Diagnostic {
  range: Range;
  code?: string | number;
  message: string;
}

/** A range the server returned must lie inside our copy of the text. */
function assertRangeIn(starts: number[], textLength: number, r: Range, what: string): void {
  const lineLen = (l: number) => (l + 1 < starts.length ? starts[l + 1] - 1 - starts[l] : textLength - starts[l]);
  for (const p of [r.start, r.end]) {
    assert.ok(p.line >= 0 && p.line < starts.length && p.character >= 0 && p.character <= lineLen(p.line), `${what}: ${JSON.stringify(r)} outside the document`);
  }
}

test('the server survives thousands of random edits interleaved with requests', { timeout: 180_000 }, async () => {
  const server = await startServer();
  const { conn, proc } = server;
  const fixture = readFileSync(FIXTURE, 'utf8');
  const rnd = mulberry32(SEED);
  let text = fixture;
  let version = 1;
  const undo: { start: number; end: number; text: string }[] = [];
  const pending: Promise<unknown>[] = [];
  const errors: string[] = [];
  const counts = { edits: 0, notifications: 0, requests: 0, answered: 0, awaited: 0, megaPastes: 0, undos: 0, maxLength: 0 };
  const ACCEPTABLE = new Set([-32801, -32802, -32800]); // ContentModified, ServerCancelled, RequestCancelled

  const request = <T>(method: string, params: unknown): Promise<T | undefined> => {
    counts.requests++;
    const p = withTimeout(conn.sendRequest<T>(method, params), ANSWER_TIMEOUT_MS, method).then(
      (r) => {
        counts.answered++;
        return r;
      },
      (e: { code?: number; message?: string }) => {
        if (e && typeof e.code === 'number' && ACCEPTABLE.has(e.code)) counts.answered++;
        else errors.push(`${method}: ${e?.message ?? String(e)}`);
        return undefined;
      },
    );
    pending.push(p);
    return p;
  };

  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'nianbao', version, text } });

  // Baseline: the server with the fixture open and checked once.
  await request('textDocument/diagnostic', { textDocument: { uri: URI } });
  const baseline = rssMB(proc.pid!);
  const start = Date.now();
  let megaAt = Array.from({ length: MEGA_PASTES }, (_, i) => Math.floor(((i + 1) / (MEGA_PASTES + 1)) * STEPS));
  let lastDiagnostics: Diagnostic[] = [];
  for (let step = 0; step < STEPS; step++) {
    assert.equal(server.exited, null, `server exited at step ${step}: ${JSON.stringify(server.exited)}\n${server.stderr}`);
    // One notification, one to three changes, each against the result of the previous.
    const changes: { range: Range; text: string }[] = [];
    const nChanges = rnd() < 0.85 ? 1 : 2 + Math.floor(rnd() * 2);
    for (let c = 0; c < nChanges; c++) {
      let s: number;
      let e: number;
      let insert: string;
      const r = rnd();
      if (megaAt.length && step >= megaAt[0] && c === 0) {
        megaAt = megaAt.slice(1);
        s = e = snap(text, Math.floor(rnd() * (text.length + 1)));
        insert = megabyte(fixture, counts.megaPastes++);
      } else if (r < 0.2 && undo.length) {
        // Undo-like reversal: restore the text the last edit replaced.
        const u = undo.pop()!;
        if (u.end > text.length) continue;
        s = u.start;
        e = u.end;
        insert = u.text;
        counts.undos++;
        changes.push({ range: { start: positionAt(text, s), end: positionAt(text, e) }, text: insert });
        text = text.slice(0, s) + insert + text.slice(e);
        counts.edits++;
        continue;
      } else if (r < 0.55) {
        s = e = snap(text, Math.floor(rnd() * (text.length + 1)));
        insert = randomSnippet(rnd, fixture);
      } else if (r < 0.85) {
        s = snap(text, Math.floor(rnd() * (text.length + 1)));
        e = snap(text, Math.min(text.length, s + 1 + Math.floor(rnd() * (rnd() < 0.1 ? 2000 : 20))));
        insert = '';
      } else {
        s = snap(text, Math.floor(rnd() * (text.length + 1)));
        e = snap(text, Math.min(text.length, s + Math.floor(rnd() * 10)));
        insert = randomSnippet(rnd, fixture);
      }
      changes.push({ range: { start: positionAt(text, s), end: positionAt(text, e) }, text: insert });
      undo.push({ start: s, end: s + insert.length, text: text.slice(s, e) });
      if (undo.length > 50) undo.shift();
      text = text.slice(0, s) + insert + text.slice(e);
      counts.edits++;
    }
    if (!changes.length) continue;
    version++;
    await conn.sendNotification('textDocument/didChange', { textDocument: { uri: URI, version }, contentChanges: changes });
    counts.notifications++;
    counts.maxLength = Math.max(counts.maxLength, text.length);

    // A 1 MB paste stays for a few requests, then is undone (as a person would after a wrong paste).
    const big = text.length > 500_000;
    const starts = lineStarts(text);
    const randomPos = () => positionAt(text, snap(text, Math.floor(rnd() * (text.length + 1))));
    const r = rnd();
    if (big || step % 50 === 0) {
      // Awaited round: everything about this exact version, checked against our copy.
      counts.awaited++;
      const report = await request<{ kind: string; items?: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri: URI } });
      const items = report?.items ?? [];
      for (const d of items) assertRangeIn(starts, text.length, d.range, 'diagnostic');
      lastDiagnostics = items;
      const [hover, actions, symbols] = await Promise.all([
        request<{ range?: Range } | null>('textDocument/hover', { textDocument: { uri: URI }, position: randomPos() }),
        request<{ edit?: { changes?: Record<string, { range: Range }[]> } }[]>('textDocument/codeAction', {
          textDocument: { uri: URI },
          range: { start: randomPos(), end: randomPos() },
          context: { diagnostics: items.slice(0, 20), only: rnd() < 0.3 ? ['source.fixAll'] : undefined },
        }),
        request<{ range: Range }[]>('textDocument/documentSymbol', { textDocument: { uri: URI } }),
      ]);
      if (hover?.range) assertRangeIn(starts, text.length, hover.range, 'hover');
      for (const a of actions ?? []) for (const e of a.edit?.changes?.[URI] ?? []) assertRangeIn(starts, text.length, e.range, 'code action edit');
      for (const s of symbols ?? []) assertRangeIn(starts, text.length, s.range, 'symbol');
      if (big) {
        // undo the paste now
        const u = undo.length ? undo[undo.length - 1] : null;
        if (u && u.end - u.start > 500_000) {
          undo.pop();
          version++;
          await conn.sendNotification('textDocument/didChange', {
            textDocument: { uri: URI, version },
            contentChanges: [{ range: { start: positionAt(text, u.start), end: positionAt(text, u.end) }, text: u.text }],
          });
          text = text.slice(0, u.start) + u.text + text.slice(u.end);
          counts.undos++;
          counts.edits++;
          counts.notifications++;
        }
      }
    } else if (r < 0.25) {
      // Pipelined: sent behind the edits, not awaited here.
      const k = rnd();
      if (k < 0.3) void request('textDocument/diagnostic', { textDocument: { uri: URI } });
      else if (k < 0.55) void request('textDocument/hover', { textDocument: { uri: URI }, position: randomPos() });
      else if (k < 0.8)
        void request('textDocument/codeAction', {
          textDocument: { uri: URI },
          range: { start: randomPos(), end: randomPos() },
          context: { diagnostics: lastDiagnostics.slice(0, 5) },
        });
      else void request('textDocument/documentSymbol', { textDocument: { uri: URI } });
    }
  }

  await Promise.all(pending);
  assert.deepEqual(errors.slice(0, 10), [], `${errors.length} request(s) failed`);
  assert.equal(counts.answered, counts.requests, 'every request answered');

  // The server's copy of the text is ours: its diagnostics equal the core's on our copy.
  const final = await request<{ items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri: URI } });
  const mine = check(parse(text))
    .map((p) => `${p.code}@${JSON.stringify(positionAt(text, p.span.start))}-${JSON.stringify(positionAt(text, p.span.end))}`)
    .sort();
  const theirs = (final?.items ?? []).map((d) => `${String(d.code)}@${JSON.stringify(d.range.start)}-${JSON.stringify(d.range.end)}`).sort();
  assert.deepEqual(theirs, mine, 'the server checked a different text than the client holds');

  assert.equal(server.exited, null, `server exited: ${JSON.stringify(server.exited)}\n${server.stderr}`);
  const mem = rssMB(proc.pid!);
  const seconds = ((Date.now() - start) / 1000).toFixed(1);
  console.log(
    `abuse: ${counts.edits} edits in ${counts.notifications} didChange (${counts.megaPastes} pastes of 1 MB, ${counts.undos} undos, ` +
      `largest text ${counts.maxLength} chars), ${counts.requests} requests (${counts.awaited} awaited rounds), all answered; ` +
      `${seconds} s; server RSS ${baseline.rss.toFixed(0)} MB before, ${mem.rss.toFixed(0)} MB after the run (peak ${mem.hwm.toFixed(0)} MB), bound ${MEMORY_BOUND_MB} MB`,
  );
  assert.ok(counts.edits >= 2000, `only ${counts.edits} edits`);
  assert.equal(counts.megaPastes, MEGA_PASTES, 'every planned 1 MB paste was sent');
  assert.ok(mem.rss <= MEMORY_BOUND_MB, `server RSS ${mem.rss.toFixed(0)} MB after the run exceeds ${MEMORY_BOUND_MB} MB`);

  await withTimeout(conn.sendRequest('shutdown'), 5000, 'shutdown');
  await conn.sendNotification('exit');
  await new Promise<void>((resolve) => {
    if (server.exited) return resolve();
    const t = setTimeout(() => {
      proc.kill();
      resolve();
    }, 3000);
    proc.once('exit', () => {
      clearTimeout(t);
      resolve();
    });
  });
  conn.dispose();
});
