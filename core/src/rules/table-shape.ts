// Rows missing, duplicated, unknown, or with the wrong number of numbers; and a number standing in a
// table where no row claims it. A row with one number too many is tried without each of its numbers:
// when exactly one removal makes the row and every sum through it balance, that number is the stray
// and the problem stands on it, with the fix that deletes it (docs/arithmetic.md).

import { columnsOf, rowDef, shortLabel, type TableDef } from '../format';
import { cellMap, refKey, signedRefs, tableDefOf } from '../relations';
import { msg, fixTitle } from '../messages';
import { builtinDocs, type Rule } from './rule';
import type { Cell, Edit, ParsedRow, ParsedTable, Span } from '../types';

/** The edit that removes one number: its whole line when it stands alone there, else the cell and the separator before it. */
function deletion(text: string, span: Span): Edit {
  const lineStart = text.lastIndexOf('\n', span.start - 1) + 1;
  const nl = text.indexOf('\n', span.end);
  const lineEnd = nl === -1 ? text.length : nl;
  const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
  if (line.trim() === text.slice(span.start, span.end)) return { start: lineStart, end: nl === -1 ? lineEnd : nl + 1, newText: '' };
  if (line.trimStart().startsWith('|')) {
    const before = text.lastIndexOf('|', span.start - 1);
    const after = text.indexOf('|', span.end);
    if (before >= lineStart && after !== -1 && after <= lineEnd) return { start: before, end: after, newText: '' };
  }
  let start = span.start;
  while (start > lineStart && /[\t \u00a0\u3000]/.test(text[start - 1])) start--;
  return { start, end: span.end, newText: '' };
}

/** Which of a row's numbers, removed, leaves the row and every sum through it balanced: the one stray, or null. */
function strayOf(table: ParsedTable, def: TableDef, row: ParsedRow): Cell | null {
  const loose = row.loose ?? [];
  const rowDefinition = rowDef(def, row.key);
  if (!rowDefinition || loose.length !== row.expectedCells + 1 || loose.some((c) => c.value === null)) return null;
  const columns = columnsOf(def, rowDefinition).map((c) => c.key);
  const written = cellMap(table);
  const fits: { cell: Cell; values: string }[] = [];
  for (let p = 0; p < loose.length; p++) {
    const rest = loose.filter((_, k) => k !== p);
    const mine = new Map(columns.map((c, k) => [`${row.key}|${c}`, rest[k].value as number]));
    const value = (key: string) => mine.get(key) ?? written.get(key)?.value ?? null;
    let through = 0;
    let balanced = true;
    for (const rel of def.relations) {
      const refs = signedRefs(rel);
      if (!refs.some(([r]) => r.row === row.key)) continue;
      const values = refs.map(([r]) => value(refKey(r)));
      if (values.some((v) => v === null)) continue;
      through++;
      if (refs.reduce((sum, [, sign], k) => sum + sign * (values[k] as number), 0) !== 0) balanced = false;
    }
    if (through > 0 && balanced) fits.push({ cell: loose[p], values: rest.map((c) => c.value).join(',') });
  }
  // Removing either of two equal numbers gives the same row: one reading. The last is flagged: a
  // number added after a row's cells stands last, and within a run of equal lines any is the same text.
  return new Set(fits.map((f) => f.values)).size === 1 ? fits[fits.length - 1].cell : null;
}


const rule: Rule = {
  code: 'table-shape',
  severity: 'error',
  description: '表格缺行、重复行、无法识别的行，某行数字个数不对，或表中有不属于任何一行的数字',
  docs: builtinDocs('table-shape'),
  fixable: true,
  check(ctx) {
    const { text } = ctx.report;
    for (const table of ctx.report.tables) {
      const def = tableDefOf(table);
      const label = (key?: string) => {
        const r = key ? rowDef(def, key) : undefined;
        return r ? (r.unlabelled ? '数据' : shortLabel(r.label)) : key ?? '';
      };
      for (const issue of table.issues) {
        if (issue.kind === 'stray-number') {
          const raw = issue.text ?? '';
          ctx.add(issue.span, msg.strayOutside(def.shortName, raw), {
            title: fixTitle.deleteNumber(raw),
            edits: [deletion(text, issue.span)],
            preferred: true,
            fixAll: false,
          });
          continue;
        }
        if (issue.kind === 'extra-cells') {
          const row = table.rows.find((r) => r.key === issue.row);
          const stray = row ? strayOf(table, def, row) : null;
          if (stray) {
            ctx.add(stray.valueSpan, msg.strayNumber(def.shortName, label(issue.row), stray.raw), {
              title: fixTitle.deleteNumber(stray.raw),
              edits: [deletion(text, stray.valueSpan)],
              preferred: true,
              fixAll: false,
            });
            continue;
          }
        }
        const message =
          issue.kind === 'missing-row'
            ? msg.shapeMissingRow(def.shortName, label(issue.row))
            : issue.kind === 'duplicate-row'
              ? msg.shapeDuplicateRow(def.shortName, label(issue.row))
              : issue.kind === 'unknown-row'
                ? msg.shapeUnknownRow(def.shortName, issue.text ?? '')
                : msg.shapeCellCount(def.shortName, label(issue.row), issue.expected ?? 0, issue.found ?? 0);
        ctx.add(issue.span, message);
      }
    }
  },
};
export default rule;
