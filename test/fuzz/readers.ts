// Fuzzing each reader (README.md "Limits"): hostile inputs built here, with fast-check, for every
// reader the command line and the language server use. Shared by `npm run fuzz` (test/fuzz/run.ts,
// `--reader NAME`, 10,000+ inputs per reader) and `npm test` (test/unit/readers-fuzz.test.ts, a few
// hundred per reader, fixed seed).
//
// The property, for every input: the reader (and the check of what it read) returns, or throws one
// of the clear refusals — a LimitError, the CLI's IoError for undecodable bytes, the Word reader's
// DocxError — and never anything else; and it takes less than READ_BOUND_MS.
//
// A new reader plugs in by adding an entry to READERS: a name, an arbitrary of its inputs and
// `holds(input)` (async for the PDF reader, whose pdf.js is asynchronous).
//
// The PDF reader is fuzzed in place: pdf.js with the reader's own options and text extraction
// (node/src/pdf-text.ts), then the core's layout and the check, thousands of files in one thread
// (a worker thread per file, as `nianbao check` starts, costs a few hundred milliseconds). The
// thread and its time limit are tested in test/unit/limits.test.ts and pdf.test.ts.

import * as fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as iconv from 'iconv-lite';
import { strToU8, zipSync } from 'fflate';
import { checkDocument, documentOf } from '../../core/src';
import { readHtml } from '../../core/src/readers/html';
import { readDocx } from '../../core/src/readers/docx';
import { isLimitError, LIMITS } from '../../core/src/readers/limits';
import { hasTextLayer, readPdfPages } from '../../core/src/readers/pdf';
import { readText } from '../../core/src/readers/runtext';
import { loadPdfJs, textPages, type PdfJs } from '../../node/src/pdf-text';
import { pagePdf, type PageSpec } from './pdf-build';
import { decode, IoError } from '../../cli/src/io';
import { readDocument } from '../../cli/src/inputs';
import { docxFromMarkdown, docxOf, documentXml } from '../office-fixtures';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
const fixture = (name: string) => fs.readFileSync(path.join(ROOT, 'test', 'fixtures', name), 'utf8');

/** No input may take longer (a hang or a blow-up; generous, as the machine may be busy). */
export const READ_BOUND_MS = 15_000;

export class ReaderFailure extends Error {}

/** Runs `f`: returns, or throws only a clear refusal; within READ_BOUND_MS. */
function refusedClearly(f: () => void): boolean {
  const t0 = Date.now();
  try {
    f();
  } catch (e) {
    const name = (e as Error)?.name;
    if (!(isLimitError(e) || e instanceof IoError || name === 'DocxError')) {
      throw new ReaderFailure(`threw ${name}: ${(e as Error)?.stack ?? String(e)}`);
    }
  }
  const ms = Date.now() - t0;
  if (ms > READ_BOUND_MS) throw new ReaderFailure(`took ${ms} ms (bound ${READ_BOUND_MS} ms)`);
  return true;
}

// ---------------------------------------------------------------------------
// HTML

const TAGS = [
  'html', 'head', 'body', 'div', 'p', 'span', 'b', 'i', 'font', 'a', 'strong', 'table', 'tr', 'td', 'th', 'tbody', 'thead',
  'caption', 'colgroup', 'col', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'br', 'hr', 'img', 'script', 'style', 'title', 'textarea',
  'template', 'svg', 'math', 'select', 'option', 'iframe', 'plaintext', 'xmp', 'noscript', 'h1', 'center', 'form', 'button',
  'frameset', 'frame', 'object', 'marquee', 'nobr', 'pre', 'meta',
];
const ATTRS = [
  '', ' id=1', ' colspan="2"', ' rowspan=22', ' class="x"', ' href="file:///etc/passwd"', ' src="http://198.51.100.7/x"', " a='>'",
  ' charset="gbk"', ' style="font-family: 黑体"', ' colspan=99999999', ' /',
];
const WORDS = [
  '青禾市某局2024年度政府信息公开工作年度报告', '一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况',
  '四、政府信息公开行政复议、行政诉讼情况', '（一）予以公开', '（七）总计', '总计', '12', '0', '53', '/', '—', ' ', '\n', '　',
  '&nbsp;', '&amp;', '&#x1F600;', '&#0;', '&#xD800;', '&lt;', '&', '<', '>', '</', '<!--', '-->', '<!doctype html>', '<![CDATA[',
  '<?xml ?>', '\u0000', '\ufeff', '\r\n', '|',
];

const openTag = fc.tuple(fc.constantFrom(...TAGS), fc.constantFrom(...ATTRS)).map(([t, a]) => `<${t}${a}>`);
const closeTag = fc.constantFrom(...TAGS).map((t) => `</${t}>`);
const htmlPiece = fc.oneof({ weight: 3, arbitrary: openTag }, { weight: 2, arbitrary: closeTag }, { weight: 3, arbitrary: fc.constantFrom(...WORDS) }, fc.string({ maxLength: 8 }));
const htmlSoup = fc.array(htmlPiece, { maxLength: 150 }).map((p) => p.join(''));

const deepNesting = fc
  .record({ tag: fc.constantFrom(...TAGS), n: fc.integer({ min: 1, max: 3000 }), close: fc.boolean(), tail: htmlSoup })
  .map(({ tag, n, close, tail }) => `${`<${tag}>`.repeat(n)}${tail}${close ? `</${tag}>`.repeat(n) : ''}`);
const reopened = fc
  .record({ n: fc.integer({ min: 1, max: 1500 }), tag: fc.constantFrom('b', 'i', 'font', 'a', 'nobr', 'strong'), same: fc.boolean() })
  .map(({ n, tag, same }) => Array.from({ length: n }, (_, i) => `<p><${tag}${same ? '' : ` id=${i}`}>x</p>`).join(''));
const hugeCell = fc
  .record({ n: fc.integer({ min: 1000, max: 300_000 }), ch: fc.constantFrom('1', '中', ' ', '&nbsp;', '<span>') })
  .map(({ n, ch }) => `<h1>某局2024年度政府信息公开工作年度报告</h1><table><tr><td>（一）予以公开</td><td>${ch.repeat(n)}</td></tr></table>`);
const manyCells = fc
  .integer({ min: 1, max: 30_000 })
  .map((n) => `<h1>某局2024年度政府信息公开工作年度报告</h1><table><tr>${'<td>1'.repeat(n)}</table>`);

let pageCache: string | null = null;
const page = () => (pageCache ??= fixture('page-2021.html'));
/**
 * A text with up to `maxEdits` splices: at a random place, up to `maxCut` characters cut out and one
 * of `pieces` put in.
 */
function spliced(base: () => string, maxCut: number, pieces: fc.Arbitrary<string>, maxEdits: number): fc.Arbitrary<string> {
  return fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat({ max: maxCut }), pieces), { minLength: 1, maxLength: maxEdits }).map((edits) => {
    let s = base();
    for (const [at, len, insert] of edits) {
      const i = Math.floor(at * s.length);
      s = s.slice(0, i) + insert + s.slice(i + len);
    }
    return s;
  });
}

/** The fixture page with pieces cut out, replaced or inserted (unclosed tables, cut entities, cells moved). */
const mutatedPage = spliced(page, 400, htmlPiece, 12);

export const htmlInput: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: htmlSoup },
  { weight: 4, arbitrary: mutatedPage },
  { weight: 2, arbitrary: deepNesting },
  { weight: 1, arbitrary: reopened },
  { weight: 1, arbitrary: hugeCell },
  { weight: 1, arbitrary: manyCells },
  { weight: 1, arbitrary: fc.constant('') },
);

export function htmlHolds(src: string): boolean {
  return refusedClearly(() => {
    checkDocument(documentOf(readHtml(src)));
  });
}

// ---------------------------------------------------------------------------
// Bytes of a file as the command line reads it: encodings mixed, declared wrong, cut in the middle.

const reportText = () => fixture('cli-clean.txt');
const encoded = fc.constantFrom('utf8', 'utf8bom', 'gb18030', 'utf16le', 'utf16be', 'latin1').map((enc) => {
  const t = reportText();
  switch (enc) {
    case 'utf8':
      return Buffer.from(t, 'utf8');
    case 'utf8bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t, 'utf8')]);
    case 'gb18030':
      return iconv.encode(t, 'gb18030');
    case 'utf16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]);
    case 'utf16be':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(t, 'utf-16be')]);
    default:
      return iconv.encode(t, 'latin1');
  }
});
/** A page that declares one charset and is written in another (or in two). */
const declaredWrong = fc
  .record({ declared: fc.constantFrom('gbk', 'gb2312', 'utf-8', 'big5', 'x-unknown', 'utf-16'), written: fc.constantFrom('utf8', 'gb18030', 'mixed') })
  .map(({ declared, written }) => {
    const html = page().replace('<meta charset="utf-8">', `<meta charset="${declared}">`);
    if (written === 'utf8') return Buffer.from(html, 'utf8');
    if (written === 'gb18030') return iconv.encode(html, 'gb18030');
    const half = Math.floor(html.length / 2);
    return Buffer.concat([Buffer.from(html.slice(0, half), 'utf8'), iconv.encode(html.slice(half), 'gb18030')]);
  });
const cutBytes = fc.tuple(fc.oneof(encoded, declaredWrong), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })).map(([b, a, z]) => {
  const i = Math.floor(Math.min(a, z) * b.length);
  const j = Math.floor(Math.max(a, z) * b.length);
  return Buffer.concat([b.subarray(0, i), b.subarray(j)]);
});

export interface FileInput {
  name: 'report.txt' | 'page.html';
  bytes: Uint8Array;
}

export const fileInput: fc.Arbitrary<FileInput> = fc.record({
  name: fc.constantFrom('report.txt' as const, 'page.html' as const),
  bytes: fc.oneof(
    { weight: 2, arbitrary: encoded },
    { weight: 3, arbitrary: declaredWrong },
    { weight: 3, arbitrary: cutBytes },
    { weight: 2, arbitrary: fc.uint8Array({ maxLength: 2000 }) },
    { weight: 1, arbitrary: fc.constant(new Uint8Array(0)) },
  ),
});

export function fileHolds(f: FileInput): boolean {
  return refusedClearly(() => {
    const d = decode(f.bytes, 'auto', f.name);
    checkDocument(readDocument(f.name, d.text));
  });
}

// ---------------------------------------------------------------------------
// Word: zip bombs, truncated zips, wrong content types, XML with entities and DTDs.

const MiB = 1024 * 1024;
let cleanDocx: Uint8Array | null = null;
const docx = () => (cleanDocx ??= docxFromMarkdown(fixture('clean-2021.md')));
let bombs: Uint8Array[] | null = null;
/** Zips that expand past the limits: one huge part, many parts, a huge part under another name. */
const bombList = () => {
  if (!bombs) {
    const zeros = new Uint8Array(70 * MiB);
    const part = zeros.subarray(0, 60 * MiB);
    bombs = [
      zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': zeros }, { level: 9 }),
      zipSync(Object.fromEntries(Array.from({ length: 6000 }, (_, i) => [`word/m${i}.xml`, strToU8('x')])), { level: 0 }),
      zipSync(
        { 'word/document.xml': strToU8(documentXml('# 标题')), ...Object.fromEntries([1, 2, 3, 4, 5].map((i) => [`word/media/${i}.bin`, part])) },
        { level: 9 },
      ),
    ];
  }
  return bombs;
};
const XML_TRICKS = [
  '<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
  '<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>',
  '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="http://198.51.100.7/x.xml"/>',
  '&x;', '&c;', '<w:tbl>'.repeat(100), '<w:p>', '</w:body>', '\u0000', '<w:t>', '</w:t>', ']]>',
];
const brokenXml = fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...XML_TRICKS)), { minLength: 1, maxLength: 6 }).map((edits) => {
  let xml = documentXml('# 青禾市某局2024年度政府信息公开工作年度报告\n\n一、总体情况\n\n| （一）予以公开 | 1 | 2 |');
  for (const [at, insert] of edits) {
    const i = Math.floor(at * xml.length);
    xml = xml.slice(0, i) + insert + xml.slice(i);
  }
  return docxOf(xml);
});
const wrongTypes = fc.constantFrom(
  () => zipSync({ 'word/document.xml': strToU8(documentXml('# x')) }),
  () => zipSync({ '[Content_Types].xml': strToU8('<Types><Override PartName="/word/document.xml" ContentType="image/png"/></Types>'), 'word/document.xml': new Uint8Array([0x89, 0x50]) }),
  () => zipSync({ '[Content_Types].xml': strToU8('not xml') }),
  () => zipSync({}),
  () => Buffer.from('PK\u0003\u0004 not really a zip'),
  () => Buffer.from('%PDF-1.7 a pdf named .docx'),
).map((f) => f());
const truncatedDocx = fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 })).map(([cut, flips]) => {
  const b = Uint8Array.from(docx());
  for (const [at, v] of flips) b[at % b.length] = v;
  return b.subarray(0, Math.floor(cut * b.length));
});

export const docxInput: fc.Arbitrary<Uint8Array> = fc.oneof(
  { weight: 4, arbitrary: truncatedDocx },
  { weight: 3, arbitrary: brokenXml },
  { weight: 1, arbitrary: wrongTypes },
  { weight: 1, arbitrary: fc.nat({ max: 2 }).map((i) => bombList()[i]) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 500 }) },
  { weight: 1, arbitrary: fc.constant(new Uint8Array(0)) },
);

export function docxHolds(bytes: Uint8Array): boolean {
  return refusedClearly(() => {
    const r = readDocx(bytes);
    if (r.text.includes('root:')) throw new ReaderFailure('an external entity was read');
    checkDocument(documentOf(r));
  });
}

// ---------------------------------------------------------------------------

// ---------------------------------------------------------------------------
// Crawler text: the whole report in one paragraph, cells run together (core/src/readers/runtext.ts
// enumerates the splits of a run of digits: long runs, many rows, digits moved between rows).

const crawler = () => fixture('crawler-2021.txt');
const DIGITS = fc.stringMatching(/^[0-9 ]{1,60}$/);
const crawlerEdit = fc.oneof(
  DIGITS,
  fc.constantFrom('一、本年新收政府信息公开申请数量', '（一）予以公开', '总计', '　', '\n', '', '0'.repeat(200), '1'.repeat(40), '１２３', '.5', '四、政府信息公开行政复议、行政诉讼情况'),
  fc.string({ maxLength: 6 }),
);
const mutatedCrawler = spliced(crawler, 60, crawlerEdit, 10);
/** Every row's digits run together into one long run (the split search must stay bounded). */
const runTogether = fc.record({ joined: fc.boolean(), repeat: fc.integer({ min: 1, max: 40 }) }).map(({ joined, repeat }) => {
  const t = crawler().replace(/(\d)\s+(?=\d)/g, joined ? '$1' : '$1 ');
  return repeat > 30 ? t.repeat(repeat - 30) : t;
});

export const crawlerInput: fc.Arbitrary<string> = fc.oneof({ weight: 6, arbitrary: mutatedCrawler }, { weight: 2, arbitrary: runTogether }, { weight: 1, arbitrary: fc.string({ maxLength: 300 }) });

export function crawlerHolds(text: string): boolean {
  return refusedClearly(() => {
    checkDocument(readText(text));
  });
}

// ---------------------------------------------------------------------------
// PDF: files built here (test/fuzz/pdf-build.ts) with broken or looping cross-reference tables,
// page trees that claim millions of pages or contain themselves, huge and absurd page sizes, content
// streams that are enormous, inflate to megabytes or draw forms drawing forms, wrong headers, zero
// bytes; and the fixture report's PDF truncated and with bytes flipped, cut out or inserted.

const SAFE_LINES = ['Annual report 2024', 'I. 12 0 12', '(1) 5 0 5', 'Total 53 0 53', '- 1 -', '12345678901234567890', ''];
const pdfSpec: fc.Arbitrary<PageSpec> = fc.record(
  {
    content: fc.oneof(
      { weight: 30, arbitrary: fc.constantFrom<PageSpec['content']>('text', 'text', 'text', 'self-form', 'garbage', 'lying-length', 'none') },
      { weight: 1, arbitrary: fc.constantFrom<PageSpec['content']>('enormous', 'inflating', 'form-doubling') },
    ),
    lines: fc.array(fc.oneof(fc.constantFrom(...SAFE_LINES), fc.string({ maxLength: 30 })), { maxLength: 20 }),
    n: fc.integer({ min: 1, max: 10 }),
    mediaBox: fc.constantFrom('[0 0 595 842]', '[0 0 1e38 1e38]', '[0 0 0 0]', '[-1e9 -1e9 1e9 1e9]', '[1 2]', '(x)', '[0 0 14400 14400]', '[NaN 0 1 1]'),
    kids: fc.oneof({ weight: 10, arbitrary: fc.integer({ min: 1, max: 8 }) }, { weight: 2, arbitrary: fc.integer({ min: 501, max: 5000 }) }, { weight: 1, arbitrary: fc.constant(500) }),
    count: fc.constantFrom('1', '0', '-1', '2147483647', '99999999999999', '3.5', '/Name', 'null'),
    kidsLoop: fc.boolean(),
    hostile: fc.constant({ url: 'http://198.51.100.7', file: 'file:///etc/passwd' }),
    header: fc.constantFrom('%PDF-1.7', '%PDF-1.4', '%PDF-9.9', '%PDF-', '', '<html>', 'PK\u0003\u0004', '%!PS-Adobe-3.0', '\ufeff%PDF-1.7'),
    xref: fc.constantFrom<NonNullable<PageSpec['xref']>>('ok', 'ok', 'none', 'wrong-offsets', 'prev-loop', 'startxref-beyond', 'short-size'),
    shift: fc.integer({ min: -2000, max: 2000 }),
    garbage: fc.uint8Array({ maxLength: 300 }),
  },
  { requiredKeys: ['content'] },
).map((spec) => {
  // Heavy contents scaled to stay well within the fuzz's time bound, on one page (500 pages of them
  // are what pdf.maxMs stops: test/unit/limits.test.ts); 500 pages of text are read whole.
  if (spec.content === 'enormous') spec.n = (spec.n ?? 1) * 500;
  if (spec.content === 'inflating') spec.n = Math.min(spec.n ?? 1, 16);
  if (['enormous', 'inflating', 'form-doubling'].includes(spec.content) && spec.kids !== undefined) spec.kids = Math.min(spec.kids, 2);
  if (spec.kids === 500 && spec.lines) spec.lines = spec.lines.slice(0, 3);
  return spec;
});
/** A built PDF, sometimes cut at a random point. */
const builtPdf = fc.tuple(pdfSpec, fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { freq: 5 })).map(([spec, cut]) => {
  const b = pagePdf(spec);
  return cut === null ? b : b.subarray(0, Math.floor(cut * b.length));
});
let reportPdf: Uint8Array | null = null;
const pdfFixture = () => (reportPdf ??= fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'report-2021.pdf')));
const PDF_TOKENS = ['xref', 'trailer', 'startxref', '%%EOF', 'obj', 'endobj', 'stream', 'endstream', '<<', '>>', '/Length 999999999', '/Count 9999999', ' 0 R', '[', ']', '(', ')', '/Filter /FlateDecode'];
const mutatedPdf = fc
  .tuple(
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.array(fc.tuple(fc.nat(), fc.nat({ max: 64 }), fc.oneof(fc.constantFrom(...PDF_TOKENS), fc.string({ maxLength: 8 }))), { maxLength: 8 }),
  )
  .map(([cut, edits]) => {
    let b = Buffer.from(pdfFixture());
    for (const [at, len, insert] of edits) {
      const i = at % b.length;
      b = Buffer.concat([b.subarray(0, i), Buffer.from(insert, 'latin1'), b.subarray(i + len)]);
    }
    return cut > 0.6 ? b : b.subarray(0, Math.floor((cut / 0.6) * b.length));
  });

export const pdfInput: fc.Arbitrary<Uint8Array> = fc.oneof(
  { weight: 6, arbitrary: builtPdf },
  { weight: 2, arbitrary: mutatedPdf },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.concat([Buffer.from('%PDF-1.7\n'), b])) },
  { weight: 1, arbitrary: fc.constant(new Uint8Array(0)) },
);

let pdfjs: PdfJs | null = null;
/** What pdf.js tried to reach (it must not: no fetch, no HTTP, no socket). */
const reached: string[] = [];
async function offlinePdfJs(): Promise<PdfJs> {
  if (pdfjs) return pdfjs;
  const refuse = (what: string) => () => {
    reached.push(what);
    throw new Error(`fuzz: ${what} is not allowed`);
  };
  globalThis.fetch = refuse('fetch') as typeof fetch;
  for (const [name, keys] of [['node:http', ['request', 'get']], ['node:https', ['request', 'get']], ['node:net', ['connect', 'createConnection']]] as const) {
    const mod = require(name) as Record<string, unknown>;
    for (const k of keys) Object.defineProperty(mod, k, { value: refuse(`${name}.${k}`), configurable: true, writable: true });
  }
  return (pdfjs = await loadPdfJs());
}

/** The names of pdf.js's own errors (its BaseException subclasses) for a file it cannot read. */
const PDFJS_ERRORS = new Set(['FormatError', 'InvalidPDFException', 'UnknownErrorException', 'PasswordException', 'MissingPDFException', 'UnexpectedResponseException', 'AbortException']);

/** pdf.js's own errors are the reader's PdfError (one clear line, node/src/pdf.ts); the layout must never throw. */
export async function pdfHolds(bytes: Uint8Array): Promise<boolean> {
  const lib = await offlinePdfJs();
  const t0 = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ReaderFailure(`pdf.js took more than ${READ_BOUND_MS} ms`)), READ_BOUND_MS);
  });
  let read: Awaited<ReturnType<typeof textPages>> | null = null;
  // pdf.js can reject one of its own inner promises that nobody awaits (a damaged font program:
  // "FormatError: Invalid number"). In the reader's worker thread that ends the thread and the file
  // gets its one clear line (node/src/pdf.ts); here it is the same refusal. Any other unhandled
  // rejection is a failure.
  const stray: unknown[] = [];
  const onStray = (e: unknown) => stray.push(e);
  process.on('unhandledRejection', onStray);
  try {
    read = await Promise.race([textPages(lib, bytes, LIMITS.pdf.maxPages), bound]);
  } catch (e) {
    if (e instanceof ReaderFailure) throw e;
  } finally {
    clearTimeout(timer);
    await new Promise((r) => setImmediate(r));
    process.off('unhandledRejection', onStray);
  }
  const foreign = stray.find((e) => !PDFJS_ERRORS.has((e as Error)?.name));
  if (foreign !== undefined) throw new ReaderFailure(`unhandled rejection: ${String(foreign)}`);
  if (stray.length) read = null;
  if (reached.length) throw new ReaderFailure(`pdf.js tried to reach outside: ${reached.join(', ')}`);
  if (read?.kind === 'pages' && read.pages <= LIMITS.pdf.maxPages) throw new ReaderFailure(`refused ${read.pages} pages`);
  if (read?.kind === 'done') {
    const pages = read.pages;
    if (pages.length > LIMITS.pdf.maxPages) throw new ReaderFailure(`read ${pages.length} pages`);
    refusedClearly(() => {
      if (hasTextLayer(pages)) checkDocument(documentOf(readPdfPages(pages)));
    });
  }
  const ms = Date.now() - t0;
  if (ms > READ_BOUND_MS) throw new ReaderFailure(`took ${ms} ms (bound ${READ_BOUND_MS} ms)`);
  return true;
}

// ---------------------------------------------------------------------------

export interface FuzzedReader<T> {
  name: string;
  input: fc.Arbitrary<T>;
  holds: (input: T) => boolean | Promise<boolean>;
  /** holds returns a promise. */
  async?: boolean;
  /** How a failing input is written out. */
  show: (input: T) => string | Uint8Array;
}

export const READERS: FuzzedReader<never>[] = [
  { name: 'html', input: htmlInput, holds: htmlHolds, show: (s: string) => s },
  { name: 'file', input: fileInput, holds: fileHolds, show: (f: FileInput) => f.bytes },
  { name: 'docx', input: docxInput, holds: docxHolds, show: (b: Uint8Array) => b },
  { name: 'crawler', input: crawlerInput, holds: crawlerHolds, show: (s: string) => s },
  { name: 'pdf', input: pdfInput, holds: pdfHolds, show: (b: Uint8Array) => b, async: true },
] as unknown as FuzzedReader<never>[];
