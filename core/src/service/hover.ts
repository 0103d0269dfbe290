// Hover texts (Markdown, Chinese): every number of the tables (its row and column; for a derived cell,
// its sum), 表三's row labels (disposition rows with their legal basis, the balance rows with the
// balance), 表三's group rows （三）—（六） (also when the label is split over lines, as published),
// 表二's rows (the item of 条例第二十条 each comes from), 表四's columns, and section headings.

import { dispositionHover, BALANCE_ROWS, GROUP_HOVERS, T2_ROWS, T4_GROUPS, T4_OUTCOMES } from '../legal';
import { canonicalHeading, columnDef, rowDef, shortLabel } from '../format';
import { cellAt, rowAt } from '../query';
import { tableDefOf } from '../relations';
import { tableFigure } from '../figures';
import { normalizeLabel } from '../text';
import type { ParsedTable, Report, Span } from '../types';
import { explainCell } from './totals';

export interface HoverResult {
  markdown: string;
  span: Span;
}

const within = (span: Span, offset: number) => offset >= span.start && offset <= span.end;

export function hoverAt(report: Report, offset: number): HoverResult | null {
  return cellHover(report, offset) ?? rowHover(report, offset) ?? groupHover(report, offset) ?? headingHover(report, offset);
}

function cellHover(report: Report, offset: number): HoverResult | null {
  const hit = cellAt(report, offset);
  if (!hit) return null;
  const def = tableDefOf(hit.table);
  const row = rowDef(def, hit.row.key);
  const col = columnDef(def, hit.cell.column);
  const rowName = row && !row.unlabelled ? shortLabel(row.label) : '';
  const lines = [`**${def.shortName}${rowName ? ` · ${rowName}` : ''}${col ? ` · ${col.label}` : ''}**`];
  if (hit.table.id === 'T4') {
    const [group, outcome] = hit.cell.column.split('.');
    lines.push('');
    if (T4_GROUPS[group]) lines.push(`- ${T4_GROUPS[group]}`);
    if (T4_OUTCOMES[outcome]) lines.push(`- ${col?.label.split('·').pop() ?? outcome}：${T4_OUTCOMES[outcome]}`);
  }
  const explained = explainCell(hit.table, def, { row: hit.row.key, column: hit.cell.column });
  for (const e of explained) {
    const status = e.ok === null ? '' : e.ok ? ' ✓' : e.expected !== null && e.actual !== null ? `，实为 ${e.actual}` : '';
    lines.push('', `${e.line}${status}`);
  }
  return { markdown: lines.join('\n'), span: hit.cell.valueSpan };
}

function balanceHover(report: Report, table: ParsedTable, key: string): string | null {
  const b = BALANCE_ROWS[key];
  const row = rowDef(tableDefOf(table), key);
  if (!b || !row) return null;
  const v = (r: string) => tableFigure(report, 'T3', [{ row: r, column: 'total' }]);
  const [a, c, d, e] = [v('received'), v('carriedIn'), v('resultTotal'), v('carriedOut')];
  const lines = [`**${shortLabel(row.label)}**（勾稽关系的${b.term}）`, '', `- 含义：${b.meaning}`, '- 勾稽关系：第一项 + 第二项 = 第三项（七）总计 + 第四项（表头注明，每一列都应成立）'];
  if (a !== null && c !== null && d !== null && e !== null) lines.push(`- 本表总计列：${a} + ${c} = ${a + c}，${d} + ${e} = ${d + e}${a + c === d + e ? ' ✓' : '，不平衡'}`);
  return lines.join('\n');
}

function rowHover(report: Report, offset: number): HoverResult | null {
  const hit = rowAt(report, offset);
  if (!hit || !hit.row.labelSpan) return null;
  let markdown: string | null = null;
  if (hit.table.id === 'T3') markdown = dispositionHover(hit.row.key) ?? balanceHover(report, hit.table, hit.row.key);
  else if (hit.table.id === 'T2' && T2_ROWS[hit.row.key]) {
    const row = rowDef(tableDefOf(hit.table), hit.row.key)!;
    markdown = [`**表二 · ${row.label}**`, '', `- 来源：《中华人民共和国政府信息公开条例》${T2_ROWS[hit.row.key]}`].join('\n');
  }
  return markdown ? { markdown, span: hit.row.labelSpan } : null;
}

/** A group row label of 表三 （三）不予公开 …, also when published split over lines (（三）/不予/公开). */
function groupHover(report: Report, offset: number): HoverResult | null {
  const table = report.tables.find((t) => t.id === 'T3' && within(t.span, offset));
  if (!table) return null;
  const text = report.text;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd === -1) lineEnd = text.length;
  const own = normalizeLabel(text.slice(lineStart, lineEnd));
  if (!own || own.length > 12) return null;
  // Up to six lines on each side (published labels are split with blank lines between), normalised.
  let from = lineStart;
  for (let i = 0; i < 6 && from > 0; i++) from = text.lastIndexOf('\n', from - 2) + 1;
  let to = lineEnd;
  for (let i = 0; i < 6 && to < text.length; i++) {
    const next = text.indexOf('\n', to + 1);
    to = next === -1 ? text.length : next;
  }
  const before = normalizeLabel(text.slice(from, lineStart));
  const window = before + own + normalizeLabel(text.slice(lineEnd, to));
  const def = tableDefOf(table);
  for (const group of def.groups) {
    const info = GROUP_HOVERS[group.key];
    if (!info) continue;
    const label = normalizeLabel(group.label);
    for (let at = window.indexOf(label); at !== -1; at = window.indexOf(label, at + 1)) {
      if (at < before.length + own.length && at + label.length > before.length) {
        const span = { start: lineStart + (text.slice(lineStart, lineEnd).length - text.slice(lineStart, lineEnd).trimStart().length), end: lineStart + text.slice(lineStart, lineEnd).trimEnd().length };
        const markdown = [`**${info.title}**（表三的一组）`, '', `- 法律依据：${info.basis}`, `- 含义：${info.meaning}`].join('\n');
        return { markdown, span };
      }
    }
  }
  return null;
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
