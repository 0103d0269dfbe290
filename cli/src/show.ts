// `nianbao show FILE`: what the checker read from a file, so users see what it saw and tests can
// compare layouts: title, agency, year, format, the layout of the tables, and each table's rows,
// columns, values and their positions in the file (1-based line:column, UTF-16 columns).

import { positionAt, columnsOf, layoutOf } from '../../core/src';
import type { Document, Span } from '../../core/src';
import type { Input } from './inputs';

interface At {
  line: number;
  column: number;
}

const at = (text: string, offset: number): At => {
  const p = positionAt(text, offset);
  return { line: p.line + 1, column: p.character + 1 };
};

/** The model of one file, positions in the file's own text. */
export function showModel(input: Input): Record<string, unknown> {
  const doc: Document = input.doc;
  const r = doc.report;
  const src = doc.source;
  const pos = (span: Span) => {
    const s = doc.toSource(span);
    const a = at(src, s.start);
    const b = at(src, Math.max(s.start, s.end));
    const place = doc.placeAt(span.start);
    return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column, ...(place ? { place } : {}) };
  };
  return {
    path: input.display,
    encoding: input.decoded.encoding,
    title: r.title?.text ?? null,
    agency: r.agency,
    year: r.year,
    format: r.format,
    layout: layoutOf(doc),
    sections: r.sections.map((s) => {
      const p = pos(s.textSpan);
      return { index: s.index, heading: s.text, line: p.line, column: p.column };
    }),
    tables: r.tables.map((t) => {
      const def = t.def;
      return {
        id: t.id,
        name: def.name,
        format: t.format,
        columns: def.columns.map((c) => ({ key: c.key, label: c.label })),
        rows: t.rows.map((row) => {
          const rd = def.rows.find((x) => x.key === row.key)!;
          const label = row.labelSpan ? pos(row.labelSpan) : null;
          return {
            key: row.key,
            label: rd.unlabelled ? null : rd.label,
            columns: columnsOf(def, rd).map((c) => c.key),
            ...(label ? { line: label.line, column: label.column } : {}),
            cells: row.cells.map((c) => {
              const p = pos(c.valueSpan);
              return { key: c.column, raw: c.raw, value: c.value, ...p };
            }),
          };
        }),
      };
    }),
    notes: (r.notes ?? []).map((n) => {
      const p = pos(n.span);
      return { code: n.code, message: n.message, line: p.line, column: p.column };
    }),
  };
}

/** The same, as text for a person. */
export function showText(input: Input): string {
  const m = showModel(input) as {
    path: string;
    title: string | null;
    agency: string | null;
    year: number | null;
    format: string | null;
    layout: string;
    sections: { index: number; heading: string; line: number; column: number }[];
    tables: { id: string; name: string; columns: { key: string; label: string }[]; rows: { key: string; label: string | null; line?: number; column?: number; cells: { key: string; raw: string; value: number | null; line: number }[] }[] }[];
    notes: { code: string; message: string; line: number; column: number }[];
  };
  const out: string[] = [];
  out.push(`${m.path}`);
  out.push(`  标题 (title): ${m.title ?? '（未找到）'}`);
  out.push(`  机关 (agency): ${m.agency ?? '（未找到）'}    年度 (year): ${m.year ?? '（未找到）'}    格式 (format): ${m.format ?? '（未识别）'}    排版 (layout): ${m.layout}`);
  out.push(`  章节 (sections): ${m.sections.map((s) => `${s.heading}（${s.line}:${s.column}）`).join('  ') || '（无）'}`);
  for (const t of m.tables) {
    out.push('');
    out.push(`  ${t.id} ${t.name}`);
    const name = new Map(t.columns.map((c) => [c.key, c.label]));
    for (const row of t.rows) {
      const cells = row.cells.map((c) => `${name.get(c.key) ?? c.key}=${c.value ?? `“${c.raw}”`}`).join('  ');
      out.push(`    ${row.label ?? '数据'}${row.line ? `（${row.line}:${row.column}）` : ''}: ${cells || '（无数字）'}`);
    }
  }
  if (m.notes.length) {
    out.push('');
    for (const n of m.notes) out.push(`  ${n.line}:${n.column}  ${n.message}  [${n.code}]`);
  }
  return out.join('\n') + '\n';
}
