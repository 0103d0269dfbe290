// The worker thread of readInWorker (node/src/readers-worker.ts), bundled as dist/reader-worker.js:
// reads one input at a time with the reader asked for, loaded from its bundle beside this file the
// first time (dist/html.js, …), and sends back the reading or the error (a LimitError as its limit
// and message). A read that takes too long is stopped by the caller terminating this thread.

import * as path from 'node:path';
import { parentPort } from 'node:worker_threads';
import { READER_BUNDLES, type WorkerReply, type WorkerRequest } from './readers-worker';

type ReadFn = (input: string | Uint8Array) => unknown;
const loaded = new Map<string, ReadFn>();

function reader(kind: string): ReadFn {
  let fn = loaded.get(kind);
  if (!fn) {
    const spec = (READER_BUNDLES as Record<string, { file: string; fn: string }>)[kind];
    if (!spec) throw new Error(`unknown reader: ${kind}`);
    // A path esbuild leaves alone: the bundle is loaded from beside this one at run time.
    fn = (require(path.join(__dirname, spec.file)) as Record<string, ReadFn>)[spec.fn];
    loaded.set(kind, fn);
  }
  return fn;
}

parentPort?.on('message', async (m: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    const r = (await reader(m.kind)(m.input)) as { source?: string };
    // The source is the caller's own input: not sent back.
    const { source: _source, ...reading } = r;
    reply = { id: m.id, ok: true, reading: reading as Extract<WorkerReply, { ok: true }>['reading'] };
  } catch (e) {
    const err = e as { name?: string; limit?: unknown; message?: string };
    reply = { id: m.id, ok: false, message: String(err?.message ?? e), ...(err?.name === 'LimitError' && typeof err.limit === 'string' ? { limit: err.limit } : {}) };
  }
  parentPort!.postMessage(reply);
});
