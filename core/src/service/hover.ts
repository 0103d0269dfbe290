// Hover texts (Markdown, Chinese): disposition row labels, derived cells, section headings.

import { dispositionHover } from '../legal';
import { canonicalHeading } from '../format';
import { cellAt, rowAt } from '../query';
import { tableDefOf } from '../relations';
import type { Report, Span } from '../types';
import { explainCell } from './totals';

export interface HoverResult {
  markdown: string;
  span: Span;
}

const within = (span: Span, offset: number) => offset >= span.start && offset <= span.end;

export function hoverAt(report: Report, offset: number): HoverResult | null {
  return cellHover(report, offset) ?? rowHover(report, offset) ?? headingHover(report, offset);
}

function cellHover(report: Report, offset: number): HoverResult | null {
  const hit = cellAt(report, offset);
  if (!hit) return null;
  const def = tableDefOf(hit.table);
  const lines = explainCell(hit.table, def, { row: hit.row.key, column: hit.cell.column });
  if (!lines.length) return null;
  const body = lines.map((e) => {
    const status =
      e.ok === null ? '' : e.ok ? ' ✓' : e.expected !== null && e.actual !== null ? `，实为 ${e.actual}` : '';
    return `${e.line}${status}`;
  });
  return { markdown: body.join('\n\n'), span: hit.cell.valueSpan };
}

function rowHover(report: Report, offset: number): HoverResult | null {
  const hit = rowAt(report, offset);
  if (!hit || !hit.row.labelSpan || hit.table.id !== 'T3') return null;
  const markdown = dispositionHover(hit.row.key);
  return markdown ? { markdown, span: hit.row.labelSpan } : null;
}

function headingHover(report: Report, offset: number): HoverResult | null {
  const h = report.sections.find((s) => within(s.lineSpan, offset));
  if (!h) return null;
  const def = report.formatDef.sections[h.index];
  const canonical = canonicalHeading(def);
  const lines = [`**${canonical}**`, '', `本部分应包含：${def.contains.replace(/^[^：]*：/, '')}`];
  if (h.text.replace(/\s+/g, '') !== canonical) lines.push('', `规范标题：${canonical}`);
  return { markdown: lines.join('\n'), span: h.textSpan };
}
