// Text primitives: line index, normalisation of labels, number cells. Everything here is linear
// in its input and uses no regular expression that can backtrack on long lines.

import { RecentMap, detached } from './recent';
import type { Span } from './types';

/** How many reports, and tables, the caches of derived data keep (recent.ts). */
export const REPORTS_KEPT = 2;
export const TABLES_KEPT = 12;

// ---------------------------------------------------------------------------
// Lines and positions

let cachedText: string | null = null;
let cachedStarts: number[] = [];

/** Offsets at which each line starts (line 0 starts at 0). Cached for the last text asked about. */
export function lineStarts(text: string): number[] {
  if (text === cachedText) return cachedStarts;
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  cachedText = text;
  cachedStarts = starts;
  return starts;
}

export interface Position {
  line: number;
  character: number;
}

/** 0-based line and UTF-16 character of an offset (clamped to the text). */
export function positionAt(text: string, offset: number): Position {
  const starts = lineStarts(text);
  const off = Math.max(0, Math.min(offset, text.length));
  const line = lastAtOrBefore(starts.length, (i) => starts[i], off);
  return { line, character: off - starts[line] };
}

export function offsetAt(text: string, pos: Position): number {
  const starts = lineStarts(text);
  if (pos.line < 0) return 0;
  if (pos.line >= starts.length) return text.length;
  const lineEnd = pos.line + 1 < starts.length ? starts[pos.line + 1] : text.length;
  return Math.max(starts[pos.line], Math.min(starts[pos.line] + pos.character, lineEnd));
}

export interface Line {
  /** Start offset of the line. */
  start: number;
  /** End offset of the line content (before `\r\n` / `\n`). */
  end: number;
}

/** Index of the line holding `offset` (the last line starting at or before it). */
export function lineIndexAt(lines: Line[], offset: number): number {
  return lastAtOrBefore(lines.length, (i) => lines[i].start, offset);
}

/**
 * Binary search over `count` ascending keys (`keyAt(i)`): the index of the last key ≤ `value`,
 * or 0 when there is none (the first element stands for everything before it). count ≥ 1.
 */
export function lastAtOrBefore(count: number, keyAt: (i: number) => number, value: number): number {
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (keyAt(mid) <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Every line of the text with its content span (line breaks excluded). */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start <= text.length) {
    let nl = text.indexOf('\n', start);
    if (nl === -1) nl = text.length;
    const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    lines.push({ start, end });
    start = nl + 1;
  }
  return lines;
}

const reportLines = new RecentMap<object, Line[]>(REPORTS_KEPT);

/**
 * The lines of a report's text (splitLines), split once per report: parse() hands over the lines it
 * read (keepLines), and the rules that walk the text line by line share them. Callers never change them.
 */
export function linesOf(report: { readonly text: string }): Line[] {
  let lines = reportLines.get(report);
  if (!lines) reportLines.set(report, (lines = splitLines(report.text)));
  return lines;
}

/** Record the lines of a report's text, as read by parse(). */
export function keepLines<R extends { readonly text: string }>(report: R, lines: Line[]): R {
  reportLines.set(report, lines);
  return report;
}

/** The line break the document uses (for inserted text). */
export function eolOf(text: string): string {
  const nl = text.indexOf('\n');
  return nl > 0 && text.charCodeAt(nl - 1) === 13 ? '\r\n' : '\n';
}

// ---------------------------------------------------------------------------
// Characters

/** Blanks seen in pasted reports: ASCII space and tab, NBSP, ideographic space, the other Unicode spaces, BOM, CR. */
export function isBlank(code: number): boolean {
  // Most characters read are Chinese or ASCII letters and digits: answered before the list.
  if (code > 0x3000) return code === 0xfeff;
  if (code > 0x20 && code < 0xa0) return false;
  return (
    code === 0x20 ||
    code === 0x09 ||
    code === 0x0d ||
    code === 0x0b ||
    code === 0x0c ||
    code === 0xa0 ||
    code === 0x3000 ||
    code === 0xfeff ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200b) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f
  );
}

/** The span of text[start, end) with blanks trimmed from both ends. */
export function trimSpan(text: string, start: number, end: number): Span {
  while (start < end && isBlank(text.charCodeAt(start))) start++;
  while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
  return { start, end };
}

/** Quotes dropped from labels: “ ” " ' ‘ ’ 「 」 『 』 ＂ ＇ */
function isQuote(code: number): boolean {
  return (
    code === 0x201c ||
    code === 0x201d ||
    code === 0x22 ||
    code === 0x27 ||
    code === 0x2018 ||
    code === 0x2019 ||
    code === 0x300c ||
    code === 0x300d ||
    code === 0x300e ||
    code === 0x300f ||
    code === 0xff02 ||
    code === 0xff07
  );
}

/** The code a label keeps for `code` (after `last`), or -1 when the character is dropped. */
export function labelCharCode(code: number, last: number): number {
  if (isBlank(code) || code === 0x0a || isQuote(code)) return -1;
  if (code >= 0xff01 && code <= 0xff5e) return code - 0xfee0;
  if (code === 0x3001 /* 、 */ && isAsciiDigit(last)) return 0x2e;
  return code;
}

/** normalizeLabel's results for short labels that needed normalising (bounded: cleared when full). */
const normalized = new Map<string, string>();
const MEMO_MAX_LENGTH = 64;
const MEMO_MAX_ENTRIES = 4096;

/** Scratch space for normalizeLabel: the codes of the label being built. */
let scratch = new Uint16Array(256);

/**
 * Normalise a label for matching: blanks removed, full-width ASCII folded to half-width,
 * quotes removed, and a digit's ordinal mark unified (`1、` `1．` `1.` → `1.`).
 * Called for every token of every table, so it allocates nothing when the label is already normal
 * (numbers, most of all) and builds the result from char codes otherwise.
 */
export function normalizeLabel(s: string): string {
  const n = s.length;
  let i = 0;
  for (let last = 0; i < n; i++) {
    const code = s.charCodeAt(i);
    if (labelCharCode(code, last) !== code) break;
    last = code;
  }
  if (i === n) return s;
  // Labels that need normalising are few and recur in every report (（一）予以公开, １．…): kept.
  const memo = n <= MEMO_MAX_LENGTH ? normalized.get(s) : undefined;
  if (memo !== undefined) return memo;
  if (scratch.length < n) scratch = new Uint16Array(n);
  for (let k = 0; k < i; k++) scratch[k] = s.charCodeAt(k);
  let len = i;
  let last = i > 0 ? s.charCodeAt(i - 1) : 0;
  for (; i < n; i++) {
    const c = labelCharCode(s.charCodeAt(i), last);
    if (c === -1) continue;
    scratch[len++] = c;
    last = c;
  }
  let out = '';
  for (let k = 0; k < len; k += 4096) out += String.fromCharCode.apply(null, scratch.subarray(k, Math.min(len, k + 4096)) as unknown as number[]);
  if (n <= MEMO_MAX_LENGTH) {
    if (normalized.size >= MEMO_MAX_ENTRIES) normalized.clear();
    normalized.set(detached(s), out);
  }
  return out;
}

export function isAsciiDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

export function isFullWidthDigit(code: number): boolean {
  return code >= 0xff10 && code <= 0xff19;
}

export function digitValue(code: number): number {
  if (isAsciiDigit(code)) return code - 0x30;
  if (isFullWidthDigit(code)) return code - 0xff10;
  return -1;
}

// ---------------------------------------------------------------------------
// Numbers in cells

export type NumberKind = 'int' | 'decimal' | 'signed';

export interface ParsedNumber {
  value: number;
  fullWidth: boolean;
}

/**
 * Parse a cell's trimmed text as a number of the given kind. Accepts ASCII and full-width
 * digits; `signed` allows a leading sign; `decimal` allows one decimal point.
 */
export function parseNumber(s: string, kind: NumberKind = 'int'): ParsedNumber | null {
  let i = 0;
  let sign = 1;
  if (kind === 'signed' && s.length > 1) {
    const c = s.charCodeAt(0);
    if (c === 0x2d || c === 0x2212 || c === 0xff0d) sign = -1; // - − －
    if (sign === -1 || c === 0x2b || c === 0xff0b) i = 1; // + ＋
  }
  // Read without building strings: every cell of every table comes through here.
  let intDigits = 0;
  let fracDigits = 0;
  let intValue = 0;
  let fullWidth = false;
  let point = -1;
  for (; i < s.length; i++) {
    const code = s.charCodeAt(i);
    const d = digitValue(code);
    if (d >= 0) {
      if (isFullWidthDigit(code)) fullWidth = true;
      if (point === -1) {
        intDigits++;
        intValue = intValue * 10 + d;
      } else fracDigits++;
      continue;
    }
    if (kind === 'decimal' && point === -1 && (code === 0x2e || code === 0xff0e) && intDigits > 0 && i + 1 < s.length) {
      point = i;
      continue;
    }
    return null;
  }
  if (intDigits + fracDigits === 0 || intDigits > 15) return null;
  if (point === -1) return { value: sign * intValue, fullWidth };
  let digits = '';
  for (let k = 0; k < s.length; k++) {
    const d = digitValue(s.charCodeAt(k));
    if (d >= 0) digits += d;
    else if (k === point) digits += '.';
  }
  return { value: sign * Number(digits), fullWidth };
}

/**
 * True when `s` reads as a number of some kind: `parseNumber(s, 'signed')` or
 * `parseNumber(s, 'decimal')` would not be null. Allocates nothing (every token of a table is asked).
 */
export function isNumberText(s: string): boolean {
  const n = s.length;
  let i = 0;
  if (n > 1) {
    const c = s.charCodeAt(0);
    if (c === 0x2d || c === 0x2212 || c === 0xff0d || c === 0x2b || c === 0xff0b) i = 1;
  }
  // A sign rules out a decimal point (a signed number is an integer).
  const signed = i === 1;
  let intDigits = 0;
  let fracDigits = 0;
  let point = false;
  for (; i < n; i++) {
    const code = s.charCodeAt(i);
    if (digitValue(code) >= 0) {
      if (point) fracDigits++;
      else intDigits++;
      continue;
    }
    if (!signed && !point && (code === 0x2e || code === 0xff0e) && intDigits > 0 && i + 1 < n) {
      point = true;
      continue;
    }
    return false;
  }
  return intDigits + fracDigits > 0 && intDigits <= 15;
}

/** Format a value for a cell, keeping the width of the digits it replaces. */
export function formatNumber(value: number, fullWidth: boolean): string {
  const s = String(value);
  if (!fullWidth) return s;
  let out = '';
  for (const ch of s) out += ch >= '0' && ch <= '9' ? String.fromCharCode(ch.charCodeAt(0) + 0xfee0) : ch;
  return out;
}

/** Chinese numerals used in years (二〇二三) to their digit. */
const CN_DIGITS: Record<string, string> = {
  '〇': '0', '○': '0', 'Ｏ': '0', '零': '0', '一': '1', '二': '2', '三': '3', '四': '4',
  '五': '5', '六': '6', '七': '7', '八': '8', '九': '9',
};

/**
 * A date that opens a calendar year (group 2 set) or closes one: 2023年1月1日, 2023年12月31日, in
 * ASCII or full-width digits, 一 or 十二 (the statistical period of a report). Each user makes its
 * own global copy: `new RegExp(YEAR_EDGE_DATE.source, 'g')`.
 */
export const YEAR_EDGE_DATE = /([0-9０-９]{4})\s?年\s?(?:((?:0?1|０?１|一)\s?月\s?(?:0?1|０?１|一))|(?:12|１２|十二)\s?月\s?(?:31|３１|三十一))\s?日/;

/** What a page puts between its breadcrumbs (`首页>政务公开>…`) before a title: no part of the title or of the agency. */
export const BREADCRUMB_MARKS = '>＞›»';

/** A four-character year in ASCII, full-width or Chinese digits, or null. */
export function parseYear(s: string): number | null {
  if (s.length !== 4) return null;
  let out = '';
  for (let i = 0; i < 4; i++) {
    const d = digitValue(s.charCodeAt(i));
    if (d >= 0) out += d;
    else if (CN_DIGITS[s[i]] !== undefined) out += CN_DIGITS[s[i]];
    else return null;
  }
  const y = Number(out);
  return y >= 1990 && y <= 2100 ? y : null;
}

/** Chinese numeral characters (common and financial forms) to their digit value. */
const CN_NUMERALS: Record<string, number> = {
  '〇': 0, '○': 0, '零': 0, '一': 1, '壹': 1, '二': 2, '贰': 2, '两': 2, '三': 3, '叁': 3, '四': 4, '肆': 4,
  '五': 5, '伍': 5, '六': 6, '陆': 6, '七': 7, '柒': 7, '八': 8, '捌': 8, '九': 9, '玖': 9,
};
const CN_UNITS: Record<string, number> = { '十': 10, '拾': 10, '百': 100, '佰': 100, '千': 1000, '仟': 1000 };

/**
 * A non-negative whole number written in Chinese numerals (十二, 二十, 一百零五, 两千三百, 三万零四十, 〇),
 * or null when the text is anything else. Only a well-formed numeral is read: units must fall
 * (千 before 百 before 十), a digit stands before each unit but 十 at the start (十二 = 12).
 * Digit strings without units (一二) are not read: 一二 could mean 12 or “one or two”.
 */
export function parseChineseNumber(s: string): number | null {
  if (!s || s.length > 16) return null;
  if (s.length === 1 && CN_NUMERALS[s] === 0) return 0;
  let total = 0;
  let section = 0; // below 万
  let digit = -1; // pending digit, -1 when none
  let lastUnit = 10_000; // units within a section must fall
  let wan = false;
  let zeroPending = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (CN_NUMERALS[ch] !== undefined) {
      const d = CN_NUMERALS[ch];
      if (d === 0) {
        // 一百零五: a zero only stands between a unit and a digit.
        if (digit >= 0 || zeroPending || (section === 0 && !wan)) return null;
        zeroPending = true;
        continue;
      }
      if (digit >= 0) return null; // two digits in a row: 一二
      digit = d;
      continue;
    }
    const unit = CN_UNITS[ch];
    if (unit !== undefined) {
      if (unit >= lastUnit) return null;
      if (digit < 0) {
        if (unit === 10 && section === 0 && !wan && !zeroPending) digit = 1; // 十二, 十 (not 十万十)
        else return null;
      }
      section += digit * unit;
      digit = -1;
      lastUnit = unit;
      zeroPending = false;
      continue;
    }
    if (ch === '万' || ch === '萬') {
      if (wan) return null;
      if (digit >= 0) section += digit;
      if (section === 0) return null;
      total = section * 10_000;
      section = 0;
      digit = -1;
      lastUnit = 10_000;
      wan = true;
      zeroPending = false;
      continue;
    }
    return null;
  }
  if (digit >= 0) {
    // 一百五 (= 150) is colloquial and ambiguous: only a last digit after 十, a zero, or alone is read.
    if (lastUnit !== 10 && lastUnit !== 10_000 && !zeroPending) return null;
    if (lastUnit === 10_000 && wan && !zeroPending) return null;
    section += digit;
  } else if (zeroPending) return null;
  return total + section;
}

/**
 * What a cell that is not a number most likely means, when there is no doubt: a Chinese numeral
 * (十二), or digits with thousands separators or a counting word (１，２００ / 12件). Null otherwise.
 */
export function readableNumber(raw: string): number | null {
  const s = raw.replace(/(件|个|項|项|次|人)$/, '');
  const cn = parseChineseNumber(s);
  if (cn !== null) return cn;
  // Thousands separators (ASCII or full-width comma) in groups of three.
  if (/^[0-9０-９]{1,3}([,，][0-9０-９]{3})+$/.test(s) || (s !== raw && /^[0-9０-９]+$/.test(s))) {
    const p = parseNumber(s.replace(/[,，]/g, ''), 'int');
    return p ? p.value : null;
  }
  return null;
}
