// Reports across years: the reports of one agency form a series by year, and the checks that need
// last year's report run on each pair (this year, last year). Pure: the caller (the CLI over the
// folders it is given, the language server over its index of the workspace) hands in the documents
// it has read, each with an id of its own (a path, a URI) that the problems' related entries name.
// README.md "Across years" and ARCHITECTURE.md describe where this sits.

import type { Document } from './document';
import { RULES, settingOf } from './rules';
import { tableArithmetic, tableHolds } from './arithmetic';
import { SERIES_RULES } from './rules/series-meta';
import type { Cell, Edit, Fix, ParsedTable, Problem, RelatedInfo, Report, Settings, Span } from './types';
export { SERIES_RULES };
import { cellName, columnDef, isDerived, rowDef, tableShortName } from './format';
import { formatNumber } from './text';

// ---------------------------------------------------------------------------
// The agency of a report, as a key

/**
 * The series key of an agency's name or a report title: the year, the title's tail
 * (政府信息公开工作年度报告), a leading 关于, book-title marks and every space removed; 办公厅 read
 * as 办公室 (the same office under either name); brackets made half-width. Null when nothing is left.
 */
export function agencyKey(name: string | null | undefined): string | null {
  if (!name) return null;
  let s = name.normalize('NFKC').replace(/[\s\u3000]+/g, '');
  s = s.replace(/[《》〈〉“”"]/g, '');
  s = s.replace(/^关于(?:印发|发布|公布)?/, '');
  s = s.replace(/[0-9〇○零一二三四五六七八九]{4}年(?:度)?/g, '');
  s = s.replace(/(?:的)?(?:政府)?信息公开(?:工作)?(?:年度)?报告.*$/, '');
  s = s.replace(/(?:年度|的)$/, '');
  s = s.replace(/办公厅/g, '办公室');
  return s || null;
}

/** The hints a config file gives for a report's series (docs/config.md: `series`, `agency`). */
export interface SeriesHints {
  series?: string;
  agency?: string;
}

/** The key of a report's series: the config's `series`, else its `agency`, else the agency of the title. */
export function seriesKeyOf(report: Report, hints: SeriesHints = {}): string | null {
  if (hints.series) return `series:${hints.series}`;
  return agencyKey(hints.agency) ?? agencyKey(report.agency) ?? (report.title ? agencyKey(report.title.text) : null);
}

// ---------------------------------------------------------------------------
// Members and series

export interface SeriesMember {
  /** The caller's id of the file (a path, a URI): related entries pointing into it carry it. */
  id: string;
  /** How messages name the file (its file name). */
  name: string;
  doc: Document;
  /** The series key (seriesKeyOf), null when the agency is not known. */
  key: string | null;
  year: number | null;
}

export function seriesMember(id: string, name: string, doc: Document, hints: SeriesHints = {}): SeriesMember {
  return { id, name, doc, key: seriesKeyOf(doc.report, hints), year: doc.report.year };
}

export interface Series {
  key: string;
  /** The agency as the first report names it. */
  agency: string;
  /** Members sorted by year (several files of one year keep their order). */
  members: SeriesMember[];
}

/** The series among the members: by key, each sorted by year; members without key or year stay out. */
export function groupSeries(members: readonly SeriesMember[]): Series[] {
  const byKey = new Map<string, SeriesMember[]>();
  for (const m of members) {
    if (m.key === null || m.year === null) continue;
    const list = byKey.get(m.key) ?? [];
    list.push(m);
    byKey.set(m.key, list);
  }
  const out: Series[] = [];
  for (const [key, list] of byKey) {
    const sorted = list.map((m, i) => ({ m, i })).sort((a, b) => a.m.year! - b.m.year! || a.i - b.i).map((x) => x.m);
    const first = sorted[0].doc.report;
    out.push({ key, agency: first.agency ?? key.replace(/^series:/, ''), members: sorted });
  }
  return out.sort((a, b) => (a.agency < b.agency ? -1 : a.agency > b.agency ? 1 : 0));
}

/** What the cross-year checks of one report need from its series. */
export interface SeriesPlace {
  /** Last year's report (exactly one year before), if the series has it. */
  previous: SeriesMember | null;
  /** The years missing just before this report, when an earlier report of the series exists. */
  missing: number[];
  /** The year of the report before the gap. */
  before: number | null;
}

/** Where a member stands in its series. */
export function placeIn(series: Series, member: SeriesMember): SeriesPlace {
  const year = member.year!;
  const previous = series.members.find((m) => m.year === year - 1 && m !== member) ?? null;
  let before: number | null = null;
  for (const m of series.members) if (m.year! < year && (before === null || m.year! > before)) before = m.year!;
  const missing: number[] = [];
  if (before !== null) for (let y = before + 1; y < year; y++) missing.push(y);
  // Several files of one year: the gap is told once, on the first of them.
  const firstOfYear = series.members.find((m) => m.year === year) === member;
  return { previous, missing: firstOfYear ? missing : [], before };
}

// ---------------------------------------------------------------------------
// The checks

const T3 = 'T3';
const T2 = 'T2';

function tableOf(report: Report, id: string): ParsedTable | undefined {
  return report.tables.find((t) => t.id === id);
}

function cellOf(table: ParsedTable | undefined, row: string, column: string): Cell | undefined {
  return table?.rows.find((r) => r.key === row)?.cells.find((c) => c.column === column);
}

interface Found {
  code: string;
  span: Span;
  message: string;
  fix?: Fix;
  alternativeFixes?: Fix[];
  related?: RelatedInfo[];
}

/**
 * The cross-year problems of one report (spans on its source, related entries on the other file's
 * source with `file` set to its id), with the severities `settings` give.
 */
export function checkAcrossYears(member: SeriesMember, place: SeriesPlace, settings: Settings = {}): Problem[] {
  const report = member.doc.report;
  if (!report.isReport || member.year === null) return [];
  const found: Found[] = [];
  const on = (code: string) => settings.rules?.[code] !== 'off';
  if (place.previous && on('carry-over')) carryOver(member, place.previous, settings, found);
  if (place.previous && on('stock-continuity')) stockContinuity(member, place.previous, found);
  if (place.missing.length && place.before !== null && on('series-gap')) {
    const span = report.title?.yearSpan ?? report.title?.span ?? { start: 0, end: 0 };
    const years = place.missing.map((y) => `${y}`).join('、');
    found.push({
      code: 'series-gap',
      span,
      message: `本机关的年度报告系列中缺少 ${years} 年度报告（已有 ${place.before} 年度和 ${member.year} 年度）：上年结转等跨年度核对无法进行`,
    });
  }
  return toProblems(member.doc, found, settings);
}

/** Found entries as problems: spans and fixes placed on the document's source, severities from `settings`. */
function toProblems(doc: Document, found: Found[], settings: Settings): Problem[] {
  const out: Problem[] = [];
  for (const f of found) {
    const meta = SERIES_RULES.find((r) => r.code === f.code)!;
    const setting = settingOf(meta, settings);
    if (setting === 'off') continue;
    const p: Problem = { code: f.code, severity: setting, message: f.message, span: doc.toSource(f.span) };
    const mapFix = (fix: Fix | undefined): Fix | undefined => {
      if (!fix) return undefined;
      const edits: Edit[] = [];
      for (const e of fix.edits) {
        const m = doc.toSourceEdit(e);
        if (!m) return undefined;
        edits.push(m);
      }
      return { ...fix, edits };
    };
    const fix = mapFix(f.fix);
    if (fix) p.fix = fix;
    const alternatives = (f.alternativeFixes ?? []).map(mapFix).filter((x): x is Fix => !!x);
    if (alternatives.length) p.alternativeFixes = alternatives;
    if (f.related?.length) p.related = f.related;
    out.push(p);
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

/** A related entry pointing at a span of another member's read text, placed on its source. */
function relatedIn(other: SeriesMember, span: Span, message: string): RelatedInfo {
  return { span: other.doc.toSource(span), message, file: other.id };
}

function carryOver(member: SeriesMember, previous: SeriesMember, settings: Settings, found: Found[]): void {
  const report = member.doc.report;
  const now = tableOf(report, T3);
  const then = tableOf(previous.doc.report, T3);
  if (!now || !then) return;
  const inRow = now.rows.find((r) => r.key === 'carriedIn');
  if (!inRow) return;
  // The columns both formats' 表三 have (the seven applicant columns, in either format).
  const mismatches: { cell: Cell; last: Cell; lastValue: number }[] = [];
  for (const cell of inRow.cells) {
    if (cell.value === null) continue;
    const last = cellOf(then, 'carriedOut', cell.column);
    if (!last || last.value === null || !columnDef(then.def, cell.column)) continue;
    if (last.value !== cell.value) mismatches.push({ cell, last, lastValue: last.value });
  }
  if (!mismatches.length) return;
  const edit = (m: (typeof mismatches)[number]): Edit => ({ ...m.cell.valueSpan, newText: formatNumber(m.lastValue, m.cell.fullWidth) });
  const allEdits = mismatches.map(edit);
  // Taking last year's values may unbalance this year's 表三 (its results were counted with the
  // old figure): the fix is offered first only when it leaves no more errors than before. Only 表三's
  // arithmetic reads these cells, so only it is weighed, on a copy of the table with last year's
  // values (no re-parse: a series of 1,000 reports would parse most of them again).
  const severity = (code: string) => settingOf(RULES.find((r) => r.code === code) ?? { code, severity: 'error' }, settings);
  const enabled = (rule: string) => severity(rule) !== 'off';
  const errors = (table: ParsedTable) => tableArithmetic(table, enabled).findings.filter((f) => severity(f.rule) === 'error').length;
  const lastValues = new Map(mismatches.map((m) => [m.cell, m.lastValue]));
  const taken: ParsedTable = {
    ...now,
    rows: now.rows.map((r) => (r !== inRow ? r : { ...r, cells: r.cells.map((c) => (lastValues.has(c) ? { ...c, value: lastValues.get(c)! } : c)) })),
  };
  // Usually this year's table balances and every arithmetic rule is an error: then the fix is safe
  // exactly when the copy balances too, which needs no search for the wrong cell.
  const allErrors = now.def.relations.every((r) => !enabled(r.rule) || severity(r.rule) === 'error');
  const safe = allErrors && errors(now) === 0 ? tableHolds(taken, enabled) : errors(taken) <= errors(now);
  const prevYear = previous.year!;
  const allFix: Fix = {
    title: mismatches.length > 1 ? `按上年报告（${previous.name}）改写“二、上年结转”的 ${mismatches.length} 个数字${safe ? '' : '（改后请核对本表勾稽关系）'}` : `改为上年报告的 ${formatNumber(mismatches[0].lastValue, false)}${safe ? '' : '（改后请核对本表勾稽关系）'}`,
    edits: allEdits,
    preferred: safe,
    fixAll: false,
  };
  for (const m of mismatches) {
    const name = cellName(now.def, { row: 'carriedIn', column: m.cell.column });
    const lastName = cellName(then.def, { row: 'carriedOut', column: m.cell.column });
    const alternatives: Fix[] = mismatches.length > 1 ? [{ title: `只改这一格为 ${m.lastValue}`, edits: [edit(m)], preferred: false, fixAll: false }] : [];
    found.push({
      code: 'carry-over',
      span: m.cell.valueSpan,
      message: `表三${name}为 ${m.cell.value}，与上年（${prevYear} 年度）报告 ${previous.name} 中${lastName}的 ${m.lastValue} 不一致：本年的上年结转应等于上年结转下年度继续办理的件数`,
      fix: allFix,
      alternativeFixes: alternatives,
      related: [relatedIn(previous, m.last.valueSpan, `上年（${prevYear} 年度）${lastName}：${m.lastValue}`)],
    });
  }
}

function stockContinuity(member: SeriesMember, previous: SeriesMember, found: Found[]): void {
  const now = tableOf(member.doc.report, T2);
  const then = tableOf(previous.doc.report, T2);
  // Only the 2021 format counts 现行有效件数; the 2019 format's 对外公开总数量 is another figure.
  if (!now || !then || !columnDef(now.def, 'valid') || !columnDef(then.def, 'valid')) return;
  for (const row of ['rules', 'normative']) {
    const valid = cellOf(now, row, 'valid');
    const issued = cellOf(now, row, 'issued');
    const repealed = cellOf(now, row, 'repealed');
    const last = cellOf(then, row, 'valid');
    if (!valid || !issued || !repealed || !last) continue;
    if (valid.value === null || issued.value === null || repealed.value === null || last.value === null) continue;
    const expected = last.value + issued.value - repealed.value;
    if (expected === valid.value) continue;
    const label = rowDef(now.def, row)!.label;
    found.push({
      code: 'stock-continuity',
      span: valid.valueSpan,
      message:
        `表二“${label}”现行有效件数为 ${valid.value}，而上年（${previous.year} 年度）报告 ${previous.name} 的现行有效件数 ${last.value}` +
        ` + 本年制发 ${issued.value} − 本年废止 ${repealed.value} = ${expected}。` +
        `如因修订、清理或重新统计而不同，属正常情况，请在报告中说明；否则请核对`,
      related: [relatedIn(previous, last.valueSpan, `上年（${previous.year} 年度）“${label}”现行有效件数：${last.value}`)],
    });
  }
}

/**
 * The cross-year problems of every member, by id. `settingsOf` gives each member's settings
 * (severities from its config and the caller's overrides).
 */
export function checkSeries(members: readonly SeriesMember[], settingsOf: (m: SeriesMember) => Settings = () => ({})): Map<string, Problem[]> {
  const out = new Map<string, Problem[]>();
  for (const series of groupSeries(members)) {
    for (const m of series.members) {
      const problems = checkAcrossYears(m, placeIn(series, m), settingsOf(m));
      if (problems.length) out.set(m.id, [...(out.get(m.id) ?? []), ...problems]);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Roll-up: a report that sums up others (a district's report and its departments' and towns'),
// as the config file says (docs/config.md `rollUp`, docs/rules/roll-up.md)

/** The tables a summing report must equal the sum of (表三 and 表四). */
const ROLL_UP_TABLES = [T3, 'T4'];

/**
 * Whether an entry of `rollUp` names files (a glob or a file name: it has `*`, `?`, `[`, `{`, a slash
 * or a dot) rather than an agency (an agency's name has none of these).
 */
export function isFileEntry(entry: string): boolean {
  return /[*?[\]{}\/\\.]/.test(entry);
}

/** Whether a member is the agency an entry of `rollUp` names (the same agency key as its title's, or its config `series`). */
export function isAgency(entry: string, member: SeriesMember): boolean {
  const key = agencyKey(entry);
  if (key === null) return false;
  if (member.key === key || member.key === `series:${entry}`) return true;
  const report = member.doc.report;
  return agencyKey(report.agency) === key;
}

/** One entry of a roll-up's `sums` and the reports of the summing report's year it stands for (none: missing). */
export interface RollUpPart {
  /** The entry as written in the config (an agency's name, a glob). */
  entry: string;
  members: SeriesMember[];
}

/**
 * The roll-up problems of a summing report: one on its title naming the reports that are missing
 * (when any is, the cells are not compared: the sums would be off for that reason alone), else one per
 * cell of 表三 and 表四 that differs from the sum of the parts' cells (the cells written by hand; the
 * totals only when every hand-written cell agrees), with a related entry on each part's cell.
 */
export function checkRollUp(total: SeriesMember, parts: readonly RollUpPart[], settings: Settings = {}): Problem[] {
  const report = total.doc.report;
  if (!report.isReport || total.year === null || settings.rules?.['roll-up'] === 'off' || !parts.length) return [];
  const found: Found[] = [];
  const titleSpan = report.title?.span ?? { start: 0, end: 0 };
  const missing = parts.filter((p) => !p.members.length).map((p) => p.entry);
  if (missing.length) {
    found.push({
      code: 'roll-up',
      span: titleSpan,
      message:
        `本报告汇总 ${parts.length} 项下级报告，其中 ${missing.length} 项没有 ${total.year} 年度的报告在所检查的目录中：${missing.join('、')}。` +
        `补齐后才能核对表三、表四是否等于各报告之和`,
    });
    return toProblems(total.doc, found, settings);
  }
  const members = parts.flatMap((p) => p.members);
  for (const id of ROLL_UP_TABLES) {
    const mine = tableOf(report, id);
    if (!mine) continue;
    const diffs: { hand: boolean; f: Found }[] = [];
    for (const row of mine.rows) {
      for (const cell of row.cells) {
        if (cell.value === null) continue;
        const terms: { m: SeriesMember; c: Cell; value: number }[] = [];
        for (const m of members) {
          const c = cellOf(tableOf(m.doc.report, id), row.key, cell.column);
          if (!c || c.value === null) break;
          terms.push({ m, c, value: c.value });
        }
        // A part without this cell (its table unread, or another format's table): not compared.
        if (terms.length !== members.length) continue;
        const sum = terms.reduce((n, t) => n + t.value, 0);
        if (Math.abs(sum - cell.value) < 1e-9) continue;
        const name = `${tableShortName(id)}${cellName(mine.def, { row: row.key, column: cell.column })}`;
        const diff = cell.value - sum;
        const shown = (n: number) => formatNumber(Math.round(n * 10000) / 10000, false);
        diffs.push({
          hand: !isDerived(mine.def, { row: row.key, column: cell.column }),
          f: {
            code: 'roll-up',
            span: cell.valueSpan,
            message:
              `${name}：汇总值 ${shown(cell.value)}，各报告合计 ${shown(sum)}（${terms.map((t) => `${t.m.name} ${shown(t.value)}`).join(' + ')}），` +
              `差 ${diff > 0 ? '+' : ''}${shown(diff)}`,
            related: terms.map((t) => relatedIn(t.m, t.c.valueSpan, `${t.m.name}（${t.m.year} 年度）${name}：${shown(t.value)}`)),
          },
        });
      }
    }
    const hand = diffs.filter((d) => d.hand);
    for (const d of hand.length ? hand : diffs) found.push(d.f);
  }
  return toProblems(total.doc, found, settings);
}
