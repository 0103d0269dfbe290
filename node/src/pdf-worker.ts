// The pdf.js side of the PDF reader, run in a worker thread (node/src/pdf.ts) so that a file that
// takes too long can be stopped. pdf.js is loaded from node_modules (the `pdfjs-dist` runtime
// dependency, legacy build for Node), never bundled into the extension. Nothing is fetched and
// nothing is evaluated: no eval, no font loading, character maps and standard fonts read from the
// package's own folders.
import { parentPort, workerData } from 'node:worker_threads';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

interface Job {
  data: Uint8Array;
  maxPages: number;
}

type TextItem = { str?: string; transform?: number[]; width?: number };

async function main(): Promise<void> {
  const { data, maxPages } = workerData as Job;
  const pkg = path.dirname(require.resolve('pdfjs-dist/package.json'));
  // A real dynamic import (pdf.js is an ES module); kept as such in the bundle (scripts/build.mjs).
  const pdfjs = (await import(pathToFileURL(path.join(pkg, 'legacy', 'build', 'pdf.mjs')).href)) as typeof import('pdfjs-dist');
  const doc = await pdfjs.getDocument({
    data,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    disableAutoFetch: true,
    disableStream: true,
    disableRange: true,
    stopAtErrors: false,
    verbosity: 0,
    cMapUrl: path.join(pkg, 'cmaps') + path.sep,
    cMapPacked: true,
    standardFontDataUrl: path.join(pkg, 'standard_fonts') + path.sep,
  }).promise;
  if (doc.numPages > maxPages) {
    parentPort!.postMessage({ kind: 'pages', pages: doc.numPages });
    return;
  }
  const pages: { items: { str: string; x: number; y: number; w: number; size: number }[] }[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    const items = [];
    for (const it of content.items as TextItem[]) {
      if (typeof it.str !== 'string' || !it.transform) continue;
      const [, , c, d, e, f] = it.transform;
      items.push({ str: it.str, x: e, y: f, w: it.width ?? 0, size: Math.hypot(c, d) });
    }
    pages.push({ items });
    page.cleanup();
  }
  await doc.destroy();
  parentPort!.postMessage({ kind: 'done', pages });
}

main().catch((e: unknown) => {
  parentPort!.postMessage({ kind: 'error', message: e instanceof Error ? e.message : String(e), name: e instanceof Error ? e.name : '' });
});
