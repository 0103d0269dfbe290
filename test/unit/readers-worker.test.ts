// readInWorker (node/src/readers-worker.ts): a page read in a worker thread gives the same reading as
// in place; a page past a limit rejects with the LimitError; a slow page is stopped by the time limit
// (html.maxMs) and by cancellation, its thread terminated, and the next read still works.
import { test, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { readHtml } from '../../core/src/readers/html';
import { LimitError } from '../../core/src/readers/limits';
import { readInWorker, ReadCancelled, setWorkerFile, stopReaderWorkers } from '../../node/src/readers-worker';
import { fixture, ROOT } from './cli-helpers';

setWorkerFile(path.join(ROOT, 'dist', 'reader-worker.js'));
after(() => stopReaderWorkers());

/** A page within every limit that parse5 takes seconds over (500 open <div>, then 100,000 unclosed <p>). */
const SLOW = `<h1>某局2024年度政府信息公开工作年度报告</h1>${'<div>'.repeat(500)}${'<p>x'.repeat(100_000)}`;

test('a page read in the worker gives what reading it in place gives', async () => {
  const page = fixture('page-2021.html');
  const inWorker = await readInWorker('html', page);
  assert.deepEqual(inWorker, readHtml(page));
});

test('a page past a limit rejects with that LimitError', async () => {
  await assert.rejects(readInWorker('html', '<div>'.repeat(100_000)), (e: unknown) => e instanceof LimitError && e.limit === 'html.maxDepth');
});

test('a slow page is stopped by the time limit (html.maxMs) with one line naming it; the next read works', async () => {
  const t0 = Date.now();
  await assert.rejects(readInWorker('html', SLOW, { timeoutMs: 200 }), (e: unknown) => {
    assert.ok(e instanceof LimitError);
    assert.equal(e.limit, 'html.maxMs');
    assert.match(e.message, /^超出限制 html\.maxMs：读取网页超过 200 毫秒，已停止/);
    return true;
  });
  assert.ok(Date.now() - t0 < 5000, 'stopped, not waited for');
  assert.ok((await readInWorker('html', fixture('page-2021.html'))).text.includes('总计'));
});

test('a read is cancelled by its signal (a document closed), its thread stopped', async () => {
  const abort = new AbortController();
  const p = readInWorker('html', SLOW, { signal: abort.signal });
  setTimeout(() => abort.abort(), 50);
  await assert.rejects(p, ReadCancelled);
});
