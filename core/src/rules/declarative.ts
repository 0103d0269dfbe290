// Declarative rules: checks a province or an agency adds without code, as data in its config or
// profile (docs/config.md). Three kinds: a section that must be there, a phrase that must appear,
// a phrase that must not. Compiled here into ordinary rules; the config loader has validated them.

import { linesOf, normalizeLabel, trimSpan } from '../text';
import type { Report, Severity, Span } from '../types';
import type { Rule } from './rule';

interface Common {
  code: string;
  /** Default severity: warning. */
  severity?: Severity;
  /** What the problem says. */
  message: string;
  /** One line for lists (explain, SARIF); defaults to the message. */
  description?: string;
  /** A URL or a path of a page (RuleMeta.docs). */
  docs?: string;
}

/** A heading whose title (ordinal and `#` aside) is `title` must stand in the report. */
export interface RequiredSectionDef extends Common {
  kind: 'required-section';
  title: string;
}

/** A regular expression that must match (in `section`'s body, or anywhere). */
export interface RequiredPhraseDef extends Common {
  kind: 'required-phrase';
  pattern: string;
  /** Ordinal of a section of the format (六) or the title of a required section; default: the whole text. */
  section?: string;
}

/** A regular expression that must not match (each match is a problem). */
export interface ForbiddenPhraseDef extends Common {
  kind: 'forbidden-phrase';
  pattern: string;
  section?: string;
}

export type DeclarativeRuleDef = RequiredSectionDef | RequiredPhraseDef | ForbiddenPhraseDef;

/** At most this many matches of one forbidden phrase are reported per report. */
const MAX_MATCHES = 100;
const ORDINAL = /^(?:[(（]?[一二三四五六七八九十]+[)）]?[、.．]?|[0-9０-９]+[、.．])\s*/;

/** The heading text without its `#` marks and ordinal, normalised. */
function headingKey(line: string): string {
  return normalizeLabel(line.replace(/^#+\s*/, '').replace(ORDINAL, ''));
}

/** Lines that are headings named `title` (the first one). */
function findHeading(report: Report, title: string): { line: Span; text: Span } | null {
  const key = normalizeLabel(title);
  for (const line of linesOf(report)) {
    if (line.end - line.start > 80) continue;
    const t = trimSpan(report.text, line.start, line.end);
    if (t.end > t.start && headingKey(report.text.slice(t.start, t.end)) === key) return { line, text: t };
  }
  return null;
}

/** Where a phrase is looked for: the body of a section (by ordinal or title), or the whole text. */
function region(report: Report, section: string | undefined): { body: Span; heading: Span } | null {
  const whole = { body: { start: 0, end: report.text.length }, heading: report.title?.span ?? { start: 0, end: 0 } };
  if (!section) return whole;
  const index = report.formatDef.sections.findIndex((s) => s.ordinal === section || s.title === section);
  const parsed = index === -1 ? undefined : report.sections.find((s) => s.index === index);
  if (parsed) return { body: parsed.bodySpan, heading: parsed.textSpan };
  const h = findHeading(report, section);
  if (!h) return null;
  // Until the next recognised section heading after it, or the end.
  const next = report.sections.map((s) => s.lineSpan.start).filter((s) => s > h.line.end).sort((a, b) => a - b)[0] ?? report.text.length;
  return { body: { start: h.line.end, end: next }, heading: h.text };
}

function compile(pattern: string): RegExp | null {
  try {
    return new RegExp(pattern, 'gu');
  } catch {
    return null;
  }
}

export function declarativeRule(def: DeclarativeRuleDef): Rule {
  const meta = {
    code: def.code,
    severity: def.severity ?? ('warning' as Severity),
    description: def.description ?? def.message,
    docs: def.docs ?? '',
    fixable: false,
  };
  switch (def.kind) {
    case 'required-section':
      return {
        ...meta,
        check(ctx) {
          if (!findHeading(ctx.report, def.title)) ctx.add(ctx.report.title?.span ?? { start: 0, end: 0 }, def.message);
        },
      };
    case 'required-phrase': {
      const re = compile(def.pattern);
      return {
        ...meta,
        check(ctx) {
          const where = region(ctx.report, def.section);
          if (!re || !where) return;
          re.lastIndex = 0;
          if (!re.test(ctx.report.text.slice(where.body.start, where.body.end))) ctx.add(where.heading, def.message);
        },
      };
    }
    case 'forbidden-phrase': {
      const re = compile(def.pattern);
      return {
        ...meta,
        check(ctx) {
          const where = region(ctx.report, def.section);
          if (!re || !where) return;
          const body = ctx.report.text.slice(where.body.start, where.body.end);
          re.lastIndex = 0;
          let n = 0;
          for (let m = re.exec(body); m && n < MAX_MATCHES; m = re.exec(body)) {
            if (m[0] === '') {
              re.lastIndex++;
              continue;
            }
            n++;
            ctx.add({ start: where.body.start + m.index, end: where.body.start + m.index + m[0].length }, def.message);
          }
        },
      };
    }
  }
}
