// The reports given to one run, taken together: their series by agency and year (core/src/series.ts)
// and the roll-ups the config file names (node/src/roll-up.ts). `nianbao check` and `nianbao report`
// both list each report's own problems with the cross-report ones merged in.

import * as path from 'node:path';
import { checkSeries, seriesMember } from '../../core/src';
import type { Problem, SeriesMember } from '../../core/src';
import type { Effective } from '../../node/src/effective';
import { addRollUps } from '../../node/src/roll-up';
import type { Input } from './inputs';

export interface CheckedInput {
  input: Input;
  eff: Effective;
  problems: Problem[];
}

export interface AcrossReports {
  /** A report's id in the series (its file, else its display name). */
  idOf(input: Input): string;
  members: SeriesMember[];
  /** The report's own problems and its cross-report ones, in text order. */
  problemsOf(c: CheckedInput): Problem[];
  /** Another report of the run by id, for related entries that point into it (`locate`). */
  other(id: string): { text: string; display: string; doc: Input['doc'] } | undefined;
}

export function acrossReports(checked: readonly CheckedInput[]): AcrossReports {
  const idOf = (input: Input) => input.file ?? input.display;
  const members = checked.map(({ input, eff }) => seriesMember(idOf(input), path.basename(input.display), input.doc, { series: eff.config?.series, agency: eff.config?.agency }));
  const settingsById = new Map(checked.map(({ input, eff }) => [idOf(input), eff.settings]));
  const across = checkSeries(members, (m) => settingsById.get(m.id) ?? {});
  addRollUps(checked.map(({ input, eff }, i) => ({ candidate: { member: members[i], file: input.file }, config: eff.config, settings: eff.settings })), across);
  const inputById = new Map(checked.map(({ input }) => [idOf(input), input]));
  return {
    idOf,
    members,
    problemsOf({ input, problems }) {
      const extra = across.get(idOf(input));
      return extra ? [...problems, ...extra].sort((a, b) => a.span.start - b.span.start) : problems;
    },
    other(id) {
      const i = inputById.get(id);
      return i ? { text: i.decoded.text, display: i.display, doc: i.doc } : undefined;
    },
  };
}
