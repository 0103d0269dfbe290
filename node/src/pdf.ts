// Reading a PDF with a text layer (README.md, "Published layouts"): pdf.js runs in a worker thread
// (node/src/pdf-worker.ts, bundled as dist/pdf-worker.js with pdf.js left in node_modules), stopped
// past LIMITS.pdf.maxMs; the text items it returns are laid out by the core (core/src/readers/pdf.ts).
// Used by the CLI only; the extension does not ship pdf.js.
import { Worker } from 'node:worker_threads';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LIMITS, LimitError, checkSize, formatDuration, limitLine } from '../../core/src/readers/limits';
import { hasTextLayer, NO_TEXT_LAYER, readPdfPages, type PdfPage } from '../../core/src/readers/pdf';
import type { Reading } from '../../core/src';

/** A PDF that cannot be read (damaged, encrypted, no text layer): one clear line. */
export class PdfError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PdfError';
  }
}

/** dist/pdf-worker.js beside the CLI bundle, or in dist/ when running from out/ (tests). */
function workerFile(): string {
  const candidates = [path.join(__dirname, 'pdf-worker.js'), path.resolve(__dirname, '..', '..', '..', 'dist', 'pdf-worker.js')];
  const found = candidates.find((f) => fs.existsSync(f) && !f.includes(`${path.sep}out${path.sep}`));
  if (!found) throw new PdfError('PDF 读取组件缺失（dist/pdf-worker.js）：请先运行 npm run build (the PDF reader is not built)');
  return found;
}

/** The text items of each page, read by pdf.js in a worker that is stopped past `maxMs`. */
export function pdfPages(bytes: Uint8Array, limits = LIMITS.pdf, worker?: string): Promise<PdfPage[]> {
  try {
    checkSize('pdf', bytes.length, limits.maxBytes);
  } catch (e) {
    return Promise.reject(e);
  }
  return new Promise((resolve, reject) => {
    const data = new Uint8Array(bytes); // a copy the worker may own
    const thread = new Worker(worker ?? workerFile(), { workerData: { data, maxPages: limits.maxPages }, transferList: [data.buffer as ArrayBuffer], stdout: true, stderr: true });
    let settled = false;
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void thread.terminate();
      f();
    };
    const timer = setTimeout(
      () => finish(() => reject(new LimitError('pdf.maxMs', limitLine('pdf.maxMs', `读取 PDF 文件超过 ${formatDuration(limits.maxMs)}，已停止`, `reading took longer than ${limits.maxMs} ms`)))),
      limits.maxMs,
    );
    thread.on('message', (m: { kind: string; pages?: PdfPage[] | number; message?: string; name?: string }) => {
      if (m.kind === 'done') finish(() => resolve(m.pages as PdfPage[]));
      else if (m.kind === 'pages')
        finish(() => reject(new LimitError('pdf.maxPages', limitLine('pdf.maxPages', `PDF 文件有 ${m.pages} 页，超过上限 ${limits.maxPages} 页`, `${m.pages} pages > ${limits.maxPages}`))));
      else
        finish(() =>
          reject(
            new PdfError(
              m.name === 'PasswordException'
                ? 'PDF 文件已加密，无法读取 (encrypted PDF)'
                : `不是有效的 PDF 文件，无法读取 (invalid PDF: ${String(m.message).split('\n')[0]})`,
            ),
          ),
        );
    });
    thread.on('error', (e) => finish(() => reject(new PdfError(`PDF 文件无法读取 (${e.message.split('\n')[0]})`))));
    thread.on('exit', (code) => finish(() => reject(new PdfError(`PDF 读取意外中止 (worker exited with ${code})`))));
  });
}

/**
 * Read a PDF's bytes: a Reading in layout `pdf`. Throws LimitError past LIMITS.pdf, PdfError for a
 * damaged or scanned file. `worker`: the worker script, when not dist/pdf-worker.js (the benchmark).
 */
export async function readPdf(bytes: Uint8Array, limits = LIMITS.pdf, worker?: string): Promise<Reading> {
  const pages = await pdfPages(bytes, limits, worker);
  if (!hasTextLayer(pages)) throw new PdfError(NO_TEXT_LAYER);
  return readPdfPages(pages);
}
