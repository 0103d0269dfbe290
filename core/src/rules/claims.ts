// Reading the figures a sentence states for table cells ("受理依申请公开52件", "2件结转下年度",
// "行政复议和行政诉讼各0件", "予以公开及部分公开42件，占51.85%"). The kinds of claim are data
// (CLAIM_KINDS): the words that name a cell or a sum of cells of the format (core/src/format.ts),
// and what else the sentence must say for the figure to count. The reader is pure: text in,
// claims out; the rules compare the claims with the tables (through figures.ts).
//
// Precision first (docs/rules/narrative-mismatch.md): a figure is read only when a key names it
// from close by, the sentence is about this agency's disclosure applications in the report year,
// and nothing in between compares, estimates or negates. When unsure, no claim.

import type { CellRef, TableDef } from '../format';
import { MEMO_SIZE, TextMemo } from '../memo';

/** The report's table definitions by id (each parsed table's own format). */
export type TableDefs = Partial<Record<string, TableDef>>;

export type TableId = 'T2' | 'T3' | 'T4';
type Group = 'review' | 'litigation' | 'direct' | 'afterReview';

export interface ClaimKind {
  id: string;
  table: TableId;
  /** Words that name the cell(s). `{Y+1}` and `{Y-1}` stand for the years next to the report year. */
  keys: string[];
  /** T2/T3: row keys, or group keys of format.ts (expanded to the group's rows). */
  rows?: string[];
  /** T2/T3: the column; with several, the first the rows have in the report's format (none: the kind does not exist there). */
  column?: string | string[];
  /** T4: a group of columns (review, litigation = both kinds of 行政诉讼). */
  group?: Group;
  /** T4: an outcome (upheld, corrected, otherResult, pending) of the group named last before it. */
  outcome?: string;
  /** "N件 + key" is read too (2件结转下年度). */
  numberFirst?: boolean;
  /** Longest run of text allowed between the key and the figure. */
  maxGap: number;
  units: readonly string[];
  /** application: the sentence (or its paragraph) speaks of 申请; disclosure: of 信息公开 (or stands in section 四). */
  context: 'application' | 'disclosure' | 'none';
  /** 申请 must stand between the key and the figure or right after the unit (收到…申请N件, 收到N件申请). */
  needsApplicationWord?: boolean;
  /** The words do not say whether carried-over applications are included: compared only when 二 is 0. */
  ambiguous?: boolean;
  /** T2: one of these words must stand shortly before the key (制发 规范性文件). */
  verbs?: string[];
}

const COUNT = ['件次', '件', '份'] as const;
const CASES = ['件', '起', '宗'] as const;
const DECISIONS = ['件', '宗', '起'] as const;

const T3 = (id: string, keys: string[], rows: string[], extra: Partial<ClaimKind> = {}): ClaimKind => ({
  id,
  table: 'T3',
  keys,
  rows,
  column: 'total',
  maxGap: 10,
  units: COUNT,
  context: 'application',
  numberFirst: true,
  ...extra,
});
const T4 = (id: string, keys: string[], extra: Partial<ClaimKind>): ClaimKind => ({
  id,
  table: 'T4',
  keys,
  maxGap: 10,
  units: CASES,
  context: 'disclosure',
  ...extra,
});
const T2 = (id: string, keys: string[], rows: string[], column: ClaimKind['column'], extra: Partial<ClaimKind> = {}): ClaimKind => ({
  id,
  table: 'T2',
  keys,
  rows,
  column,
  maxGap: 8,
  units: DECISIONS,
  context: 'none',
  ...extra,
});

const ISSUED = ['制发', '印发', '出台', '发布', '制定', '新制发', '制作'];
const REPEALED = ['废止'];
const VALID = ['现行有效'];

export const CLAIM_KINDS: readonly ClaimKind[] = [
  // 一 本年新收 (收到 means received this year: the carried-over ones were received last year).
  T3('received', ['本年新收', '新收到', '新收', '新增', '收到', '接收', '共收到', '新受理'], ['received'], {
    maxGap: 26,
    numberFirst: false,
    needsApplicationWord: true,
  }),
  // 受理 / 收到和处理 / 办理 may or may not include 二 上年结转.
  T3('handled', ['受理', '收到和处理', '收到并处理', '全年办理', '共办理', '办理政府信息公开申请', '办理依申请公开'], ['received'], {
    maxGap: 26,
    numberFirst: false,
    needsApplicationWord: true,
    ambiguous: true,
  }),
  T3('carriedIn', ['上年结转', '上年度结转', '上一年度结转', '上一年结转', '去年结转', '{Y-1}年结转', '{Y-1}年度结转'], ['carriedIn'], { maxGap: 12 }),
  T3('resultTotal', ['办结', '办理完结', '完成办理'], ['resultTotal'], { numberFirst: false }),
  T3('granted', ['予以公开', '同意公开', '全部公开'], ['granted']),
  T3('partial', ['部分公开'], ['partial']),
  T3('withheld', ['不予公开'], ['withheld']),
  T3('unable', ['无法提供'], ['unable']),
  T3('notProcessed', ['不予处理'], ['notProcessed']),
  T3('otherHandling', ['其他处理'], ['otherHandling']),
  T3('withheld1', ['属于国家秘密', '国家秘密'], ['withheld1']),
  T3('withheld2', ['法律行政法规禁止公开', '法律、行政法规禁止公开'], ['withheld2']),
  T3('withheld3', ['三安全一稳定'], ['withheld3']),
  T3('withheld4', ['保护第三方合法权益', '第三方合法权益'], ['withheld4']),
  T3('withheld5', ['内部事务信息'], ['withheld5']),
  T3('withheld6', ['过程性信息'], ['withheld6']),
  T3('withheld7', ['行政执法案卷'], ['withheld7']),
  T3('withheld8', ['行政查询事项'], ['withheld8']),
  T3('unable1', ['本机关不掌握', '不掌握'], ['unable1'], { maxGap: 10 }),
  T3('unable2', ['另行制作', '没有现成信息'], ['unable2'], { maxGap: 10 }),
  T3('unable3', ['仍不明确'], ['unable3']),
  T3('notProcessed1', ['信访举报投诉'], ['notProcessed1'], { maxGap: 8 }),
  T3('notProcessed2', ['重复申请'], ['notProcessed2']),
  T3('notProcessed3', ['公开出版物'], ['notProcessed3']),
  T3('notProcessed4', ['大量反复申请'], ['notProcessed4']),
  T3('notProcessed5', ['重新出具'], ['notProcessed5'], { maxGap: 8 }),
  T3('other1', ['逾期不补正', '逾期未补正'], ['other1'], {}),
  T3('other2', ['逾期未缴费', '逾期未缴纳', '未按收费通知'], ['other2'], { maxGap: 16 }),
  T3(
    'carriedOut',
    [
      '结转下年度', '结转下一年度', '结转至下一年度', '结转至下年度', '结转到下年度', '结转到下一年度', '顺延到下年度', '顺延至下年度',
      '转入下年度', '结转至次年', '结转到次年', '结转至{Y+1}年', '结转到{Y+1}年', '结转{Y+1}年', '顺延至{Y+1}年', '顺延到{Y+1}年', '尚未办结', '未办结',
    ],
    ['carriedOut'],
    { maxGap: 8 },
  ),
  // 表四
  T4('review', ['行政复议'], { group: 'review' }),
  T4('litigation', ['行政诉讼', '诉讼'], { group: 'litigation' }),
  T4('direct', ['未经复议直接起诉', '直接起诉', '直接提起行政诉讼'], { group: 'direct' }),
  T4('afterReview', ['复议后起诉', '复议后提起行政诉讼'], { group: 'afterReview' }),
  T4('upheld', ['结果维持', '维持'], { outcome: 'upheld', numberFirst: true, maxGap: 4 }),
  T4('corrected', ['结果纠正', '纠正', '被撤销', '撤销'], { outcome: 'corrected', numberFirst: true, maxGap: 4 }),
  T4('otherResult', ['其他结果'], { outcome: 'otherResult', numberFirst: true, maxGap: 4 }),
  T4('pending', ['尚未审结', '未审结', '正在审理', '审理中'], { outcome: 'pending', numberFirst: true, maxGap: 4 }),
  // 表二: the row is named by its noun, the column by the verb before it.
  T2('rules.issued', ['规章'], ['rules'], ['issued', 'made'], { verbs: ISSUED, units: ['件', '部'] }),
  T2('rules.repealed', ['规章'], ['rules'], ['repealed'], { verbs: REPEALED, units: ['件', '部'] }),
  T2('rules.valid', ['规章'], ['rules'], ['valid'], { verbs: VALID, units: ['件', '部'] }),
  T2('normative.issued', ['规范性文件'], ['normative'], ['issued', 'made'], { verbs: ISSUED, units: ['件', '份'] }),
  T2('normative.repealed', ['规范性文件'], ['normative'], ['repealed'], { verbs: REPEALED, units: ['件', '份'] }),
  T2('normative.valid', ['规范性文件'], ['normative'], ['valid'], { verbs: VALID, units: ['件', '份'] }),
  T2('licensing', ['行政许可决定', '行政许可'], ['licensing'], 'decisions'),
  T2('penalty', ['行政处罚决定', '行政处罚'], ['penalty'], 'decisions'),
  T2('coercion', ['行政强制决定', '行政强制'], ['coercion'], 'decisions'),
  T2('charges', ['行政事业性收费'], ['charges'], ['fees'], { units: ['万元'] }),
];

// ---------------------------------------------------------------------------
// Numbers as written

export type NumeralStyle = 'arabic' | 'fullwidth' | 'chinese';

export interface Figure {
  /** Offsets within the text given to the reader. */
  start: number;
  end: number;
  value: number;
  style: NumeralStyle;
  /** N余件: at least N. */
  lowerBound: boolean;
  /** Decimals written (for 万元 and percentages). */
  decimals: number;
  unit: string;
  /** Where the unit ends. */
  unitEnd: number;
}

const CN_DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 五十二 → 52, 两 → 2, 一百零五 → 105, 二〇 → 20 (digit by digit when no 十百千). */
export function parseChineseNumber(s: string): number | null {
  if (!s) return null;
  if (![...s].some((c) => c in CN_UNIT)) {
    let v = 0;
    for (const c of s) {
      if (!(c in CN_DIGIT)) return null;
      v = v * 10 + CN_DIGIT[c];
    }
    return s.length > 1 && s[0] === '零' ? null : v;
  }
  let total = 0;
  let digit = -1;
  for (const c of s) {
    if (c in CN_DIGIT) {
      if (digit > 0) return null; // 五三十
      digit = CN_DIGIT[c];
    } else if (c in CN_UNIT) {
      total += (digit === -1 ? 1 : digit) * CN_UNIT[c];
      digit = -1;
    } else return null;
  }
  if (digit > 0) total += digit;
  return total;
}

/** 52 → 五十二, 2 → 两, 105 → 一百零五, 0 → 零. */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 10000) return String(n);
  if (n === 0) return '零';
  if (n === 2) return '两';
  const digits = '零一二三四五六七八九';
  const units = ['', '十', '百', '千'];
  const s = String(n);
  let out = '';
  let zero = false;
  for (let i = 0; i < s.length; i++) {
    const d = Number(s[i]);
    const u = units[s.length - 1 - i];
    if (d === 0) {
      zero = out !== '';
      continue;
    }
    if (zero) out += '零';
    zero = false;
    out += (d === 1 && u === '十' && out === '' ? '' : digits[d]) + u;
  }
  return out;
}

/** The figure written in the style of the one it replaces. */
export function formatLike(value: number, style: NumeralStyle, decimals = 0): string {
  if (style === 'chinese') return chineseNumber(value);
  const s = decimals > 0 ? value.toFixed(decimals) : String(Math.round(value));
  if (style === 'arabic') return s;
  let out = '';
  for (const ch of s) out += ch >= '0' && ch <= '9' ? String.fromCharCode(ch.charCodeAt(0) + 0xfee0) : ch === '.' ? '．' : ch;
  return out;
}

const isDigitCode = (code: number): boolean => (code >= 0x30 && code <= 0x39) || (code >= 0xff10 && code <= 0xff19);
const CN_SET = new Set('零〇一二两三四五六七八九十百千');
/** CN_SET by char code, for the scan over every character of the prose. */
const CN_CODE = new Uint8Array(0x10000);
for (const c of CN_SET) CN_CODE[c.charCodeAt(0)] = 1;
const toAscii = (s: string) => s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace('．', '.');

/** Every number followed by one of the units (blanks and 余 allowed between) in s. */
const unitFirsts = new WeakMap<readonly string[], Set<number>>();

export function figuresIn(s: string, units: readonly string[]): Figure[] {
  const out: Figure[] = [];
  let firsts = unitFirsts.get(units);
  if (!firsts) unitFirsts.set(units, (firsts = new Set(units.map((u) => u.charCodeAt(0)))));
  const n = s.length;
  let i = 0;
  while (i < n) {
    const code = s.charCodeAt(i);
    const arabic = isDigitCode(code);
    if (!arabic && !CN_CODE[code]) {
      i++;
      continue;
    }
    const start = i;
    let decimals = 0;
    if (arabic) {
      while (i < n && isDigitCode(s.charCodeAt(i))) i++;
      const point = s.charCodeAt(i);
      if ((point === 0x2e || point === 0xff0e) && isDigitCode(s.charCodeAt(i + 1))) {
        i++;
        const f = i;
        while (i < n && isDigitCode(s.charCodeAt(i))) i++;
        decimals = i - f;
      }
    } else {
      while (i < n && CN_CODE[s.charCodeAt(i)]) i++;
    }
    const end = i;
    let j = end;
    // Char codes only: this runs at every numeral of the prose (一 and 十 are everywhere).
    while (s.charCodeAt(j) === 0x20 || s.charCodeAt(j) === 0x3000) j++;
    let lowerBound = false;
    if (s.charCodeAt(j) === 0x4f59 /* 余 */ || s.charCodeAt(j) === 0x591a /* 多 */) {
      lowerBound = true;
      j++;
    }
    if (!firsts.has(s.charCodeAt(j))) continue;
    // Not part of a longer token: 第三件, a decimal's tail, a letter before.
    const before = start > 0 ? s.charCodeAt(start - 1) : 0;
    const letter = (before >= 0x41 && before <= 0x5a) || (before >= 0x61 && before <= 0x7a);
    if (before === 0x7b2c /* 第 */ || before === 0x2e || before === 0xff0e || (arabic && letter)) continue;
    const unit = units.find((u) => s.startsWith(u, j));
    if (!unit) continue;
    const text = s.slice(start, end);
    const value = arabic ? Number(toAscii(text)) : parseChineseNumber(text);
    if (value === null || !Number.isFinite(value) || text.length > 12) continue;
    const style: NumeralStyle = !arabic ? 'chinese' : /[０-９]/.test(text) ? 'fullwidth' : 'arabic';
    out.push({ start, end, value, style, lowerBound, decimals, unit, unitEnd: j + unit.length });
  }
  return out;
}

// ---------------------------------------------------------------------------
// Sentences and their scope

export interface Sentence {
  /** Offset of the sentence in the document. */
  start: number;
  text: string;
  /** The paragraph (line) the sentence stands in. */
  paragraph: string;
  /** Section index (0..5), -1 in the preamble. */
  section: number;
  /**
   * Whether its readings are kept across parses (memo.ts): not in a report with more sentences than
   * the memo holds, where every reading would be stored and cleared again before it could be used.
   */
  memo: boolean;
}

/** Split a line into sentences at 。！？； (the mark stays with its sentence), added to `out`. */
export function sentencesOf(line: string, lineStart: number, section: number, out: Sentence[] = []): Sentence[] {
  let from = 0;
  for (let i = 0; i <= line.length; i++) {
    const c = line.charCodeAt(i);
    if (i === line.length || c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0xff1b || c === 0x21 || c === 0x3f || c === 0x3b) {
      const end = Math.min(line.length, i + 1);
      if (end > from) out.push({ start: lineStart + from, text: line.slice(from, end), paragraph: line, section, memo: true });
      from = end;
    }
  }
  return out;
}

/** Words after which nothing in the sentence is about this agency's disclosure applications. */
const KILL = /政务服务|信访(?!举报投诉)|网民|留言|12345|热线|复议机关|协办|转办|督办|建议提案|人大代表建议|政协委员提案|来信|来电|咨询|便民服务|(?:受理|办理|审理|审结)[^，。；]{0,6}行政复议|依申请公开以外|政务公开专区/g;
/** Words that put what follows in another period (until the report year is named again). */
const OFF = /上一?年度?(?!度?结转)|去年|前年|以来|历年|累计|上半年|下半年|第[一二三四]季度/g;
/** Words that bring the sentence back to the report year. */
const ON = /本年度|本年|今年|全年|年内/g;
/** Words that make the rest of a clause a comparison (较上年增加5件). */
const COMPARE = /较|同比|环比|比上年|比去年|与上年|相比|增长|增加|减少|下降|上升/g;
const YEAR = /([0-9０-９]{4}|[〇○零一二三四五六七八九]{4})\s?年/g;
const CN_YEAR: Record<string, string> = { '〇': '0', '○': '0', '零': '0', '一': '1', '二': '2', '三': '3', '四': '4', '五': '5', '六': '6', '七': '7', '八': '8', '九': '9' };
const yearOf = (s: string): number => Number(toAscii(s).replace(/[〇○零一二三四五六七八九]/g, (c) => CN_YEAR[c]));

/** The state at a position of the sentence: 0 in scope, 1 another period, 2 not about the agency's applications (for good), 3 a comparison. */
export function scopeMap(s: string, year: number | null, keySpans: { start: number; end: number }[], memo = true): (pos: number) => number {
  if (keySpans.length || !memo) return scopeMapOf(s, year, keySpans);
  const context = String(year);
  return scopeMemo.find(context, s) ?? scopeMemo.keep(context, s, scopeMapOf(s, year, keySpans));
}

const scopeMemo = new TextMemo<(pos: number) => number>(MEMO_SIZE);

/** No matches, shared (callers only read it). */
const NO_MATCHES: RegExpExecArray[] = [];

/**
 * The matches of a global pattern in a string, found with exec: matchAll builds a copy of the pattern
 * and an iterator at every call, and the prose rules call it several times per sentence.
 */
export function execAll(re: RegExp, s: string): RegExpExecArray[] {
  re.lastIndex = 0;
  let m = re.exec(s);
  if (!m) return NO_MATCHES;
  const out: RegExpExecArray[] = [];
  for (; m; m = re.exec(s)) out.push(m);
  return out;
}

function scopeMapOf(s: string, year: number | null, keySpans: { start: number; end: number }[]): (pos: number) => number {
  const events: { at: number; state: number; clause?: boolean }[] = [];
  const insideKey = (at: number) => keySpans.some((k) => at >= k.start && at < k.end);
  for (const m of execAll(KILL, s)) events.push({ at: m.index!, state: 2 });
  for (const m of execAll(OFF, s)) {
    // 较上年: only the clause is a comparison.
    const before = s.slice(Math.max(0, m.index! - 2), m.index!);
    if (/较|比|与|同/.test(before)) events.push({ at: m.index!, state: 3, clause: true });
    else if (!insideKey(m.index!)) events.push({ at: m.index!, state: 1 });
  }
  for (const m of execAll(ON, s)) events.push({ at: m.index!, state: 0 });
  for (const m of execAll(YEAR, s)) {
    const y = yearOf(m[1]);
    if (y < 1990 || y > 2100) continue;
    if (insideKey(m.index!)) continue;
    // A date within the report period (2023年1月1日至12月31日) or the report year itself.
    events.push({ at: m.index!, state: year !== null && y === year ? 0 : 1 });
  }
  for (const m of execAll(COMPARE, s)) events.push({ at: m.index!, state: 3, clause: true });
  events.sort((a, b) => a.at - b.at);
  // Replayed up to the position asked about (a sentence has few figures: no map of every position).
  return (pos: number): number => {
    let state = 0;
    let clauseState = -1;
    let clauseStart = 0;
    for (let i = pos - 1; i >= 0; i--) {
      const c = s.charCodeAt(i);
      if (c === 0xff0c || c === 0x2c || c === 0xff1a || c === 0x3a || c === 0x3002 || c === 0xff1b || c === 0x3b) {
        clauseStart = i + 1;
        break;
      }
    }
    for (const ev of events) {
      if (ev.at > pos) break;
      if (ev.clause) {
        if (ev.at >= clauseStart) clauseState = ev.state;
      } else if (state !== 2) state = ev.state;
    }
    return clauseState !== -1 ? Math.max(clauseState, state) : state;
  };
}

// ---------------------------------------------------------------------------
// Keys

interface KeyHit {
  start: number;
  end: number;
  key: string;
  kinds: ClaimKind[];
}

interface KeyIndex {
  /** By the char code of their first character (a code, not a one-character string: no string is made per character read). */
  byFirst: Map<number, { key: string; kinds: ClaimKind[] }[]>;
}

const indexCache = new Map<string, KeyIndex>();

function keyIndex(defs: TableDefs, year: number | null): KeyIndex {
  const id = `${defs.T2?.format}|${defs.T3?.format}|${defs.T4?.format}|${year}`;
  const cached = indexCache.get(id);
  if (cached) return cached;
  const byKey = new Map<string, ClaimKind[]>();
  for (const kind of CLAIM_KINDS) {
    const def = defs[kind.table];
    if (!def) continue;
    if (kind.rows && !kind.rows.every((r) => rowsOf(def, r).length)) continue;
    if (kind.rows && !columnOf(kind, def)) continue;
    for (const raw of kind.keys) {
      if (raw.includes('{') && year === null) continue;
      const key = raw.replace('{Y+1}', String((year ?? 0) + 1)).replace('{Y-1}', String((year ?? 0) - 1));
      byKey.set(key, [...(byKey.get(key) ?? []), kind]);
    }
  }
  const byFirst = new Map<number, { key: string; kinds: ClaimKind[] }[]>();
  for (const [key, kinds] of byKey) byFirst.set(key.charCodeAt(0), [...(byFirst.get(key.charCodeAt(0)) ?? []), { key, kinds }]);
  for (const list of byFirst.values()) list.sort((a, b) => b.key.length - a.key.length);
  const index = { byFirst };
  indexCache.set(id, index);
  return index;
}

/** Keys in s, longest first at each position, not overlapping. */
function keysIn(s: string, index: KeyIndex): KeyHit[] {
  const out: KeyHit[] = [];
  for (let i = 0; i < s.length; ) {
    const list = index.byFirst.get(s.charCodeAt(i));
    const hit = list?.find((k) => s.startsWith(k.key, i));
    if (hit) {
      out.push({ start: i, end: i + hit.key.length, key: hit.key, kinds: hit.kinds });
      i += hit.key.length;
    } else i++;
  }
  return out;
}

/** The column a T2/T3 kind reads in this table definition, or null when its rows lack it. */
function columnOf(kind: ClaimKind, def: TableDef): string | null {
  const rows = kind.rows!.flatMap((r) => rowsOf(def, r)).map((r) => def.rows.find((x) => x.key === r)!);
  const candidates = typeof kind.column === 'string' ? [kind.column] : kind.column ?? [];
  return candidates.find((c) => def.columns.some((x) => x.key === c) && rows.every((r) => !r.columns || r.columns.includes(c))) ?? null;
}

/** Row keys of a row or group key. */
export function rowsOf(def: TableDef, key: string): string[] {
  if (def.rows.some((r) => r.key === key)) return [key];
  return def.rows.filter((r) => r.group === key).map((r) => r.key);
}

// ---------------------------------------------------------------------------
// Claims

export interface Claim {
  table: TableId;
  /** The cells whose sum the figure restates. */
  cells: CellRef[];
  /** Kinds summed (one, or more for 予以公开及部分公开N件). */
  kinds: ClaimKind[];
  figure: Figure;
  ambiguous: boolean;
  /** 占51.85%: a share the table determines, written right after the figure. */
  percent?: Figure;
}

const GAP_STOP = /较|比|同比|环比|增|减|降|少|约|超|以上|以下|不到|近|未|没有|无|或|其中|含|包括|涉及|平均|占|累计|每|各类?[^申]*以外|。|；|，|,|;/;
const JOINER = /^(?:和|及|与|或|、|以及|和、|及其)$/;
const GROUP_WORDS: Record<Group, true> = { review: true, litigation: true, direct: true, afterReview: true };

const cellsCache = new WeakMap<TableDef, Map<string, CellRef[] | null>>();

function cellsOf(kind: ClaimKind, defs: TableDefs, lastGroup: Group | null): CellRef[] | null {
  if (kind.table === 'T4') return cellsOfUncached(kind, defs, lastGroup);
  const def = defs[kind.table];
  if (!def) return null;
  let map = cellsCache.get(def);
  if (!map) cellsCache.set(def, (map = new Map()));
  if (!map.has(kind.id)) map.set(kind.id, cellsOfUncached(kind, defs, lastGroup));
  return map.get(kind.id)!;
}

function cellsOfUncached(kind: ClaimKind, defs: TableDefs, lastGroup: Group | null): CellRef[] | null {
  if (kind.table === 'T4') {
    const group = kind.outcome ? lastGroup : kind.group!;
    if (!group) return null;
    const outcome = kind.outcome ?? 'total';
    const groups = group === 'litigation' ? ['direct', 'afterReview'] : [group];
    return groups.map((g) => ({ row: 'data', column: `${g}.${outcome}` }));
  }
  const def = defs[kind.table];
  if (!def) return null;
  const column = columnOf(kind, def);
  if (!column) return null;
  return kind.rows!.flatMap((r) => rowsOf(def, r)).map((row) => ({ row, column }));
}

function narrower(prev: KeyHit, last: KeyHit, s: string, defs: TableDefs): boolean {
  const between = s.slice(prev.end, last.start);
  if (between.length > 8 || /[，,。；;、：:和及与或]/.test(between)) return false;
  const a = prev.kinds[0];
  const b = last.kinds[0];
  if (a.table !== b.table || a.outcome || b.outcome) return false;
  const ca = cellsOf(a, defs, null);
  const cb = cellsOf(b, defs, null);
  if (!ca || !cb || ca.length >= cb.length) return false;
  return ca.every((x) => cb.some((y) => x.row === y.row && x.column === y.column));
}

function contextOk(kind: ClaimKind, sentence: Sentence): boolean {
  if (kind.context === 'application') return sentence.text.includes('申请') || /依申请公开|公开申请/.test(sentence.paragraph) || sentence.section === 2;
  if (kind.context === 'disclosure') return /信息公开|依申请|公开申请/.test(sentence.text) || sentence.section === 3;
  return true;
}

/**
 * The claims of one sentence. `defs` are the report's tables and `year` its year (the keys and cells depend on them).
 */
/** The answer for most sentences, shared as the memo's answers are: callers never change it. */
const NO_CLAIMS: Claim[] = [];
const NO_ZERO_CLAIMS: ZeroClaim[] = [];

export function readClaims(sentence: Sentence, defs: TableDefs, year: number | null): Claim[] {
  // What the reading depends on: the tables' formats, the year, the sentence, and (contextOk) its section and paragraph.
  // Most sentences name no unit: answered before the memo, which would hash the sentence to say so.
  if (!UNIT_CHARS.test(sentence.text)) return NO_CLAIMS;
  if (!sentence.memo) return readClaimsOf(sentence, defs, year);
  const context = claimContext(defs, year, sentence.section, applicationParagraph(sentence.paragraph));
  return claimMemo.find(context, sentence.text) ?? claimMemo.keep(context, sentence.text, readClaimsOf(sentence, defs, year));
}

/**
 * The memo's context strings, built once per report and reused for its sentences: a string built
 * anew for every sentence would be hashed anew at every lookup, which cost as much as the reading
 * it saves (ARCHITECTURE.md, "Speed").
 */
let contexts: { defs: TableDefs; year: number | null; keys: string[] } | null = null;
function claimContext(defs: TableDefs, year: number | null, section: number, application: boolean): string {
  if (contexts?.defs !== defs || contexts.year !== year) contexts = { defs, year, keys: [] };
  const i = (section + 1) * 2 + (application ? 1 : 0);
  return (contexts.keys[i] ??= `${defs.T2?.format}|${defs.T3?.format}|${defs.T4?.format}|${year}|${section}|${application}`);
}

/** Whether a paragraph speaks of 依申请公开; asked once per paragraph, not once per sentence of it. */
let lastParagraph: { text: string; value: boolean } | null = null;
function applicationParagraph(paragraph: string): boolean {
  if (lastParagraph?.text !== paragraph) lastParagraph = { text: paragraph, value: /依申请公开|公开申请/.test(paragraph) };
  return lastParagraph.value;
}

const claimMemo = new TextMemo<Claim[]>(MEMO_SIZE);

/** The claims of a sentence that names a unit (readClaims has asked). */
function readClaimsOf(sentence: Sentence, defs: TableDefs, year: number | null): Claim[] {
  const s = sentence.text;
  const figures = figuresIn(s, ALL_UNITS);
  if (!figures.length) return [];
  const keys = keysIn(s, keyIndex(defs, year));
  if (!keys.length) return [];
  const scope = scopeMap(s, year, keys);
  const out: Claim[] = [];
  for (let fi = 0; fi < figures.length; fi++) {
    const f = figures[fi];
    if (scope(f.start) !== 0) continue;
    // Keys before the figure in its own clause, after the previous figure.
    let clauseStart = fi > 0 ? figures[fi - 1].unitEnd : 0;
    for (let i = f.start - 1; i >= clauseStart; i--) {
      if ('，,；;'.includes(s[i])) {
        clauseStart = i + 1;
        break;
      }
    }
    const before = keys.filter((k) => k.start >= clauseStart && k.end <= f.start);
    let chain: KeyHit[] = [];
    let each = false;
    if (before.length) {
      const last = before[before.length - 1];
      const gap = s.slice(last.end, f.start);
      const maxGap = Math.max(...last.kinds.map((k) => k.maxGap));
      if (gap.length > maxGap) continue;
      each = /各/.test(gap);
      if (GAP_STOP.test(gap.replace(/各/g, ''))) continue;
      chain = [last];
      // A narrower key right before a broader one names the part: 因属于国家秘密不予公开1件, 直接起诉的行政诉讼3件.
      const prev = before[before.length - 2];
      if (prev && narrower(prev, last, s, defs)) chain = [prev];
      for (let i = before.length - 2; i >= 0; i--) {
        const between = s.slice(before[i].end, chain[0].start);
        if (!JOINER.test(between)) break;
        chain.unshift(before[i]);
      }
      if (chain.length > 1 && chain.some((k, i) => i > 0 && s.slice(chain[i - 1].end, k.start) === '或')) continue;
      // The figure opens a clause "N件 + key" only when nothing names it from before.
    } else {
      const next = keys.find((k) => k.start >= f.unitEnd);
      if (!next || !next.kinds.some((k) => k.numberFirst)) continue;
      const between = s.slice(f.unitEnd, next.start);
      if (!/^(?:均|已|为|被|全部|均已|均为|予以)?$/.test(between) || /予以$/.test(between)) continue;
      chain = [next];
      for (let k = keys.indexOf(next) + 1; k < keys.length; k++) {
        const b = s.slice(chain[chain.length - 1].end, keys[k].start);
        if (!JOINER.test(b)) break;
        if (b === '或') {
          chain = [];
          break;
        }
        chain.push(keys[k]);
      }
      if (!chain.length) continue;
    }
    // Resolve each key to a kind.
    const resolved: ClaimKind[] = [];
    for (const hit of chain) {
      // 表二: the verb nearest before the noun decides the column (清理并集中发布现行有效规范性文件: 现行有效).
      const lead = s.slice(Math.max(0, hit.start - 10), hit.start);
      const clause = lead.slice(Math.max(lead.lastIndexOf('，'), lead.lastIndexOf('、'), lead.lastIndexOf(',')) + 1);
      const verbAt = (k: ClaimKind) => Math.max(...k.verbs!.map((v) => (clause.lastIndexOf(v) === -1 ? -1 : clause.lastIndexOf(v) + v.length)));
      const candidates = hit.kinds.filter((k) => k.units.includes(f.unit) && contextOk(k, sentence) && (!k.verbs || verbAt(k) >= 0));
      const kind = candidates.some((k) => k.verbs) ? candidates.reduce((a, b) => (verbAt(b) > verbAt(a) ? b : a)) : candidates[0];
      if (!kind) {
        resolved.length = 0;
        break;
      }
      resolved.push(kind);
    }
    if (!resolved.length) continue;
    if (resolved.some((k) => k.needsApplicationWord)) {
      const gap = s.slice(chain[chain.length - 1].end, f.start);
      const after = s.slice(f.unitEnd, f.unitEnd + 10);
      if (!gap.includes('申请') && !after.startsWith('申请') && !after.startsWith('政府信息公开申请')) continue;
    }
    // The T4 group named last before each outcome.
    const lastGroupAt = (at: number): Group | null => {
      for (let i = keys.length - 1; i >= 0; i--) {
        if (keys[i].start >= at) continue;
        const g = keys[i].kinds.find((k) => k.table === 'T4' && k.group && GROUP_WORDS[k.group])?.group;
        if (g) return g;
      }
      return null;
    };
    const parts = resolved.map((kind, i) => ({ kind, cells: cellsOf(kind, defs, lastGroupAt(chain[i].start)) }));
    if (parts.some((p) => !p.cells)) continue;
    const percent = percentAfter(s, f);
    if (each || parts.length === 1) {
      for (const p of parts) out.push({ table: p.kind.table, cells: p.cells!, kinds: [p.kind], figure: f, ambiguous: !!p.kind.ambiguous, ...(percent && parts.length === 1 ? { percent } : {}) });
    } else {
      if (new Set(parts.map((p) => p.kind.table)).size > 1) continue;
      out.push({
        table: parts[0].kind.table,
        cells: parts.flatMap((p) => p.cells!),
        kinds: parts.map((p) => p.kind),
        figure: f,
        ambiguous: parts.some((p) => p.kind.ambiguous),
        ...(percent ? { percent } : {}),
      });
    }
  }
  return out;
}

/** Every unit a kind reads, longest first (件次 before 件). */
const ALL_UNITS = [...new Set(CLAIM_KINDS.flatMap((k) => k.units))].sort((a, b) => b.length - a.length);
/** A sentence without any unit's first character states no figure. */
const UNIT_CHARS = new RegExp(`[${[...new Set(ALL_UNITS.map((u) => u[0]))].join('')}]`);

/** 占51.85% right after a figure (in its clause or the next). */
function percentAfter(s: string, f: Figure): Figure | undefined {
  const rest = s.slice(f.unitEnd, f.unitEnd + 16);
  const m = /^[，,]?(?:约?占比?|比例为?|占比为)[^，。；0-9０-９%％]{0,8}?([0-9０-９]+(?:[.．][0-9０-９]+)?)\s*[%％]/.exec(rest);
  if (!m) return undefined;
  const start = f.unitEnd + m[0].length - m[1].length - (m[0].endsWith(' %') ? 2 : 1);
  const text = m[1];
  const decimals = text.includes('.') || text.includes('．') ? text.split(/[.．]/)[1].length : 0;
  return {
    start,
    end: start + text.length,
    value: Number(toAscii(text)),
    style: /[０-９]/.test(text) ? 'fullwidth' : 'arabic',
    lowerBound: false,
    decimals,
    unit: '%',
    unitEnd: start + text.length + 1,
  };
}

// ---------------------------------------------------------------------------
// Zero in words: 无因政府信息公开引起的行政复议或诉讼 / 未发生政府信息公开行政复议、行政诉讼案件

export interface ZeroClaim {
  start: number;
  end: number;
  groups: ('review' | 'litigation')[];
}

const ZERO = /(?:^|[，。；,：:]|本年度|本年|全年|年内|本机关|本单位|我局|我委|我办)(无|未发生|没有发生|没有|未有|未出现|未收到|不存在|零)([^，。；,0-9０-９]{0,24}?)(行政复议|行政诉讼|复议|诉讼)((?:[和及与或、]|以及)?(?:行政复议|行政诉讼|复议|诉讼))?/g;

export function readZeroClaims(sentence: Sentence, year: number | null): ZeroClaim[] {
  const s = sentence.text;
  // As in readClaims: the sentences that name no case are answered before the memo.
  if (!s.includes('复议') && !s.includes('诉讼')) return NO_ZERO_CLAIMS;
  if (!sentence.memo) return readZeroClaimsOf(sentence, year);
  const context = zeroContext(year, sentence.section);
  return zeroMemo.find(context, s) ?? zeroMemo.keep(context, s, readZeroClaimsOf(sentence, year));
}

/** As claimContext: one string per year and section, not one per sentence. */
let zeroContexts: { year: number | null; keys: string[] } = { year: null, keys: [] };
function zeroContext(year: number | null, section: number): string {
  if (zeroContexts.year !== year) zeroContexts = { year, keys: [] };
  return (zeroContexts.keys[section + 1] ??= `${year}|${section}`);
}

const zeroMemo = new TextMemo<ZeroClaim[]>(MEMO_SIZE);

/** The zero claims of a sentence that names 复议 or 诉讼 (readZeroClaims has asked). */
function readZeroClaimsOf(sentence: Sentence, year: number | null): ZeroClaim[] {
  const s = sentence.text;
  if (!/信息公开|依申请/.test(s) && sentence.section !== 3) return [];
  const out: ZeroClaim[] = [];
  const scope = scopeMap(s, year, [], sentence.memo);
  for (const m of execAll(ZERO, s)) {
    const word = m[1];
    const at = m.index! + m[0].length - m[2].length - m[3].length - (m[4]?.length ?? 0) - word.length;
    if (scope(at) !== 0) continue;
    // 无…复议被纠正 / 未发生…诉讼败诉: says nothing about how many cases there were.
    if (/^(?:案件)?(?:被|纠正|纠错|败诉|撤销|结果|决定|申请人)/.test(s.slice(m.index! + m[0].length))) continue;
    const groups = new Set<'review' | 'litigation'>();
    for (const g of [m[3], m[4] ?? '']) {
      if (g.includes('复议')) groups.add('review');
      if (g.includes('诉讼')) groups.add('litigation');
    }
    out.push({ start: at, end: at + word.length, groups: [...groups] });
  }
  return out;
}
