// `nianbao report DIR... --out report.html`: the series page for reviewers (docs/series-page.md).
// The reports are checked as `nianbao check` checks them (config, --rule, the cross-year rules over
// the series of the files given); the page is drawn by core/src/report-page.ts, a bundle of its own
// (dist/report-page.js) loaded only here, and written through writeAtomic.
// Exit status as `check`: 0 no error, 1 at least one error-severity problem, 2 usage or I/O error.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkDocument, groupSeries, RULES } from '../../core/src';
import { acrossReports, type CheckedInput } from './across';
import { pageFigures, pageSeries } from '../../core/src/report-page-model';
import type { PageModel, PageReport } from '../../core/src/report-page-model';
import type { Effective } from '../../node/src/effective';
import { writeAtomic } from '../../node/src/write';
import type { Options } from './args';
import { collect } from './inputs';
import { locate } from './output';

export interface Io {
  out: (s: string | Uint8Array) => void;
  err: (s: string) => void;
}

interface PageWriter {
  buildReportPage(model: PageModel): string;
}

let writer: PageWriter | null = null;
/** The page writer's bundle (dist/report-page.js), loaded only when a page is made. */
function loadWriter(): PageWriter {
  if (!writer) {
    const bundle = path.join(__dirname, 'report-page.js');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    writer = require(fs.existsSync(bundle) ? bundle : path.join(__dirname, '../../core/src/report-page.js')) as PageWriter;
  }
  return writer;
}

/** A link from the page to the file: relative to the page's folder, each part URL-encoded. */
export function relativeHref(pageDir: string, file: string): string {
  const rel = path.relative(pageDir, file);
  return rel.split(path.sep).map(encodeURIComponent).join('/');
}

/**
 * Checks the reports under `opts.paths` and writes the page to `opts.out` (`-`: stdout).
 * `settingsOf` gives each file's settings (main.ts settingsSource); `configErrors` collects its errors.
 */
export async function runReport(opts: Options, io: Io, settingsOf: (file: string | null) => Effective, configErrors: readonly string[]): Promise<number> {
  const out = opts.out!;
  let ioFailed = false;
  const checked: CheckedInput[] = [];
  await collect(
    opts.paths,
    opts.encoding,
    (input) => {
      const eff = settingsOf(input.file);
      if (eff.ignored) return;
      checked.push({ input, eff, problems: checkDocument(input.doc, eff.settings) });
    },
    (e) => {
      ioFailed = true;
      io.err(`nianbao: ${e.path}: ${e.message}\n`);
    },
  );
  if (!checked.length) {
    io.err('nianbao: 没有可汇总的年报，未生成汇总页 (no report to put on the page; nothing written)\n');
    return 2;
  }
  // The series of the files given, and the cross-year problems, as `nianbao check` finds them.
  const { idOf, members, problemsOf, other } = acrossReports(checked);
  const pageDir = out === '-' ? process.cwd() : path.dirname(path.resolve(out));
  let errors = 0;
  const reports: PageReport[] = checked.map((c) => {
    const { input } = c;
    const problems = problemsOf(c);
    const located = problems.map((p) => locate(input.decoded.text, p, input.doc, other));
    errors += located.filter((d) => d.severity === 'error').length;
    const r = input.report;
    return {
      id: idOf(input),
      display: input.display,
      href: input.file ? relativeHref(pageDir, input.file) : null,
      title: r.title ? r.title.text : null,
      agency: r.agency,
      year: r.year,
      format: r.format,
      layout: input.doc.layout,
      figures: pageFigures(r),
      problems: located.map((d) => ({ code: d.code, severity: d.severity, message: d.message, line: d.line, column: d.column, ...(d.where ? { where: d.where } : {}) })),
    };
  });
  const ruleNames: Record<string, string> = {};
  for (const r of RULES) ruleNames[r.code] = r.description;
  const now = new Date();
  const generated = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')} ${String(now.getHours()).padStart(2, '0')}:${String(now.getMinutes()).padStart(2, '0')}`;
  const html = loadWriter().buildReportPage({ reports, series: pageSeries(groupSeries(members)), ruleNames, generated });
  const bytes = Buffer.from(html, 'utf8');
  if (out === '-') io.out(bytes);
  else {
    try {
      writeAtomic(path.resolve(out), bytes);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      io.err(`nianbao: ${out}: ${code === 'EACCES' || code === 'EPERM' ? '没有写入权限 (permission denied)' : `写入失败 (cannot write: ${(e as Error).message.split('\n')[0]})`}\n`);
      return 2;
    }
    const warnings = reports.reduce((s, r) => s + r.problems.filter((p) => p.severity === 'warning').length, 0);
    io.err(`nianbao: 已生成汇总页 ${out}：${reports.length} 份年报，${errors} 个错误，${warnings} 个警告 (page written)\n`);
  }
  if (ioFailed || configErrors.length) return 2;
  return errors ? 1 : 0;
}
