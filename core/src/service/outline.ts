// Outline (document symbols) and folding: the six sections, the three tables inside them.

import { canonicalHeading } from '../format';
import type { ParsedTable, Report, Span } from '../types';

export interface OutlineItem {
  kind: 'section' | 'table';
  name: string;
  detail: string;
  span: Span;
  selectionSpan: Span;
  children: OutlineItem[];
}

export function tableTitle(table: ParsedTable): string {
  return table.def.shortName;
}

function trimEnd(text: string, span: Span): Span {
  let end = span.end;
  while (end > span.start && /\s/.test(text[end - 1])) end--;
  return { start: span.start, end };
}

function tableItem(report: Report, table: ParsedTable): OutlineItem {
  const def = table.def;
  const first = report.text.indexOf('\n', table.span.start);
  const selEnd = first < 0 || first > table.span.end ? table.span.end : first;
  return {
    kind: 'table',
    name: `${tableTitle(table)} ${def.name}`.trim(),
    detail: `${table.format} 格式`,
    span: table.span,
    selectionSpan: trimEnd(report.text, { start: table.span.start, end: Math.max(selEnd, table.span.start) }),
    children: [],
  };
}

export function documentOutline(report: Report): OutlineItem[] {
  const out: OutlineItem[] = [];
  const placed = new Set<ParsedTable>();
  for (const h of report.sections) {
    const span = trimEnd(report.text, { start: h.lineSpan.start, end: h.bodySpan.end });
    const children = report.tables
      .filter((t) => t.span.start >= span.start && t.span.end <= Math.max(span.end, h.bodySpan.end))
      .map((t) => {
        placed.add(t);
        return tableItem(report, t);
      });
    const canonical = canonicalHeading(report.formatDef.sections[h.index]);
    out.push({
      kind: 'section',
      name: h.text.trim() || canonical,
      detail: h.text.replace(/\s+/g, '') === canonical ? '' : canonical,
      span: { start: span.start, end: Math.max(span.end, h.lineSpan.end) },
      selectionSpan: h.textSpan,
      children,
    });
  }
  for (const t of report.tables) if (!placed.has(t)) out.push(tableItem(report, t));
  return out.sort((a, b) => a.span.start - b.span.start);
}

export interface FoldItem {
  span: Span;
  kind: 'section' | 'table';
}

export function foldingSpans(report: Report): FoldItem[] {
  const out: FoldItem[] = [];
  const walk = (items: OutlineItem[]) => {
    for (const item of items) {
      out.push({ span: item.span, kind: item.kind });
      walk(item.children);
    }
  };
  walk(documentOutline(report));
  return out;
}
