// The pdf.js side of the PDF reader (README.md "Limits"): the options that keep pdf.js from reaching
// outside (no eval, so no PDF JavaScript; no font loading; no fetching, streaming or range requests;
// character maps and standard fonts read from the package's own folders) and the text items of each
// page. Run by the worker thread of node/src/pdf.ts (node/src/pdf-worker.ts), which is stopped past
// LIMITS.pdf.maxMs, and in place by the fuzz (test/fuzz/readers.ts), thousands of files in one thread.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PdfPage } from '../../core/src/readers/pdf';

export type PdfJs = typeof import('pdfjs-dist');

/** pdf.js from node_modules (the `pdfjs-dist` runtime dependency, legacy build for Node). */
export async function loadPdfJs(): Promise<PdfJs> {
  const pkg = path.dirname(require.resolve('pdfjs-dist/package.json'));
  // A real dynamic import (pdf.js is an ES module), also where tsc compiles this file to CommonJS
  // (the tests and the fuzz run it from out/), which would turn `import()` into `require()`.
  const importEsm = new Function('url', 'return import(url)') as (url: string) => Promise<PdfJs>;
  return importEsm(pathToFileURL(path.join(pkg, 'legacy', 'build', 'pdf.mjs')).href);
}

/** getDocument's options: nothing fetched, nothing evaluated, nothing loaded from outside the package. */
export function safeOptions(data: Uint8Array): Parameters<PdfJs['getDocument']>[0] {
  const pkg = path.dirname(require.resolve('pdfjs-dist/package.json'));
  return {
    data,
    isEvalSupported: false,
    enableXfa: false,
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
  };
}

/** The pages' text items, or the page count when it is past `maxPages` (nothing read then). */
export type TextPages = { kind: 'done'; pages: PdfPage[] } | { kind: 'pages'; pages: number };

type TextItem = { str?: string; transform?: number[]; width?: number };

/** A text direction (a, b of the text matrix) more than about 6° off the page's axes. */
export function slanted(a: number, b: number): boolean {
  const scale = Math.hypot(a, b);
  return scale > 0 && Math.abs(a) > 0.1 * scale && Math.abs(b) > 0.1 * scale;
}

/** Reads the text items of every page; throws pdf.js's error for a damaged or encrypted file. */
export async function textPages(pdfjs: PdfJs, data: Uint8Array, maxPages: number): Promise<TextPages> {
  // pdf.js refuses a Node Buffer: a plain copy of its bytes.
  const task = pdfjs.getDocument(safeOptions(Buffer.isBuffer(data) ? new Uint8Array(data) : data));
  try {
    const doc = await task.promise;
    if (doc.numPages > maxPages) return { kind: 'pages', pages: doc.numPages };
    const pages: PdfPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const items = [];
      for (const it of content.items as TextItem[]) {
        if (typeof it.str !== 'string' || !it.transform) continue;
        const [a, b, c, d, e, f] = it.transform;
        // Text set at a slant (neither across nor down the page) is a watermark (草稿, 征求意见稿, a
        // name across the page), no part of the report: laid out by position, it fell into the tables.
        if (slanted(a, b)) continue;
        items.push({ str: it.str, x: e, y: f, w: it.width ?? 0, size: Math.hypot(c, d) });
      }
      pages.push({ items });
      page.cleanup();
    }
    return { kind: 'done', pages };
  } finally {
    await task.destroy();
  }
}
