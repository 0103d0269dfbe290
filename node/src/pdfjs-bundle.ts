// The entry of dist/pdfjs.js (scripts/build.mjs): pdf.js and its worker side, bundled together as
// one CommonJS file for the PDF reader's worker thread (node/src/pdf-worker.ts), which loads it with
// a V8 code cache (node/src/code-cache.ts) so that every PDF read after the first skips compiling
// its 1.7 MB. With the worker side in `globalThis.pdfjsWorker`, pdf.js runs it in the same thread
// without importing pdf.worker.mjs. Only the CLI reads PDFs: dist/pdfjs.js is not in the extension
// (.vscodeignore lets only the files the extension needs in).
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
// @ts-expect-error pdf.js ships no types for its worker side
import * as worker from 'pdfjs-dist/legacy/build/pdf.worker.mjs';

(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;

export { pdfjs };
