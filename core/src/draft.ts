// Writing this year's report from last year's, and moving a report from the 2019 tables to the 2021
// ones (README.md "Across years"). Both are pure text generation over the format data (format.ts)
// and the template (template.ts): nothing here guesses a figure. A cell with a certain source is
// filled from it; every other number is 0, and the cells whose 2019 counterpart is uncertain or
// missing are listed for the writer.

import { FORMAT_2019, FORMAT_2021, cellName, columnsOf, formatForYear, type FormatDef, type TableDef } from './format';
import { tableTemplate, template, type CellText } from './template';
import { eolOf, formatNumber } from './text';
import type { Edit, Layout, ParsedTable, Report } from './types';

const cellValue = (table: ParsedTable | undefined, row: string, column: string): number | null =>
  table?.rows.find((r) => r.key === row)?.cells.find((c) => c.column === column)?.value ?? null;

const show = (v: number): string => formatNumber(v, false);

/** Last year's prose with its years moved on: `2023年` → `2024年`, and the year before likewise. */
export function moveYears(text: string, from: number, to: number): string {
  const shift = to - from;
  return text.replace(/(?<![0-9])([0-9]{4})(?=\s*年)/g, (y) => {
    const n = Number(y);
    return n === from || n === from - 1 ? String(n + shift) : y;
  });
}

/** The body of a section as lines (blank lines at either end dropped), or null when the report lacks it. */
function bodyLines(report: Report, index: number): string[] | null {
  const s = report.sections.find((x) => x.index === index);
  if (!s) return null;
  const lines = report.text.slice(s.bodySpan.start, s.bodySpan.end).split(/\r\n|\r|\n/);
  while (lines.length && lines[0].trim() === '') lines.shift();
  while (lines.length && lines[lines.length - 1].trim() === '') lines.pop();
  return lines;
}

export interface DraftOptions {
  /** The year of the new report (default: last year's + 1). */
  year?: number;
  /** Default: last year's layout. */
  layout?: Layout;
  eol?: string;
}

/**
 * This year's draft from last year's report: the year's format (the 2021 one from 2021 on), title,
 * agency, year and 统计期间 set; 表三's 二、上年结转 from last year's 四、结转下年度继续办理; 表二's 现行有效件数
 * carried (from a 2021-format last year); every other number 0; the prose of the sections without a
 * table kept from last year with its years moved on, for the writer to update (narrative-mismatch
 * then points at each stale figure).
 */
export function draftFromLastYear(last: Report, opts: DraftOptions = {}): string {
  const lastYear = last.year ?? (opts.year !== undefined ? opts.year - 1 : new Date().getFullYear() - 1);
  const year = opts.year ?? lastYear + 1;
  const format = formatForYear(year) ?? FORMAT_2021;
  const layout = opts.layout ?? last.layout;
  const eol = opts.eol ?? eolOf(last.text);
  const t3 = last.tables.find((t) => t.id === 'T3');
  const t2 = last.tables.find((t) => t.id === 'T2');
  const values: Record<string, CellText> = {
    T3: (row, column) => {
      if (row !== 'carriedIn') return '0';
      const v = cellValue(t3, 'carriedOut', column);
      return v === null ? '0' : show(v);
    },
    T2: (row, column) => {
      if (column !== 'valid' || !t2?.def.columns.some((c) => c.key === 'valid')) return '0';
      const v = cellValue(t2, row, 'valid');
      return v === null ? '0' : show(v);
    },
  };
  const bodies: Record<number, string[]> = {};
  format.sections.forEach((s, i) => {
    if (s.table) return;
    const lines = bodyLines(last, i);
    if (lines && lines.length) bodies[i] = [...lines.map((l) => moveYears(l, lastYear, year)), ''];
  });
  const agency = last.agency ?? '（机关名称）';
  return template({ agency, year, layout, eol, format, values, bodies }) + eol;
}

// ---------------------------------------------------------------------------
// 2019 → 2021

/** A cell of the 2021 table left at 0 (or filled from an uncertain source) for the writer to check. */
export interface ConversionFlag {
  table: string;
  cell: string;
  reason: string;
}

export interface Conversion {
  /** One edit per table replaced (the whole table, in the report's layout). */
  edits: Edit[];
  flags: ConversionFlag[];
}

/**
 * Where each 2021 cell of 表二 and 表三 comes from in the 2019 table: `row.column` of the old table,
 * or null (no certain counterpart: 0, flagged). 表三's rows are the same but （六）其他处理, which
 * 2021 splits in three; 表四 is the same in both formats.
 */
const FROM_2019: Record<string, (row: string, column: string) => { row: string; column: string } | null> = {
  T2: (row, column) => {
    // 行政许可、处罚、强制: the 处理决定数量 of both formats.
    if (column === 'decisions') return { row, column: 'decisions' };
    // 规章、规范性文件: 本年新制作 is what 2021 calls 本年制发.
    if (column === 'issued') return { row, column: 'made' };
    return null;
  },
  T3: (row, column) => (row.startsWith('other') ? null : { row, column }),
};

const REASONS: Record<string, (row: string, column: string) => string> = {
  T2: (row, column) =>
    column === 'repealed'
      ? '2019 年格式没有“本年废止件数”，请按实际填写'
      : column === 'valid'
        ? '2019 年格式的“对外公开总数量”不等于“现行有效件数”，请按实际填写'
        : row === 'charges'
          ? '2019 年格式统计的是收费项目数量，2021 年格式要求收费金额（万元），请按实际填写'
          : '2019 年格式没有对应的数字，请按实际填写',
  T3: () => '2019 年格式的“（六）其他处理”只有一行，2021 年格式分为三种情形，请按实际拆分填写',
};

/** The 2019-format 表二 and 表三 of a report rewritten as 2021-format tables (null when there is none). */
export function convertTo2021(report: Report, target: FormatDef = FORMAT_2021): Conversion | null {
  const eol = eolOf(report.text);
  const edits: Edit[] = [];
  const flags: ConversionFlag[] = [];
  for (const table of report.tables) {
    if (table.format !== FORMAT_2019.id || !FROM_2019[table.id]) continue;
    const def: TableDef = target.tables[table.id];
    const from = FROM_2019[table.id];
    const old = (row: string, column: string): number | null => {
      const src = from(row, column);
      return src ? cellValue(table, src.row, src.column) : null;
    };
    // 表三's （六）其他处理 in 2019 is one row: its numbers go to 3.其他 so that the totals still hold, flagged.
    const otherHandling = table.id === 'T3' ? table.rows.find((r) => r.key === 'otherHandling') : undefined;
    const split = otherHandling?.cells.some((c) => c.value !== 0) ?? false;
    for (const row of def.rows) {
      const missing = columnsOf(def, row).filter((col) => {
        const src = from(row.key, col.key);
        return !src || !table.def.rows.some((r) => r.key === src.row);
      });
      if (!missing.length || (table.id === 'T3' && !split)) continue;
      const cell = missing.length === columnsOf(def, row).length ? cellName(def, { row: row.key, column: '' }) : missing.map((c) => cellName(def, { row: row.key, column: c.key })).join('、');
      flags.push({ table: def.shortName, cell, reason: REASONS[table.id](row.key, missing[0].key) });
    }
    const values: CellText = (row, column) => {
      if (otherHandling && row === 'other3') {
        const v = otherHandling.cells.find((c) => c.column === column)?.value ?? null;
        return v === null ? '0' : show(v);
      }
      const v = old(row, column);
      return v === null ? '0' : show(v);
    };
    const layout = table.layout;
    edits.push({ start: table.span.start, end: table.span.end, newText: tableTemplate(def, layout, eol, values) });
  }
  return edits.length ? { edits, flags } : null;
}
