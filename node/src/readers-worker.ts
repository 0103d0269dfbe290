// Heavy readers off the caller's thread (README.md "Limits"): a page (and the Word and PDF readers
// to come) is read in a worker thread with a time limit and cancellation, so that a slow file never
// blocks the language server's answers for another document, and a runaway read is stopped by
// terminating its thread (a loop inside a parser cannot be interrupted otherwise).
//
//   readInWorker('html', text, { timeoutMs, signal }) -> Promise<Reading>
//
// Rejects with a LimitError (`<kind>.maxMs` past the time limit, or the reader's own limit), with a
// ReadCancelled when `signal` is aborted (the thread is terminated), or with the reader's error.
// The worker (dist/reader-worker.js, node/src/reader-worker.ts) loads each reader's bundle from
// beside itself the first time it is asked for that kind: READER_BUNDLES says which.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Reading } from '../../core/src';
import { LIMITS, LimitError, formatDuration, limitLine } from '../../core/src/readers/limits';

/** The readers that run in the worker: bundle beside the worker, and the function it exports. */
export const READER_BUNDLES = {
  html: { file: 'html.js', fn: 'readHtml' },
} as const satisfies Record<string, { file: string; fn: string }>;

export type WorkerReaderKind = keyof typeof READER_BUNDLES;

/** What the worker is sent and sends back. */
export interface WorkerRequest {
  id: number;
  kind: string;
  input: string | Uint8Array;
}
export type WorkerReply =
  | { id: number; ok: true; reading: Omit<Reading, 'source'> }
  | { id: number; ok: false; limit?: string; message: string };

export interface ReadOptions {
  /** Default: the kind's maxMs in LIMITS, else 10 s. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** The read was cancelled (the document closed or changed): the thread was stopped. */
export class ReadCancelled extends Error {
  constructor() {
    super('read cancelled');
    this.name = 'ReadCancelled';
  }
}

const KIND_NAMES: Record<string, string> = { html: '网页', docx: 'Word 文件', pdf: 'PDF 文件' };

let overrideFile: string | null = null;

/** Use this worker script (tests running from out/, where the bundles are in dist/). */
export function setWorkerFile(file: string | null): void {
  overrideFile = file;
}

/**
 * The worker script: beside this bundle, with the readers' bundles (dist/reader-worker.js,
 * dist/html.js); null when they are not there (compiled tests: the caller then reads in place).
 */
export function workerFile(): string | null {
  if (overrideFile) return overrideFile;
  const f = path.join(__dirname, 'reader-worker.js');
  return fs.existsSync(f) && fs.existsSync(path.join(__dirname, READER_BUNDLES.html.file)) ? f : null;
}

const MAX_IDLE = 1;
const idle: Worker[] = [];
let nextId = 1;

function spawnWorker(file: string): Worker {
  // A worker does not keep the process alive on its own: the caller's request does.
  const w = new Worker(file, { stdout: false, stderr: false });
  w.unref();
  return w;
}

/** Read `input` with the reader of `kind` in a worker thread. */
export function readInWorker(kind: WorkerReaderKind, input: string | Uint8Array, options: ReadOptions = {}): Promise<Reading> {
  const file = workerFile();
  if (!file) return Promise.reject(new Error('dist/reader-worker.js is missing (npm run build)'));
  const limits = LIMITS[kind as keyof typeof LIMITS] as { maxMs?: number };
  const timeoutMs = options.timeoutMs ?? limits.maxMs ?? 10_000;
  if (options.signal?.aborted) return Promise.reject(new ReadCancelled());
  const worker = idle.pop() ?? spawnWorker(file);
  const id = nextId++;
  return new Promise<Reading>((resolve, reject) => {
    let settled = false;
    const finish = (kill: boolean) => {
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (kill) void worker.terminate();
      else if (idle.length < MAX_IDLE) idle.push(worker);
      else void worker.terminate();
    };
    const onMessage = (m: WorkerReply) => {
      if (m.id !== id || settled) return;
      finish(false);
      if (m.ok) resolve({ ...m.reading, source: typeof input === 'string' ? input : '' });
      else if (m.limit) reject(new LimitError(m.limit, m.message));
      else reject(new Error(m.message));
    };
    const onError = (e: Error) => {
      if (settled) return;
      finish(true);
      reject(e);
    };
    const onExit = () => {
      if (settled) return;
      finish(true);
      reject(new Error('reader worker exited'));
    };
    const onAbort = () => {
      if (settled) return;
      finish(true);
      reject(new ReadCancelled());
    };
    const timer = setTimeout(() => {
      if (settled) return;
      finish(true);
      const limit = `${kind}.maxMs`;
      reject(new LimitError(limit, limitLine(limit, `读取${KIND_NAMES[kind] ?? '文件'}超过 ${formatDuration(timeoutMs)}，已停止`, `reading took longer than ${timeoutMs} ms`)));
    }, timeoutMs);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    options.signal?.addEventListener('abort', onAbort);
    worker.postMessage({ id, kind, input } satisfies WorkerRequest);
  });
}

/** Stop the idle worker threads (tests; the server's shutdown). */
export async function stopReaderWorkers(): Promise<void> {
  await Promise.all(idle.splice(0).map((w) => w.terminate()));
}
