// The pdf.js side of the PDF reader, run in a worker thread (node/src/pdf.ts) so that a file that
// takes too long can be stopped. pdf.js (the `pdfjs-dist` runtime dependency, legacy build for Node)
// is loaded from dist/pdfjs.js, its bundle with a V8 code cache (node/src/pdfjs-bundle.ts), or from
// node_modules when that bundle is not there; it is never in the extension. Nothing is fetched and
// nothing is evaluated: no eval, no font loading, character maps and standard fonts read from the
// package's own folders (node/src/pdf-text.ts).
import { parentPort, workerData } from 'node:worker_threads';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import Module from 'node:module';
import { requireWithCodeCache } from './code-cache';
import { textPages, type PdfJs } from './pdf-text';

interface Job {
  data: Uint8Array;
  maxPages: number;
}


/**
 * What pdf.js asks of Node as it starts and reads, cut to what reading text needs:
 *  - @napi-rs/canvas (a 33 MB native library), loaded only to stand in for the browser's
 *    DOMMatrix, ImageData and Path2D when pdf.js draws pages; reading text draws nothing. An empty
 *    module takes its place (or nothing, when it is not installed), and inert stand-ins those three
 *    names (pdf.js creates one DOMMatrix as it starts);
 *  - `Response`, which pdf.js only looks at to add `bytes()` to it for fetching files (it reads
 *    files from disk in Node): looking at it loads Node's whole fetch implementation. A stand-in
 *    while pdf.js loads, the real one after;
 *  - `DecompressionStream`: without it pdf.js inflates a page's streams with its own decoder, in
 *    step, instead of starting web streams for each one.
 * Returns what puts `Response` back.
 */
function lighterStart(from: string): () => void {
  const g = globalThis as Record<string, unknown>;
  g.DOMMatrix ??= class DOMMatrix {
    a = 1;
    b = 0;
    c = 0;
    d = 1;
    e = 0;
    f = 0;
  };
  g.ImageData ??= class ImageData {};
  g.Path2D ??= class Path2D {};
  try {
    const file = Module.createRequire(from).resolve('@napi-rs/canvas');
    const empty = new Module(file);
    empty.filename = file;
    empty.loaded = true;
    require.cache[file] = empty;
  } catch {
    // Not installed: pdf.js goes on without it.
  }
  Object.defineProperty(globalThis, 'DecompressionStream', { value: undefined, configurable: true, writable: true });
  const response = Object.getOwnPropertyDescriptor(globalThis, 'Response');
  Object.defineProperty(globalThis, 'Response', {
    value: class Response {
      bytes(): void {}
    },
    configurable: true,
    writable: true,
  });
  return () => {
    if (response) Object.defineProperty(globalThis, 'Response', response);
  };
}

/** pdf.js, and what saves its code cache once the file is read. */
async function loadPdfjs(pkg: string): Promise<{ pdfjs: PdfJs; save: () => void }> {
  const bundle = path.join(__dirname, 'pdfjs.js');
  if (fs.existsSync(bundle)) {
    const restore = lighterStart(bundle);
    const { exports, save } = requireWithCodeCache<{ pdfjs: PdfJs }>(bundle, 'pdfjs');
    restore();
    return { pdfjs: exports.pdfjs, save };
  }
  const file = path.join(pkg, 'legacy', 'build', 'pdf.mjs');
  const restore = lighterStart(file);
  // A real dynamic import (pdf.js is an ES module); kept as such in the bundle (scripts/build.mjs).
  const pdfjs = (await import(pathToFileURL(file).href)) as PdfJs;
  restore();
  return { pdfjs, save: () => {} };
}

async function main(): Promise<void> {
  const { data, maxPages } = workerData as Job;
  const pkg = path.dirname(require.resolve('pdfjs-dist/package.json'));
  const { pdfjs, save } = await loadPdfjs(pkg);
  // The options that keep pdf.js from reaching outside, and the text items: node/src/pdf-text.ts
  // (shared with the fuzz, which runs them in place).
  const read = await textPages(pdfjs, data, maxPages);
  // Before answering: the reader stops this thread as soon as it has the pages.
  if (read.kind === 'done') save();
  parentPort!.postMessage(read);
}

main().catch((e: unknown) => {
  parentPort!.postMessage({ kind: 'error', message: e instanceof Error ? e.message : String(e), name: e instanceof Error ? e.name : '' });
});
