// The prose of a report: its lines outside the tables, each with the section it stands in
// (-1 before the first heading). Used by the rules that read sentences.

import { RecentMap } from '../recent';
import { linesOf, REPORTS_KEPT, type Line } from '../text';
import type { Report } from '../types';
import { sentencesOf, type Sentence } from './claims';
import { MEMO_SIZE } from '../memo';

export interface ProseLine extends Line {
  /** Index of the section (0..5) the line belongs to, -1 for the preamble. */
  section: number;
}

const cache = new RecentMap<Report, ProseLine[]>(REPORTS_KEPT);

export function proseLines(report: Report): ProseLine[] {
  const cached = cache.get(report);
  if (cached) return cached;
  const { text } = report;
  const tables = [...report.tables].map((t) => t.span).sort((a, b) => a.start - b.start);
  const heads = [...report.sections].sort((a, b) => a.lineSpan.start - b.lineSpan.start);
  const out: ProseLine[] = [];
  let t = 0;
  let h = -1;
  for (const line of linesOf(report)) {
    while (h + 1 < heads.length && heads[h + 1].lineSpan.start <= line.start) h++;
    while (t < tables.length && tables[t].end < line.start) t++;
    if (t < tables.length && tables[t].start <= line.end && tables[t].end >= line.start) continue;
    if (h >= 0 && heads[h].lineSpan.start === line.start) continue;
    if (line.end === line.start) continue;
    out.push({ start: line.start, end: line.end, section: h >= 0 ? heads[h].index : -1 });
  }
  cache.set(report, out);
  return out;
}

const sentenceCache = new RecentMap<Report, Sentence[]>(REPORTS_KEPT);

/** Every sentence of the report's prose (split at 。！？；), in order. */
export function proseSentences(report: Report): Sentence[] {
  const cached = sentenceCache.get(report);
  if (cached) return cached;
  const out: Sentence[] = [];
  for (const line of proseLines(report)) sentencesOf(report.text.slice(line.start, line.end), line.start, line.section, out);
  if (out.length > MEMO_SIZE) for (const s of out) s.memo = false;
  sentenceCache.set(report, out);
  return out;
}
