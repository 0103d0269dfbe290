// Nothing reached outside the machine (README.md "Limits"): every reader runs in a child process
// where sockets, HTTP(S), HTTP/2, TLS, DNS, UDP, fetch and child processes fail and are recorded
// (test/offline/preload.cjs, loaded with --require). The command line checks a text report, crawler
// text, a page full of remote and `file:` references (stylesheets, scripts, fonts, images, frames,
// a <base>, a refresh), a Word file whose parts name external targets, and PDFs (the printed report,
// and one with JavaScript run on opening, links to a URL and to a `file:`, a launch action, a remote
// go-to, a font it does not embed) read by pdf.js in its worker thread (the preload is loaded in
// worker threads too); the language server opens the same page. Nothing may be attempted, and
// nothing a `file:` link names may be read.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { StreamMessageReader, StreamMessageWriter, createMessageConnection } from 'vscode-jsonrpc/node';
import { docxFromMarkdown } from '../office-fixtures';
import { pagePdf } from '../fuzz/pdf-build';
import { fixture, nianbao, ROOT, tempDir } from './cli-helpers';

const PRELOAD = path.join(ROOT, 'test', 'offline', 'preload.cjs');

/** A page that names the outside world everywhere a browser would fetch or follow something. */
function hostilePage(secret: string): string {
  const page = fixture('page-2021.html');
  const refs = [
    '<base href="http://198.51.100.7/">',
    '<meta http-equiv="refresh" content="0; url=http://198.51.100.7/next">',
    '<link rel="stylesheet" href="https://fonts.example.invalid/css?family=SimSun">',
    `<link rel="import" href="${secret}">`,
    '<style>@import url("http://198.51.100.7/a.css"); @font-face { font-family: x; src: url(http://198.51.100.7/f.woff) }</style>',
    '<script src="http://198.51.100.7/x.js"></script>',
    `<script>fetch("http://198.51.100.7/beacon"); require("child_process").exec("id")</script>`,
  ].join('\n');
  const body = [
    '<img src="http://198.51.100.7/p.png" srcset="http://198.51.100.7/p2.png 2x">',
    `<iframe src="${secret}"></iframe><object data="${secret}"></object><embed src="${secret}">`,
    `<a href="${secret}">附件</a><a href="http://198.51.100.7/r.pdf">下载</a>`,
    '<svg><image href="http://198.51.100.7/s.svg"/></svg>',
  ].join('\n');
  return page.replace('</head>', `${refs}\n</head>`).replace('<body>', `<body>\n${body}`);
}

function runOffline(args: string[], log: string) {
  return nianbao(args, { nodeOptions: ['--require', PRELOAD], env: { NIANBAO_OFFLINE_LOG: log } });
}

test('the command line reads every kind of file without reaching outside the machine', () => {
  const dir = tempDir('nianbao-offline-');
  const log = path.join(dir, 'attempts.log');
  // A report a `file:` link names: its figures must never be read into the page's report.
  const secretFile = path.join(dir, 'secret.html');
  fs.writeFileSync(secretFile, fixture('page-2021.html').replace(/>53</g, '>99999<'));
  const files: Record<string, string | Uint8Array> = {
    'report.txt': fixture('cli-clean.txt'),
    'crawler.txt': fixture('crawler-2021.txt'),
    'page.html': hostilePage(pathToFileURL(secretFile).href),
    'report.docx': docxFromMarkdown(fixture('clean-2021.md')),
    'report.pdf': fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'report-2021.pdf')),
    'hostile.pdf': pagePdf({ content: 'text', lines: ['Annual report 2024', '99999'], hostile: { url: 'http://198.51.100.7', file: pathToFileURL(secretFile).href } }),
  };
  for (const [name, data] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), data);
  const names = Object.keys(files);
  const r = runOffline(['check', '--format', 'json', ...names.map((n) => path.join(dir, n))], log);
  // The hostile PDF is read (its text has no report title: one line says so, exit 2); the rest are reports.
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr.trim(), /^nianbao: .*hostile\.pdf: 不是政府信息公开工作年度报告[^\n]*$/);
  const out = JSON.parse(r.stdout) as { files: { path: string; diagnostics: { message: string }[] }[] };
  assert.deepEqual(out.files.map((f) => path.basename(f.path)), names.filter((n) => n !== 'hostile.pdf'), 'every reader ran');
  assert.ok(!r.stdout.includes('99999'), 'nothing of the file: link was read');
  assert.equal(fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '', '', 'no attempt to reach outside');
  // The preload does refuse (the test can fail): a process that tries is recorded.
  const probe = spawnSyncOffline(log);
  assert.match(probe, /node:https\.get/);
});

function spawnSyncOffline(log: string): string {
  fs.rmSync(log, { force: true });
  const script = path.join(path.dirname(log), 'probe.cjs');
  fs.writeFileSync(script, "try { require('https').get('https://example.invalid/') } catch {}");
  nianbao([], { bin: script, nodeOptions: ['--require', PRELOAD], env: { NIANBAO_OFFLINE_LOG: log } });
  return fs.readFileSync(log, 'utf8');
}

test('the language server reads a hostile page (in its worker thread too) without reaching outside', async () => {
  const dir = tempDir('nianbao-offline-');
  const log = path.join(dir, 'attempts.log');
  const secretFile = path.join(dir, 'secret.html');
  fs.writeFileSync(secretFile, '<h1>秘密</h1>');
  const proc = spawn(process.execPath, ['--require', PRELOAD, path.join(ROOT, 'dist', 'server.js'), '--stdio'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, NIANBAO_OFFLINE_LOG: log },
  });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
  conn.onRequest('client/registerCapability', () => null);
  conn.listen();
  try {
    await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
    await conn.sendNotification('initialized', {});
    const uri = pathToFileURL(path.join(dir, 'page.html')).href;
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'html', version: 1, text: hostilePage(pathToFileURL(secretFile).href) } });
    const report = await conn.sendRequest<{ items: { code: string }[] }>('textDocument/diagnostic', { textDocument: { uri } });
    assert.ok(report.items.length > 0, 'the page was read and checked');
    assert.ok(report.items.every((d) => d.code !== 'limit'));
    const text = pathToFileURL(path.join(dir, 'r.nianbao.txt')).href;
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: text, languageId: 'nianbao', version: 1, text: fixture('cli-clean.txt') } });
    await conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: text } });
    await conn.sendRequest('shutdown');
    await conn.sendNotification('exit');
  } finally {
    conn.dispose();
    proc.kill();
  }
  assert.equal(fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '', '', 'no attempt to reach outside');
});
