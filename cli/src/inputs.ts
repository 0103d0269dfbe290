// Turning the PATH arguments into parsed reports: files, directories (recursive), `-` for stdin.
// Rules (README.md "Command line", nianbao --help): a file named explicitly must be a report, or it is an error (exit 2);
// inside a directory, files that are not reports are skipped silently, but a directory without a
// single report is an error.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { documentOf, readText } from '../../core/src';
import { readHtml } from '../../core/src/readers/html';
import { checkSize, isLimitError, type ReaderKind } from '../../core/src/readers/limits';
import type { Document, Reading, Report } from '../../core/src';
import { readPdf } from '../../node/src/pdf';
import { readInWorker, workerFile } from '../../node/src/readers-worker';
import type { EncodingOption } from './args';
import { decode, ioError, IoError, readBytes, readStdin, walk } from './io';
import type { Decoded } from './io';
import { STDIN_DISPLAY } from './output';

export interface Input {
  display: string;
  /** Absolute path, or null for stdin. */
  file: string | null;
  bytes: Buffer;
  decoded: Decoded;
  /** The document as read (plain text, crawler text, a page) and its report. */
  doc: Document;
  report: Report;
}

export const NOT_A_REPORT = '不是政府信息公开工作年度报告（未找到标题和章节） (not an annual report: no title or section headings found)';
export const EMPTY_FILE = '空文件，不是政府信息公开工作年度报告 (empty file: not an annual report)';
export const NO_REPORT_IN_DIR = '目录中没有找到政府信息公开工作年度报告 (no annual report found in this directory: .txt/.md files searched recursively)';

/** Files nianbao does not read: one clear line, exit 2 (recognised by extension or by their first bytes). */
const OFFICE_FORMATS: { test: (display: string, bytes: Buffer) => boolean; message: string }[] = [
  {
    test: (d, b) => /\.(doc|wps)$/i.test(d) || (b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0),
    message: '旧版 Word/WPS 文件（.doc、.wps）不能直接检查：请在 Word 或 WPS 中另存为 .docx 后再检查 (old .doc/.wps files: save as .docx)',
  },
];

/** A PDF: by its extension or its first bytes. */
const isPdf = (display: string, bytes: Buffer): boolean => /\.pdf$/i.test(display) || bytes.subarray(0, 5).toString('latin1') === '%PDF-';

/** A Word file: by its extension, or a zip on standard input. */
const isDocx = (display: string, bytes: Buffer): boolean =>
  /\.docx$/i.test(display) || (display === STDIN_DISPLAY && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04);

/**
 * A reader bundled apart (README.md, "Published layouts"): `dist/<bundle>` beside the CLI bundle, or
 * the compiled module when running from `out/` (tests). Loaded the first time such a file is read.
 */
function lazyReader<T>(bundle: string, compiled: string): T {
  const file = path.join(__dirname, bundle);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(fs.existsSync(file) ? file : path.join(__dirname, compiled)) as T;
}

let docxReader: ((bytes: Uint8Array) => Reading) | null = null;
/** Reads a `.docx` (throws LimitError or DocxError, whose messages are one clear line). */
export function readDocxFile(bytes: Uint8Array): Reading {
  docxReader ??= lazyReader<{ readDocx: (b: Uint8Array) => Reading }>('docx.js', '../../core/src/readers/docx.js').readDocx;
  return docxReader(bytes);
}

/** Which reader, hence which limits (README.md "Limits"), a file goes to by its name. */
export function readerKind(display: string): ReaderKind {
  if (/\.html?$/i.test(display)) return 'html';
  if (/\.pdf$/i.test(display)) return 'pdf';
  if (/\.(docx|doc|wps)$/i.test(display)) return 'docx';
  return 'text';
}

/**
 * Reads a file after checking its size against its reader's maxBytes (a LimitError as an IoError:
 * one line naming the limit, the other files are still checked).
 */
function readChecked(file: string, display: string, size?: number): Buffer {
  try {
    checkSize(readerKind(display), size ?? fs.statSync(file).size);
  } catch (e) {
    if (isLimitError(e)) throw new IoError(display, e.message);
    throw ioError(display, e);
  }
  return readBytes(file);
}

const isHtml = (display: string, text: string): boolean =>
  /\.html?$/i.test(display) || (display === STDIN_DISPLAY && /^\s*<(?:!doctype|html|head|body|meta|div|p|table)\b/i.test(text));

/** A page (`.html`, `.htm`, or markup on standard input) through the HTML reader; any other text as text. */
export function readDocument(display: string, text: string): Document {
  return isHtml(display, text) ? documentOf(readHtml(text)) : readText(text);
}

/**
 * Reads a document as readDocument does, a page in a worker thread (node/src/readers-worker.ts)
 * stopped past LIMITS.html.maxMs, as the language server does: a page that would take parse5 minutes
 * gets the limit's line and the other files are still checked. In place when the worker is not
 * built beside this bundle (tests run from out/).
 */
export async function readDocumentTimed(display: string, text: string): Promise<Document> {
  if (!isHtml(display, text) || !workerFile()) return readDocument(display, text);
  try {
    return documentOf(await readInWorker('html', text));
  } catch (e) {
    if (isLimitError(e)) throw e;
    throw new IoError(display, `网页无法读取 (cannot read the page: ${String((e as Error)?.message ?? e).split('\n')[0]})`);
  }
}

/**
 * Reads every PATH in order and hands each report to `onReport`; each problem goes to `onError`
 * (the caller prints it and exits 2 at the end). The same file reached twice is read once.
 */
export async function collect(
  paths: readonly string[],
  encoding: EncodingOption,
  onReport: (input: Input) => void,
  onError: (e: IoError) => void,
): Promise<void> {
  const seen = new Set<string>();
  let stdinUsed = false;

  /** Decodes and parses one file; true when it was a report (and went to onReport). */
  const load = async (display: string, file: string | null, bytes: Buffer, explicit: boolean): Promise<boolean> => {
    const pdf = isPdf(display, bytes);
    if (pdf || isDocx(display, bytes)) {
      let doc: Document;
      try {
        doc = documentOf(pdf ? await readPdf(bytes) : readDocxFile(bytes));
      } catch (e) {
        if (!(e instanceof Error) || !/^(LimitError|DocxError|PdfError)$/.test(e.name)) throw e;
        // Past a limit: said even inside a directory, as for pages and text (README.md "Limits").
        if (explicit || isLimitError(e)) onError(new IoError(display, e.message));
        return false;
      }
      if (!doc.report.isReport) {
        if (explicit) onError(new IoError(display, NOT_A_REPORT));
        return false;
      }
      // What is read stands in for the file's text: positions are in it (`nianbao show`, the draft 导入 Word 年报 writes).
      onReport({ display, file, bytes, decoded: { text: doc.source, encoding: 'utf-8', bom: false }, doc, report: doc.report });
      return true;
    }
    const office = OFFICE_FORMATS.find((f) => f.test(display, bytes));
    if (office) {
      if (explicit) onError(new IoError(display, office.message));
      return false;
    }
    let decoded: Decoded;
    try {
      decoded = decode(bytes, encoding, display);
    } catch (e) {
      if (!(e instanceof IoError)) throw e;
      if (explicit) onError(e);
      return false; // in a directory: a binary or undecodable file is not a report; skip silently
    }
    if (decoded.text.trim() === '') {
      if (explicit) onError(new IoError(display, EMPTY_FILE));
      return false;
    }
    let doc: Document;
    try {
      doc = await readDocumentTimed(display, decoded.text);
    } catch (e) {
      // Past a reader's limit: said even inside a directory (it may well be a report).
      if (e instanceof IoError) {
        onError(e);
        return false;
      }
      if (!isLimitError(e)) throw e;
      onError(new IoError(display, e.message));
      return false;
    }
    const report = doc.report;
    if (!report.isReport) {
      if (explicit) onError(new IoError(display, NOT_A_REPORT));
      return false;
    }
    onReport({ display, file, bytes, decoded, doc, report });
    return true;
  };

  for (const p of paths) {
    if (p === '-') {
      if (stdinUsed) continue;
      stdinUsed = true;
      let bytes: Buffer;
      try {
        bytes = await readStdin((n) => checkSize('text', n));
      } catch (err) {
        onError(isLimitError(err) ? new IoError(STDIN_DISPLAY, err.message) : ioError(STDIN_DISPLAY, err));
        continue;
      }
      await load(STDIN_DISPLAY, null, bytes, true);
      continue;
    }
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch (err) {
      onError(ioError(p, err));
      continue;
    }
    if (st.isDirectory()) {
      let reports = 0;
      for (const found of walk(p, onError)) {
        const key = realKey(found.file);
        if (seen.has(key)) {
          reports++; // already checked through another argument: it still counts for this directory
          continue;
        }
        let bytes: Buffer;
        try {
          bytes = readChecked(found.file, found.display);
        } catch (e) {
          if (e instanceof IoError) onError(e);
          continue;
        }
        if (await load(found.display, path.resolve(found.file), bytes, false)) {
          seen.add(key);
          reports++;
        }
      }
      if (reports === 0) onError(new IoError(p, NO_REPORT_IN_DIR));
      continue;
    }
    if (!st.isFile()) {
      onError(new IoError(p, '不是普通文件 (not a regular file)'));
      continue;
    }
    const key = realKey(p);
    if (seen.has(key)) continue;
    seen.add(key);
    let bytes: Buffer;
    try {
      bytes = readChecked(p, p, st.size);
    } catch (e) {
      if (e instanceof IoError) onError(e);
      continue;
    }
    await load(p, path.resolve(p), bytes, true);
  }

  function realKey(file: string): string {
    try {
      return fs.realpathSync(file);
    } catch {
      return path.resolve(file);
    }
  }
}
