// The report text of a file without lines of its own (Word, PDF), built line by line with the place
// each stretch was read from (paragraph, table/row/cell, page/line). The text is what the parser
// already reads: paragraphs as lines, each table row as a Markdown row (`| label | 1 | 0 | … |`). The
// text is also the file's stand-in source: positions in it are positions in the draft that
// 导入 Word 年报 writes and in what `nianbao show` prints. See README.md, "Published layouts".
//
// As in web pages (readers/html.ts), a blank, `/` or `—` cell where a number is due is read as 0
// and said once per table (rule cell-reading); the total rules still find a blank where a total is due.

import { DEFAULT_FORMATS, type FormatDef } from '../format';
import { RecentMap } from '../recent';
import { isBlank, normalizeLabel, parseNumber } from '../text';
import type { Place, PlacedRange, Reading, SourceLayout } from '../source-map';
import type { ReadingNote } from '../types';

/** What a table writes for "none" where a number is due. */
export const DASHES = new Set(['/', '／', '—', '——', '-', '－', '–', '─', '━', '\\', '、']);

const known = new RecentMap<readonly FormatDef[], { rows: string[]; groups: Set<string> }>(4);
/**
 * Every normalised row label and group label of the formats (the national ones by default: read by
 * every published-layout reader, before the report's format is known).
 */
export function knownLabels(formats: readonly FormatDef[] = DEFAULT_FORMATS): { rows: string[]; groups: Set<string> } {
  let labels = known.get(formats);
  if (!labels) {
    const rows = new Set<string>();
    const groups = new Set<string>();
    for (const f of formats) {
      for (const t of Object.values(f.tables)) {
        for (const r of t.rows) if (!r.unlabelled) for (const l of [r.label, ...(r.variants ?? [])]) rows.add(normalizeLabel(l));
        for (const g of t.groups) groups.add(normalizeLabel(g.label));
      }
    }
    labels = { rows: [...rows], groups };
    known.set(formats, labels);
  }
  return labels;
}

let headings: string[] | null = null;
/**
 * A line that is a section heading of a known format (`三、收到和处理政府信息公开申请情况`, blanks
 * ignored): never a table's caption or row, even where it stands right over a table's first row.
 */
export function isSectionHeading(line: string): boolean {
  const m = /^[一二三四五六七八九十]{1,2}\s*[、.．]\s*(.+)$/.exec(line.trim());
  if (!m) return false;
  headings ??= [...new Set(DEFAULT_FORMATS.flatMap((f) => f.sections.map((s) => s.title.replace(/\s+/g, ''))))];
  const rest = m[1].replace(/\s+/g, '');
  return headings.some((h) => rest.startsWith(h));
}

type Kind = 'number' | 'blank' | 'dash' | 'text';

function kindOf(text: string): Kind {
  let a = 0;
  let z = text.length;
  while (a < z && isBlank(text.charCodeAt(a))) a++;
  while (z > a && isBlank(text.charCodeAt(z - 1))) z--;
  const core = text.slice(a, z);
  if (!core) return 'blank';
  if (DASHES.has(core)) return 'dash';
  return parseNumber(core, 'decimal') || parseNumber(core, 'signed') ? 'number' : 'text';
}

export interface PlacedCell {
  text: string;
  place: Place;
}

/** One table's rows, for the note on blanks read as 0. */
export interface TableState {
  filled: number;
  first: { start: number; end: number } | null;
  afterHeader: boolean;
}

export class PlacedText {
  text = '';
  readonly places: PlacedRange[] = [];
  readonly notes: ReadingNote[] = [];

  private put(s: string, place: Place): void {
    if (!s) return;
    this.places.push({ t: this.text.length, len: s.length, place });
    this.text += s;
  }

  /** A line of prose (a paragraph, or one line of one). */
  line(s: string, place: Place): void {
    const clean = s.replace(/[\r\n]+/g, ' ');
    if (!clean.trim()) return;
    this.put(clean, place);
    this.text += '\n';
  }

  /** A blank line between blocks. */
  gap(): void {
    if (this.text && !this.text.endsWith('\n\n')) this.text += this.text.endsWith('\n') ? '\n' : '\n\n';
  }

  startTable(): TableState {
    this.gap();
    return { filled: 0, first: null, afterHeader: false };
  }

  /** A table row as a Markdown row; blanks and dashes after the label of a data row are read as 0. */
  row(cells: PlacedCell[], table: TableState, rowPlace: Place): void {
    if (!cells.length) return;
    const { rows: knownRows, groups } = knownLabels();
    const kinds = cells.map((c) => kindOf(c.text));
    const lastText = kinds.lastIndexOf('text');
    const label = normalizeLabel(cells.filter((_, k) => kinds[k] === 'text').map((c) => c.text).join(''));
    const hasNumber = kinds.includes('number');
    const dataRow =
      lastText === -1 ? hasNumber || table.afterHeader : !groups.has(label) && (hasNumber || knownRows.some((l) => label.endsWith(l)));
    this.put('|', rowPlace);
    cells.forEach((c, k) => {
      this.text += ' ';
      if ((kinds[k] === 'blank' || kinds[k] === 'dash') && dataRow && k > lastText) {
        const t = this.text.length;
        this.put('0', c.place);
        table.first ??= { start: t, end: t + 1 };
        table.filled++;
      } else {
        this.put(c.text.replace(/[\r\n]+/g, ' ').replace(/\|/g, '｜').trim(), c.place);
      }
      this.text += ' |';
    });
    this.text += '\n';
    table.afterHeader = lastText !== -1 && !hasNumber && label.endsWith('总计');
  }

  endTable(table: TableState): void {
    if (table.first && table.filled) {
      this.notes.push({ code: 'cell-reading', span: table.first, message: `本表有 ${table.filled} 个单元格为空白或写作“/”“—”，按 0 计算` });
    }
    this.gap();
  }

  /** The reading: the text is its own source (the draft), the places name the file's paragraphs and cells. */
  finish(layout: SourceLayout): Reading {
    const text = this.text;
    return {
      source: text,
      text,
      layout,
      pieces: [{ t: 0, len: text.length, s: 0, slen: text.length, exact: true }],
      notes: this.notes,
      places: this.places,
    };
  }
}
