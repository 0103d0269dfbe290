import { canonicalHeading } from '../format';
import { tableTemplate } from '../template';
import { eolOf, linesOf, trimSpan } from '../text';
import { msg, fixTitle } from '../messages';
import { builtinDocs, type Rule } from './rule';
import type { Report, Span, Edit } from '../types';

/** Where a section-missing problem points: the title, or the first non-empty line. */
export function reportAnchor(report: Report): Span {
  if (report.title) return report.title.span;
  for (const line of linesOf(report)) {
    const s = trimSpan(report.text, line.start, line.end);
    if (s.end > s.start) return s;
  }
  return { start: 0, end: 0 };
}

/** The text that puts a missing section back where it belongs, in the document's own layout. */
function insertion(report: Report, index: number): { edit: Edit; withTable: boolean; aboveOrphan?: boolean } {
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
    return { edit: { start: lineStart, end: lineStart, newText: `${heading}${eol}` }, withTable: false, aboveOrphan: true };
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

/** The last non-blank line that ends at or before `offset`, after the title: the end of the section before. */
function lineBefore(report: Report, offset: number): Span | null {
  const floor = report.title?.span.end ?? 0;
  const lines = linesOf(report);
  for (let i = lines.length - 1; i >= 0; i--) {
    if (lines[i].end > offset) continue;
    if (lines[i].start < floor) return null;
    const s = trimSpan(report.text, lines[i].start, lines[i].end);
    if (s.end > s.start) return s;
  }
  return null;
}

/** The trimmed line that starts at `offset` (or the nearest non-blank one after it). */
function lineAt(report: Report, offset: number): Span {
  for (const line of linesOf(report)) {
    if (line.end < offset) continue;
    const s = trimSpan(report.text, Math.max(line.start, offset), line.end);
    if (s.end > s.start) return s;
  }
  return reportAnchor(report);
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
    const sections = report.formatDef.sections;
    const present = new Set(report.sections.map((s) => s.index));
    if (present.size === 0) {
      // A report begun from its title: one note listing the six parts, not six errors stacked on line 1.
      const eol = eolOf(report.text);
      const lead = report.text.length === 0 || report.text.endsWith('\n') ? '' : eol;
      const skeleton = sections
        .map((s) => {
          const def = s.table ? report.formatDef.tables[s.table] : undefined;
          return `${canonicalHeading(s)}${eol}${def ? `${tableTemplate(def, report.layout, eol)}${eol}` : ''}`;
        })
        .join(eol);
      ctx.add(
        reportAnchor(report),
        msg.sectionsNotBegun(sections.map((s) => canonicalHeading(s))),
        {
          title: fixTitle.insertSkeleton(),
          edits: [{ start: report.text.length, end: report.text.length, newText: `${lead}${eol}${skeleton}` }],
          preferred: true,
          fixAll: false,
        },
        { severity: 'info' },
      );
      return;
    }
    sections.forEach((s, index) => {
      if (present.has(index)) return;
      const { edit, withTable, aboveOrphan } = insertion(report, index);
      // Where the section belongs: above its table when only the heading was lost; else the end of
      // the section before it, or the line it would go above.
      const anchor = aboveOrphan ? lineAt(report, edit.start) : (lineBefore(report, edit.start) ?? lineAt(report, edit.start));
      const previous = report.sections.filter((h) => h.index < index).pop();
      ctx.add(anchor, msg.sectionMissing(s.ordinal, canonicalHeading(s), previous ? canonicalHeading(sections[previous.index]) : null), {
        title: fixTitle.insertSection(canonicalHeading(s), withTable),
        edits: [edit],
        preferred: true,
        fixAll: false,
      });
    });
  },
};
export default rule;
