// `nianbao`: the command line around the checking core (README.md "Command line", and --help).
//   check   -> diagnostics as text, JSON or SARIF 2.1.0
//   fix     -> the fix-all set (recompute totals, canonical headings): dry run, --write or --stdout
//   explain -> the rule's documentation page
// Exit status: 0 no error-severity diagnostic; 1 at least one; 2 usage or I/O error (message on stderr).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { applyEdits, checkDocument, fingerprints, fixAllDocument, layoutOf, positionAt, RULES } from '../../core/src';
import type { Edit, RuleMeta, Settings } from '../../core/src';
import { ConfigCache } from '../../node/src/config';
import { effectiveFor, type Effective } from '../../node/src/effective';
import { acceptedFor, BaselineError, defaultBaselinePath, readBaseline, withFindings, writeBaseline, type Baseline } from '../../node/src/baseline';
import { parseArgs, UsageError } from './args';
import type { HelpTopic, Options } from './args';
import { CHECK_HELP, CONVERT_HELP, EXPLAIN_HELP, EXPORT_HELP, FIX_HELP, MAIN_HELP, NEW_HELP, REPORT_HELP, SHOW_HELP } from './help';
import { runReport } from './report';
import { acrossReports, type CheckedInput } from './across';
import { runConvert, runExport } from './convert';
import { draftFromLastYear } from '../../core/src/draft';
import { showModel, showText } from './show';
import { collect, readDocument } from './inputs';
import type { Input } from './inputs';
import { IoError, writeAtomic, WriteConflict } from './io';
import { encode } from './encode';
import { LIMITS_ENV_ERROR } from '../../core/src/readers/limits';
import { docsFile, docsHref } from '../../node/src/docs';
import { formatJson, formatSarif, formatText, locate, reportSummary } from './output';
import type { FileResult } from './output';

interface Io {
  out: (s: string | Uint8Array) => void;
  err: (s: string) => void;
}

interface PackageInfo {
  version: string;
  informationUri: string;
}

function packageInfo(): PackageInfo {
  const root = path.join(__dirname, '..');
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      version?: string;
      homepage?: string;
      repository?: string | { url?: string };
    };
    const repo = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
    const web = pkg.homepage ?? (repo && /^https?:/.test(repo) ? repo.replace(/\.git$/, '') : undefined);
    return { version: pkg.version ?? '0.0.0', informationUri: web ?? pathToFileURL(path.join(root, 'README.md')).href };
  } catch {
    return { version: '0.0.0', informationUri: pathToFileURL(path.join(root, 'README.md')).href };
  }
}

const errorLine = (e: IoError): string => `nianbao: ${e.path}: ${e.message}`;

/** The custom rules of the config that applies in the working folder (or --config): valid for --rule too. */
function customCodes(argv: readonly string[]): string[] {
  const i = argv.findIndex((a) => a === '--config' || a.startsWith('--config='));
  const explicit = i === -1 ? undefined : argv[i].includes('=') ? argv[i].slice(argv[i].indexOf('=') + 1) : argv[i + 1];
  const found = new ConfigCache().forDir(process.cwd(), explicit);
  return found && !(found instanceof Error) ? found.customRules.map((r) => r.code) : [];
}

/** The help of each command (`nianbao help CMD`, `nianbao CMD --help`). */
const HELP: Record<HelpTopic, string> = {
  check: CHECK_HELP,
  fix: FIX_HELP,
  explain: EXPLAIN_HELP,
  show: SHOW_HELP,
  new: NEW_HELP,
  convert: CONVERT_HELP,
  export: EXPORT_HELP,
  report: REPORT_HELP,
};

export async function run(argv: readonly string[], io: Io): Promise<number> {
  if (LIMITS_ENV_ERROR) {
    io.err(`nianbao: ${LIMITS_ENV_ERROR}\n`);
    return 2;
  }
  const codes = [...RULES.map((r) => r.code), ...customCodes(argv)];
  let opts: Options;
  try {
    opts = parseArgs(argv, codes);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`nianbao: ${e.message}\n用法 (usage): nianbao check|fix|explain|show|new|convert|export|report …；详见 nianbao --help\n`);
      return 2;
    }
    throw e;
  }
  switch (opts.command) {
    case 'help':
      io.out(opts.helpFor ? HELP[opts.helpFor] : MAIN_HELP);
      return 0;
    case 'version':
      io.out(`${packageInfo().version}\n`);
      return 0;
    case 'explain':
      return explain(opts.code!, io);
    case 'check':
      return runCheck(opts, io);
    case 'fix':
      return runFix(opts, io);
    case 'show':
      return runShow(opts, io);
    case 'new':
      return runNew(opts, io);
    case 'convert':
      return runConvert(opts, io);
    case 'export':
      return runExport(opts, io);
    case 'report': {
      const configErrors: string[] = [];
      return runReport(opts, io, settingsSource(opts, io, configErrors), configErrors);
    }
  }
}

// ---------------------------------------------------------------------------
// new (core/src/draft.ts); convert is in convert.ts

/** The one report `new --from FILE` reads, or null after telling why. */
async function readFrom(file: string, opts: Options, io: Io): Promise<Input | null> {
  let found: Input | null = null;
  let failed = false;
  await collect([file], opts.encoding, (input) => (found = input), (e) => {
    failed = true;
    io.err(errorLine(e) + '\n');
  });
  if (!found && !failed) io.err(`nianbao: ${file}: 不是单个年报文件 (not a single report file)\n`);
  return found;
}

async function runNew(opts: Options, io: Io): Promise<number> {
  const last = await readFrom(opts.from!, opts, io);
  if (!last) return 2;
  if (last.report.year === null && opts.year === undefined) {
    io.err(`nianbao: ${opts.from}: 标题中没有年度，请用 --year 指定新报告的年度 (no year in the title: give --year)\n`);
    return 2;
  }
  const layout = opts.out && /\.md$/i.test(opts.out) ? 'markdown' : last.doc.identity ? last.report.layout : 'row';
  const text = draftFromLastYear(last.report, { year: opts.year, layout });
  if (!opts.out) {
    io.out(text);
    return 0;
  }
  try {
    fs.writeFileSync(opts.out, text, { flag: 'wx' });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    io.err(`nianbao: ${opts.out}: ${code === 'EEXIST' ? '文件已存在，未覆盖 (file exists; not overwritten)' : `无法写入 (cannot write: ${(e as Error).message.split('\n')[0]})`}\n`);
    return 2;
  }
  io.err(`nianbao: 已由 ${opts.from} 生成 ${opts.out}（请逐项更新数字和文字） (draft written)\n`);
  return 0;
}

// ---------------------------------------------------------------------------
// explain

function explain(code: string, io: Io): number {
  const rule = RULES.find((r) => r.code === code);
  if (!rule) {
    const list = RULES.map((r) => `  ${r.code.padEnd(20)} ${r.description}`).join('\n');
    io.err(`nianbao: 未知规则代码 (unknown rule code): ${code}\n可用的规则代码 (rule codes):\n${list}\n`);
    return 2;
  }
  const file = docsFile(rule);
  if (!file) {
    io.out(`${rule.code}: ${rule.description}\n${docsHref(rule)}\n`);
    return 0;
  }
  let page: string;
  try {
    page = fs.readFileSync(file, 'utf8');
  } catch {
    io.err(`nianbao: ${file}: 找不到规则文档 (rule page not found); 规则说明：${rule.description}\n`);
    return 2;
  }
  io.out(page.endsWith('\n') ? page : page + '\n');
  return 0;
}

// ---------------------------------------------------------------------------
// check

/**
 * The settings of each report from the config in effect (docs/config.md) and --rule; each config
 * error and plugin failure is told once on stderr and makes the exit status 2.
 */
function settingsSource(opts: Options, io: Io, errors: string[]): (file: string | null) => Effective {
  const cache = new ConfigCache();
  const told = new Set<string>();
  const tell = (line: string) => {
    if (told.has(line)) return;
    told.add(line);
    errors.push(line);
    io.err(line + '\n');
  };
  return (file) => {
    const eff = effectiveFor(cache, file, process.cwd(), { explicit: opts.config, overrides: opts.rules, allowPlugins: opts.plugin });
    if (eff.error) {
      const rel = path.relative(process.cwd(), eff.error.file);
      tell(`nianbao: ${eff.error.describe(rel && !rel.startsWith('..') ? rel : eff.error.file)}`);
    }
    for (const e of eff.pluginErrors) tell(`nianbao: ${e}`);
    if (eff.pluginsSkipped && !told.has('plugins')) {
      told.add('plugins');
      io.err('nianbao: 配置文件列出了插件，但未加载（插件是可执行代码；信任该目录时加 --plugin） (plugins not loaded without --plugin)\n');
    }
    return eff;
  };
}

async function runCheck(opts: Options, io: Io): Promise<number> {
  const results: FileResult[] = [];
  const errors: string[] = [];
  const settingsOf = settingsSource(opts, io, errors);
  const extraRules = new Map<string, RuleMeta>();
  const baselines = new Map<string, Baseline | null>();
  const baselineOf = (file: string): Baseline | null => {
    if (!baselines.has(file)) {
      try {
        baselines.set(file, readBaseline(file));
      } catch (e) {
        if (!(e instanceof BaselineError)) throw e;
        const line = `nianbao: ${e.file}: ${e.message}`;
        errors.push(line);
        io.err(line + '\n');
        baselines.set(file, null);
      }
    }
    return baselines.get(file)!;
  };
  /** The findings of each report, for --write-baseline. */
  const written = new Map<string, { file: string; findings: { code: string; fingerprint: string; message: string; line: number }[] }[]>();
  let usesBaseline = false;
  const checked: CheckedInput[] = [];
  await collect(
    opts.paths,
    opts.encoding,
    (input) => {
      const eff = settingsOf(input.file);
      if (eff.ignored) return;
      for (const r of eff.settings.extraRules ?? []) extraRules.set(r.code, r);
      checked.push({ input, eff, problems: checkDocument(input.doc, eff.settings) });
    },
    (e) => {
      errors.push(errorLine(e));
      io.err(errorLine(e) + '\n');
    },
  );
  // The reports given, taken together: series by agency and year, and roll-ups (cli/src/across.ts).
  const { problemsOf, other } = acrossReports(checked);
  for (const c of checked) {
    const { input, eff } = c;
    const problems = problemsOf(c);
    const text = input.decoded.text;
    const prints = fingerprints(text, problems);
    const diagnostics = problems.map((p, i) => ({ ...locate(text, p, input.doc, other), fingerprint: prints[i] }));
    const baselineFile = opts.baseline
      ? path.resolve(opts.baseline)
      : defaultBaselinePath(eff.config?.dir ?? (input.file ? path.dirname(input.file) : null), eff.config?.baseline);
    if (baselineFile && input.file && (opts.baseline || opts.writeBaseline || fs.existsSync(baselineFile))) {
      usesBaseline = true;
      if (opts.writeBaseline) {
        const list = written.get(baselineFile) ?? [];
        list.push({ file: input.file, findings: diagnostics.map((d) => ({ code: d.code, fingerprint: d.fingerprint, message: d.message, line: d.line })) });
        written.set(baselineFile, list);
      } else {
        const baseline = baselineOf(baselineFile);
        const accepted = baseline ? acceptedFor(baseline, baselineFile, input.file) : new Set<string>();
        for (const d of diagnostics) (d as { accepted?: boolean }).accepted = accepted.has(d.fingerprint);
      }
    }
    results.push({
      display: input.display,
      file: input.file,
      encoding: input.decoded.encoding,
      report: reportSummary(input.report, layoutOf(input.doc)),
      diagnostics,
    });
  }
  if (opts.writeBaseline) {
    if (!usesBaseline && results.length) {
      io.err('nianbao: --write-baseline 需要基线文件：加 --baseline FILE，或在 .nianbao.json 中写 "baseline" (--write-baseline needs --baseline FILE)\n');
      return 2;
    }
    for (const [file, reports] of written) {
      let baseline: Baseline = baselineOf(file) ?? { version: 1, accepted: [] };
      for (const r of reports) baseline = withFindings(baseline, file, r.file, r.findings, true);
      try {
        writeBaseline(file, baseline);
      } catch (e) {
        io.err(`nianbao: ${file}: 无法写入基线文件 (${(e as Error).message.split('\n')[0]})\n`);
        return 2;
      }
      const n = reports.reduce((s, r) => s + r.findings.length, 0);
      io.err(`nianbao: 已将 ${reports.length} 个文件中的 ${n} 个问题写入基线 ${path.relative(process.cwd(), file) || file} (${n} finding(s) accepted)\n`);
    }
    return errors.length ? 2 : 0;
  }
  if (opts.format === 'json') io.out(formatJson(results, usesBaseline));
  else if (opts.format === 'sarif') {
    const info = packageInfo();
    io.out(
      formatSarif(results, {
        version: info.version,
        informationUri: info.informationUri,
        cwd: process.cwd(),
        overrides: opts.rules,
        errors,
        extraRules: [...extraRules.values()],
        baseline: usesBaseline,
      }),
    );
  } else if (results.length > 0 || errors.length === 0) io.out(formatText(results));
  if (errors.length) return 2;
  return results.some((r) => r.diagnostics.some((d) => d.severity === 'error' && !d.accepted)) ? 1 : 0;
}

// ---------------------------------------------------------------------------
// show

async function runShow(opts: Options, io: Io): Promise<number> {
  let failed = false;
  await collect(
    opts.paths,
    opts.encoding,
    (input) => io.out(opts.format === 'json' ? JSON.stringify(showModel(input), null, 2) + '\n' : showText(input)),
    (e) => {
      failed = true;
      io.err(errorLine(e) + '\n');
    },
  );
  return failed ? 2 : 0;
}

// ---------------------------------------------------------------------------
// fix

interface Planned {
  input: Input;
  edits: Edit[];
  fixed: string;
  /** Error-severity diagnostics left after fixing. */
  remaining: number;
}

function plan(input: Input, settings: Settings): Planned {
  const text = input.decoded.text;
  const edits = [...fixAllDocument(input.doc, settings)].sort((a, b) => a.start - b.start || a.end - b.end);
  const fixed = edits.length ? applyEdits(text, edits) : text;
  const after = fixed === text ? input.doc : readDocument(input.display, fixed);
  const remaining = checkDocument(after, settings).filter((p) => p.severity === 'error').length;
  return { input, edits, fixed, remaining };
}

/** `path:line:col  旧 → 新` for each edit (positions in the original text). */
function describeEdits(p: Planned): string[] {
  const text = p.input.decoded.text;
  return p.edits
    .filter((e) => text.slice(e.start, e.end) !== e.newText)
    .map((e) => {
      const pos = positionAt(text, e.start);
      const show = (s: string): string => JSON.stringify(s).slice(1, -1);
      return `${p.input.display}:${pos.line + 1}:${pos.character + 1}  ${show(text.slice(e.start, e.end))} → ${show(e.newText)}`;
    });
}

async function runFix(opts: Options, io: Io): Promise<number> {
  const errors: IoError[] = [];
  const configErrors: string[] = [];
  const settingsOf = settingsSource(opts, io, configErrors);
  const planned: Planned[] = [];
  await collect(
    opts.paths,
    opts.encoding,
    (input) => {
      const eff = settingsOf(input.file);
      if (eff.ignored) return;
      if (input.doc.layout === 'docx' || input.doc.layout === 'pdf') {
        // nianbao never writes into a Word or PDF file: the draft is where fixes are made.
        const e = new IoError(
          input.display,
          'Word/PDF 文件不能直接修改：请在 VS Code 中用“导入 Word 年报”生成可编辑的草稿（.nianbao.md）后再修复 (Word and PDF files are not rewritten: fix the imported draft)',
        );
        errors.push(e);
        io.err(errorLine(e) + '\n');
        return;
      }
      planned.push(plan(input, eff.settings));
    },
    (e) => {
      errors.push(e);
      io.err(errorLine(e) + '\n');
    },
  );

  if (opts.fixMode === 'stdout') {
    if (planned.length > 1) {
      io.err('nianbao: fix --stdout 只能处理一个文件，这里找到多份年报 (fix --stdout takes one report; the path gave several)\n');
      return 2;
    }
    const p = planned[0];
    if (p) io.out(encode(p.fixed, p.input.decoded));
    if (errors.length || configErrors.length || !p) return 2;
    if (p.remaining > 0) io.err(`nianbao: ${p.input.display}: 修复后仍有 ${p.remaining} 个错误，需要人工处理（用 nianbao check 查看） (${p.remaining} error(s) remain after fixing)\n`);
    return p.remaining > 0 ? 1 : 0;
  }

  const lines: string[] = [];
  let changedFiles = 0;
  let changes = 0;
  let remaining = 0;
  for (const p of planned) {
    const described = describeEdits(p);
    const changed = p.fixed !== p.input.decoded.text;
    remaining += p.remaining;
    if (!changed) {
      lines.push(`${p.input.display}: 无需修改 (nothing to fix)`);
      continue;
    }
    if (opts.fixMode === 'write') {
      const d = p.input.decoded;
      // Write back only when the original bytes round-trip through this encoding: then every byte
      // outside the edited ranges is exactly what it was.
      if (!encode(d.text, d).equals(p.input.bytes)) {
        const e = new IoError(p.input.display, `无法按原编码（${d.encoding}）无损写回，未修改 (cannot write back losslessly in ${d.encoding}; file left unchanged)`);
        errors.push(e);
        io.err(errorLine(e) + '\n');
        continue;
      }
      try {
        // Through a temporary file and a rename; refused if the file changed since it was read.
        writeAtomic(p.input.file!, encode(p.fixed, d), { expected: p.input.bytes });
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        const e = new IoError(
          p.input.display,
          err instanceof WriteConflict
            ? err.message
            : code === 'EACCES' || code === 'EPERM'
              ? '没有写入权限 (permission denied)'
              : `写入失败 (cannot write: ${(err as Error).message.split('\n')[0]})`,
        );
        errors.push(e);
        io.err(errorLine(e) + '\n');
        continue;
      }
    }
    changedFiles++;
    changes += described.length;
    lines.push(...described);
    lines.push(
      opts.fixMode === 'write'
        ? `${p.input.display}: 已修改 ${described.length} 处 (${described.length} change(s) written)`
        : `${p.input.display}: 可修改 ${described.length} 处 (${described.length} change(s) possible)`,
    );
  }
  if (planned.length) {
    lines.push(
      opts.fixMode === 'write'
        ? `共 ${planned.length} 个文件，已修改 ${changedFiles} 个文件中的 ${changes} 处`
        : `共 ${planned.length} 个文件，${changedFiles} 个文件中有 ${changes} 处可修改（试运行，未写入文件；加 --write 写入，或 --stdout 输出修复后的全文）`,
    );
    if (remaining > 0) lines.push(`修复后仍有 ${remaining} 个错误，需要人工处理（用 nianbao check 查看）`);
    io.out(lines.join('\n') + '\n');
  }
  if (errors.length || configErrors.length) return 2;
  return remaining > 0 ? 1 : 0;
}

// ---------------------------------------------------------------------------

if (require.main === module || isBundleEntry()) {
  run(process.argv.slice(2), {
    out: (s) => {
      process.stdout.write(s);
    },
    err: (s) => {
      process.stderr.write(s);
    },
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`nianbao: 内部错误 (internal error): ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 2;
    },
  );
}

/** The bundle (dist/cli.js) is loaded by bin/nianbao.js through require(), so require.main is the bin. */
function isBundleEntry(): boolean {
  const main = require.main?.filename ?? '';
  return path.basename(main) === 'nianbao.js' || path.basename(main) === 'nianbao';
}
