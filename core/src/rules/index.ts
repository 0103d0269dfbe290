// The rule registry and check(): run every enabled rule over a parsed report.

import type { Report, Problem, Settings, Severity, SeveritySetting, Span, Fix } from '../types';
import type { Rule, RuleMeta, ProblemExtras } from './rule';
import { parse } from '../parse';
import sectionMissing from './section-missing';
import sectionOrder from './section-order';
import sectionHeading from './section-heading';
import tableMissing from './table-missing';
import tableShape from './table-shape';
import cellNotNumber from './cell-not-number';
import rowTotal from './row-total';
import columnTotal from './column-total';
import balance from './balance';
import reviewTotal from './review-total';
import litigationTotal from './litigation-total';
import yearMismatch from './year-mismatch';
import formatOutdated from './format-outdated';
import narrativeMismatch from './narrative-mismatch';
import feeMissing from './fee-missing';
import cellReading from './cell-reading';
import narrativeAllClosed from './narrative-all-closed';
import narrativeYear from './narrative-year';
import feeContradiction from './fee-contradiction';
import sectionEmpty from './section-empty';
import itemNumbering from './item-numbering';
import cellAmbiguous from './cell-ambiguous';
import { SERIES_RULES } from './series-meta';

const ALL: Rule[] = [
  sectionMissing,
  sectionOrder,
  sectionHeading,
  tableMissing,
  tableShape,
  cellNotNumber,
  rowTotal,
  columnTotal,
  balance,
  reviewTotal,
  litigationTotal,
  yearMismatch,
  formatOutdated,
  narrativeMismatch,
  feeMissing,
  cellAmbiguous,
  cellReading,
  narrativeAllClosed,
  narrativeYear,
  feeContradiction,
  sectionEmpty,
  itemNumbering,
];

/** The built-in rules' metadata, in the order problems at one position are listed. */
export const RULES: readonly RuleMeta[] = [
  ...ALL.map(({ code, severity, description, docs, fixable }) => ({ code, severity, description, docs, fixable })),
  // Checked across years (series.ts), not by check(): they need last year's report.
  ...SERIES_RULES,
];

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };
const lower = (a: Severity, b?: Severity): Severity => (b && RANK[b] < RANK[a] ? b : a);

/** A rule's severity under the settings: the setting its code has there, else the rule's own ('off': not run). */
export function settingOf(rule: { code: string; severity: Severity }, settings: Settings): SeveritySetting {
  return settings.rules?.[rule.code] ?? rule.severity;
}

/** Run the rules over a report; problems sorted by position, then by rule order. */
export function check(report: Report, settings: Settings = {}): Problem[] {
  const problems: Problem[] = [];
  if (!report.isReport) return problems;
  const enabled = (code: string) => settings.rules?.[code] !== 'off';
  const rules = settings.extraRules?.length ? [...ALL, ...settings.extraRules] : ALL;
  for (const rule of rules) {
    const setting = settingOf(rule, settings);
    if (setting === 'off') continue;
    const severity: Severity = setting;
    const ctx = {
      report,
      enabled,
      add(span: Span, message: string, fix?: Fix, extras: ProblemExtras = {}) {
        const p: Problem = { code: rule.code, severity: lower(severity, extras.severity), message, span };
        if (fix) p.fix = fix;
        if (extras.alternativeFixes?.length) p.alternativeFixes = extras.alternativeFixes;
        if (extras.related?.length) p.related = extras.related;
        problems.push(p);
      },
    };
    if (rules === ALL || ALL.includes(rule)) {
      rule.check(ctx);
      continue;
    }
    // A rule from outside the core may fail: say so where the report begins, and go on.
    try {
      rule.check(ctx);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      problems.push({ code: rule.code, severity: 'error', message: `规则 ${rule.code} 运行出错，未能完成检查：${why}`, span: { start: 0, end: 0 } });
    }
  }
  if (!simulating) dropWorseningInsertions(report, settings, problems);
  const order = new Map(rules.map((r, i) => [r.code, i]));
  return problems.sort((a, b) => a.span.start - b.span.start || order.get(a.code)! - order.get(b.code)!);
}

/**
 * Fixes that insert a table or a section are tried on the text first: in a mangled report the
 * numbers left lying around would attach to the inserted table and give more errors than before.
 * Such a fix is not offered (a quick fix never makes things worse). Only these insertions need it:
 * the total rules check their own fixes (arithmetic.ts), and the other fixes rewrite one token.
 */
const INSERTING = new Set(['table-missing', 'section-missing']);
let simulating = false;

function dropWorseningInsertions(report: Report, settings: Settings, problems: Problem[]): void {
  const candidates = problems.filter((p) => p.fix && INSERTING.has(p.code));
  if (!candidates.length) return;
  const errors = problems.filter((p) => p.severity === 'error').length;
  simulating = true;
  try {
    for (const p of candidates) {
      const edits = [...p.fix!.edits].sort((a, b) => b.start - a.start);
      let text = report.text;
      for (const e of edits) text = text.slice(0, e.start) + e.newText + text.slice(e.end);
      const after = check(parse(text, { formats: report.formats }), settings).filter((x) => x.severity === 'error').length;
      if (after > errors) delete p.fix;
    }
  } finally {
    simulating = false;
  }
}
