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
// `read(input)`.

import * as fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as iconv from 'iconv-lite';
import { strToU8, zipSync } from 'fflate';
import { checkDocument, documentOf } from '../../core/src';
import { readHtml } from '../../core/src/readers/html';
import { readDocx } from '../../core/src/readers/docx';
import { isLimitError } from '../../core/src/readers/limits';
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
/** The fixture page with pieces cut out, replaced or inserted (unclosed tables, cut entities, cells moved). */
const mutatedPage = fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat({ max: 400 }), htmlPiece), { minLength: 1, maxLength: 12 }).map((edits) => {
  let s = page();
  for (const [at, len, insert] of edits) {
    const i = Math.floor(at * s.length);
    s = s.slice(0, i) + insert + s.slice(i + len);
  }
  return s;
});

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

export interface FuzzedReader<T> {
  name: string;
  input: fc.Arbitrary<T>;
  holds: (input: T) => boolean;
  /** How a failing input is written out. */
  show: (input: T) => string | Uint8Array;
}

export const READERS: FuzzedReader<never>[] = [
  { name: 'html', input: htmlInput, holds: htmlHolds, show: (s: string) => s },
  { name: 'file', input: fileInput, holds: fileHolds, show: (f: FileInput) => f.bytes },
  { name: 'docx', input: docxInput, holds: docxHolds, show: (b: Uint8Array) => b },
] as unknown as FuzzedReader<never>[];
