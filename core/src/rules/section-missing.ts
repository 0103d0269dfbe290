import { canonicalHeading } from '../format';
import { tableTemplate } from '../template';
import { eolOf, splitLines, trimSpan } from '../text';
import { msg, fixTitle } from '../messages';
import { builtinDocs, type Rule } from './rule';
import type { Report, Span, Edit } from '../types';

/** Where a section-missing problem points: the title, or the first non-empty line. */
export function reportAnchor(report: Report): Span {
  if (report.title) return report.title.span;
  for (const line of splitLines(report.text)) {
    const s = trimSpan(report.text, line.start, line.end);
    if (s.end > s.start) return s;
  }
  return { start: 0, end: 0 };
}

/** The text that puts a missing section back where it belongs, in the document's own layout. */
function insertion(report: Report, index: number): { edit: Edit; withTable: boolean } {
  const { text } = report;
  const eol = eolOf(text);
  const hashes = report.sections.find((s) => s.hashes)?.hashes ?? '';
  const section = report.formatDef.sections[index];
  const heading = `${hashes}${canonicalHeading(section)}`;
  const tableDef = section.table ? report.formatDef.tables[section.table] : undefined;
  const orphan = tableDef ? report.tables.find((t) => t.id === tableDef.id) : undefined;
  if (orphan) {
    // The heading was lost but its table is still there: put the heading back just above it.
    const lineStart = text.lastIndexOf('\n', orphan.span.start - 1) + 1;
    return { edit: { start: lineStart, end: lineStart, newText: `${heading}${eol}` }, withTable: false };
  }
  const table = tableDef ? `${tableTemplate(tableDef, report.layout, eol)}${eol}` : '';
  const block = `${heading}${eol}${table}`;
  const next = report.sections.filter((s) => s.index > index).sort((a, b) => a.lineSpan.start - b.lineSpan.start)[0];
  if (next) {
    return { edit: { start: next.lineSpan.start, end: next.lineSpan.start, newText: `${block}${eol}` }, withTable: !!table };
  }
  const lead = text.length === 0 || text.endsWith('\n') ? '' : eol;
  return { edit: { start: text.length, end: text.length, newText: `${lead}${eol}${block}` }, withTable: !!table };
}

const rule: Rule = {
  code: 'section-missing',
  severity: 'error',
  description: '六个部分缺少其中之一',
  docs: builtinDocs('section-missing'),
  fixable: true,
  check(ctx) {
    const { report } = ctx;
    if (!report.isReport) return;
    const present = new Set(report.sections.map((s) => s.index));
    const anchor = reportAnchor(report);
    report.formatDef.sections.forEach((s, index) => {
      if (present.has(index)) return;
      const { edit, withTable } = insertion(report, index);
      ctx.add(anchor, msg.sectionMissing(s.ordinal, canonicalHeading(s)), {
        title: fixTitle.insertSection(canonicalHeading(s), withTable),
        edits: [edit],
        preferred: true,
        fixAll: false,
      });
    });
  },
};
export default rule;
