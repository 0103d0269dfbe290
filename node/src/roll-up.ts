// Roll-up: which of the reports at hand sum up which others, as the config file's `rollUp` says
// (docs/config.md, docs/rules/roll-up.md). The CLI hands in the reports it checks, the language
// server its index of the workspace; the comparison itself is the core's (core/src/series.ts
// checkRollUp). Entries are globs or file names relative to the config's folder, or agency names.

import * as path from 'node:path';
import picomatch from 'picomatch';
import { checkRollUp, isAgency, isFileEntry, type Problem, type RollUpPart, type SeriesMember, type Settings } from '../../core/src';
import type { Config } from './config';

/** A report at hand: its series member and its file (null for an unsaved document). */
export interface RollUpCandidate {
  member: SeriesMember;
  file: string | null;
}

/** A summing report of one year and the parts of that year its config names. */
export interface RollUpGroup {
  total: SeriesMember;
  parts: RollUpPart[];
}

const matchers = new Map<string, (p: string) => boolean>();

function globMatches(glob: string, rel: string): boolean {
  let m = matchers.get(glob);
  if (!m) {
    // A pattern without a slash matches the file name in any folder below the config's.
    m = picomatch(glob.replace(/^\.\//, ''), { dot: true, basename: true });
    matchers.set(glob, m);
  }
  return m(rel);
}

/** Whether a report is what a `rollUp` entry names: a file (glob) under the config's folder, or an agency. */
export function entryMatches(config: Config, entry: string, c: RollUpCandidate): boolean {
  if (!isFileEntry(entry)) return isAgency(entry, c.member);
  if (!c.file) return false;
  const rel = path.relative(config.dir, path.resolve(c.file)).split(path.sep).join('/');
  if (!rel || rel.startsWith('../') || path.isAbsolute(rel)) return false;
  return globMatches(entry, rel);
}

/**
 * The roll-ups among the candidates that `config` declares: each candidate matching an entry's
 * `report` is a summing report; for each of its `sums`, the candidates of the same year matching it
 * (an agency: its first report of that year; a glob: every file it matches) are its parts.
 */
export function rollUpGroups(config: Config, candidates: readonly RollUpCandidate[], only?: (c: RollUpCandidate) => boolean): RollUpGroup[] {
  const out: RollUpGroup[] = [];
  for (const spec of config.rollUp) {
    for (const total of candidates) {
      if (total.member.year === null || (only && !only(total)) || !entryMatches(config, spec.report, total)) continue;
      const used = new Set<RollUpCandidate>([total]);
      const parts: RollUpPart[] = spec.sums.map((entry) => {
        const matching = candidates.filter((c) => !used.has(c) && c.member.year === total.member.year && entryMatches(config, entry, c));
        const chosen = isFileEntry(entry) ? matching : matching.slice(0, 1);
        for (const c of chosen) used.add(c);
        return { entry, members: chosen.map((c) => c.member) };
      });
      out.push({ total: total.member, parts });
    }
  }
  return out;
}

/**
 * The roll-up problems of the reports at hand, added to `into` by member id: each config with
 * `rollUp` once, its summing reports among the reports it is in effect for. (`nianbao check` and
 * `nianbao report` alike.)
 */
export function addRollUps(
  reports: readonly { candidate: RollUpCandidate; config: Config | null; settings: Settings }[],
  into: Map<string, Problem[]>,
): void {
  const candidates = reports.map((r) => r.candidate);
  const configs = new Set(reports.map((r) => r.config).filter((c): c is Config => !!c && c.rollUp.length > 0));
  const settingsById = new Map(reports.map((r) => [r.candidate.member.id, r.settings]));
  for (const config of configs) {
    const mine = new Set(reports.filter((r) => r.config === config).map((r) => r.candidate.member.id));
    for (const g of rollUpGroups(config, candidates, (c) => mine.has(c.member.id))) {
      const found = checkRollUp(g.total, g.parts, settingsById.get(g.total.id) ?? {});
      if (found.length) into.set(g.total.id, [...(into.get(g.total.id) ?? []), ...found]);
    }
  }
}
