// Command-line parsing for `nianbao`: no dependency, strict (an unknown option is a usage error,
// exit 2), `--opt value` and `--opt=value` both accepted, `--` ends the options, `-` is stdin.

import type { SeveritySetting } from '../../core/src';
import { FORMAT_2021 } from '../../core/src/format';

export type Command = 'check' | 'fix' | 'explain' | 'show' | 'new' | 'convert' | 'export' | 'report' | 'help' | 'version';
/** The commands with a help page of their own. */
export type HelpTopic = 'check' | 'fix' | 'explain' | 'show' | 'new' | 'convert' | 'export' | 'report';
const HELP_TOPICS: readonly string[] = ['check', 'fix', 'explain', 'show', 'new', 'convert', 'export', 'report'];
export type OutputFormat = 'text' | 'json' | 'sarif';
export type EncodingOption = 'auto' | 'utf-8' | 'gb18030';
export type FixMode = 'dry-run' | 'write' | 'stdout';

export interface Options {
  command: Command;
  /** For `help`: the command whose help is asked, if any. */
  helpFor?: HelpTopic;
  /** For `new`: last year's report, the new report's year. `--out` (new, export): where to write. */
  from?: string;
  year?: number;
  format: OutputFormat;
  encoding: EncodingOption;
  rules: Record<string, SeveritySetting>;
  /** `--config FILE`: this config for every report instead of the nearest `.nianbao.json`. */
  config?: string;
  /** `--plugin`: load the plugin modules the config names. */
  plugin: boolean;
  /** `--baseline FILE`: findings accepted in this file are reported as unchanged, not as problems. */
  baseline?: string;
  /** `--write-baseline`: write every current finding into the baseline file (accept them all). */
  writeBaseline: boolean;
  fixMode: FixMode;
  paths: string[];
  /** For `explain`. */
  code?: string;
  /** `convert --to cells|rows|markdown`, `export --to docx|html`. */
  to?: string;
  /** `export --out FILE`, `report --out FILE`. */
  out?: string;
}

/** A usage error: printed on stderr with a hint to `--help`, exit status 2. */
export class UsageError extends Error {}

const FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif'];
const ENCODINGS: readonly EncodingOption[] = ['auto', 'utf-8', 'gb18030'];
/** `convert --to`: the three table layouts (core/src/convert-layout.ts) and the 2021 format (core/src/draft.ts). */
export const CONVERT_TARGETS: readonly string[] = ['cells', 'rows', 'markdown', FORMAT_2021.id];
const SEVERITIES: readonly SeveritySetting[] = ['off', 'info', 'warning', 'error'];

/**
 * Parses argv (without `node` and the script). `knownCodes` validates `--rule CODE=…`.
 * Throws UsageError on anything it cannot accept.
 */
export function parseArgs(argv: readonly string[], knownCodes: readonly string[]): Options {
  const opts: Options = { command: 'help', format: 'text', encoding: 'auto', rules: {}, plugin: false, writeBaseline: false, fixMode: 'dry-run', paths: [] };
  const args = [...argv];
  if (args.length === 0) throw new UsageError('缺少命令 (missing command): 用 check、fix 或 explain');

  const first = args[0];
  if (first === '-h' || first === '--help' || first === 'help') {
    const sub = args[1];
    if (sub && HELP_TOPICS.includes(sub)) opts.helpFor = sub as HelpTopic;
    return opts;
  }
  if (first === '-V' || first === '-v' || first === '--version') {
    opts.command = 'version';
    return opts;
  }
  if (first === '--explain' || first.startsWith('--explain=')) {
    // `--explain CODE`, an older spelling, is accepted as `explain CODE`.
    const code = first.includes('=') ? first.slice(first.indexOf('=') + 1) : args[1];
    if (!code) throw new UsageError('--explain 需要规则代码 (--explain needs a rule code)');
    if (args.length > (first.includes('=') ? 1 : 2)) throw new UsageError('explain 只接受一个规则代码 (explain takes one rule code)');
    opts.command = 'explain';
    opts.code = code;
    return opts;
  }
  if (!HELP_TOPICS.includes(first)) {
    if (first.startsWith('-')) throw new UsageError(`未知选项 (unknown option): ${first}`);
    throw new UsageError(`未知命令 (unknown command): ${first}；可用命令：check、fix、explain、show、new、convert、export、report`);
  }
  opts.command = first as Command;
  args.shift();

  const positional: string[] = [];
  let sawFix: FixMode | null = null;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      positional.push(arg);
      continue;
    }
    if (arg === '-h' || arg === '--help') {
      return { ...opts, command: 'help', helpFor: opts.command as HelpTopic };
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq >= 0 ? arg.slice(0, eq) : arg;
    const takeValue = (): string => {
      if (eq >= 0) return arg.slice(eq + 1);
      const v = args[i + 1];
      if (v === undefined) throw new UsageError(`${name} 缺少取值 (${name} needs a value)`);
      i++;
      return v;
    };
    const onlyFor = (...cmds: Command[]): void => {
      if (!cmds.includes(opts.command)) throw new UsageError(`${name} 不适用于 ${opts.command} (${name} is not an option of ${opts.command})`);
    };
    switch (name) {
      case '--format': {
        onlyFor('check', 'show');
        const v = takeValue();
        if (!FORMATS.includes(v as OutputFormat)) throw new UsageError(`--format 取值应为 text、json 或 sarif (got "${v}")`);
        if (opts.command === 'show' && v === 'sarif') throw new UsageError('show 的 --format 取值应为 text 或 json (show prints text or json)');
        opts.format = v as OutputFormat;
        break;
      }
      case '--from': {
        onlyFor('new');
        const v = takeValue();
        if (!v) throw new UsageError('--from 需要文件路径 (--from needs a FILE)');
        opts.from = v;
        break;
      }
      case '--year': {
        onlyFor('new');
        const v = takeValue();
        if (!/^(19|20)[0-9]{2}$/.test(v)) throw new UsageError(`--year 应为四位年份，如 2024 (got "${v}")`);
        opts.year = Number(v);
        break;
      }
      case '--encoding': {
        onlyFor('check', 'fix', 'show', 'new', 'convert', 'export', 'report');
        const v = takeValue().toLowerCase();
        const norm = v === 'utf8' ? 'utf-8' : v;
        if (!ENCODINGS.includes(norm as EncodingOption)) throw new UsageError(`--encoding 取值应为 auto、utf-8 或 gb18030 (got "${v}")`);
        opts.encoding = norm as EncodingOption;
        break;
      }
      case '--rule': {
        onlyFor('check', 'fix', 'report');
        const v = takeValue();
        const m = /^([^=]+)=(.*)$/.exec(v);
        if (!m) throw new UsageError(`--rule 的格式应为 CODE=off|info|warning|error (got "${v}")`);
        const code = m[1].trim();
        const sev = m[2].trim();
        // Codes with a slash belong to plugins, known only once the config's plugins are loaded.
        if (!knownCodes.includes(code) && !code.includes('/')) {
          throw new UsageError(`未知规则代码 (unknown rule code): ${code}；可用：${knownCodes.join(', ')}`);
        }
        if (!SEVERITIES.includes(sev as SeveritySetting)) {
          throw new UsageError(`规则 ${code} 的级别应为 off、info、warning 或 error (got "${sev}")`);
        }
        opts.rules[code] = sev as SeveritySetting;
        break;
      }
      case '--config': {
        onlyFor('check', 'fix', 'report');
        const v = takeValue();
        if (!v) throw new UsageError('--config 需要配置文件路径 (--config needs a FILE)');
        opts.config = v;
        break;
      }
      case '--baseline': {
        onlyFor('check');
        const v = takeValue();
        if (!v) throw new UsageError('--baseline 需要文件路径 (--baseline needs a FILE)');
        opts.baseline = v;
        break;
      }
      case '--plugin':
      case '--write-baseline': {
        onlyFor(...(name === '--plugin' ? (['check', 'fix', 'report'] as Command[]) : (['check'] as Command[])));
        if (eq >= 0) throw new UsageError(`${name} 不带取值 (${name} takes no value)`);
        if (name === '--plugin') opts.plugin = true;
        else opts.writeBaseline = true;
        break;
      }
      case '--to': {
        onlyFor('convert', 'export');
        const v = takeValue();
        const allowed = opts.command === 'convert' ? CONVERT_TARGETS : ['docx', 'html'];
        if (!allowed.includes(v)) throw new UsageError(`--to 取值应为 ${allowed.join('、')} (got "${v}")`);
        opts.to = v;
        break;
      }
      case '--out': {
        onlyFor('new', 'export', 'report');
        const v = takeValue();
        if (!v) throw new UsageError('--out 需要文件路径 (--out needs a FILE)');
        opts.out = v;
        break;
      }
      case '--write':
      case '--stdout': {
        onlyFor(...(name === '--write' ? (['fix', 'convert'] as Command[]) : (['fix'] as Command[])));
        if (eq >= 0) throw new UsageError(`${name} 不带取值 (${name} takes no value)`);
        const mode: FixMode = name === '--write' ? 'write' : 'stdout';
        if (sawFix && sawFix !== mode) throw new UsageError('--write 与 --stdout 只能选一个 (use either --write or --stdout)');
        sawFix = mode;
        opts.fixMode = mode;
        break;
      }
      default:
        throw new UsageError(`未知选项 (unknown option): ${arg}`);
    }
  }

  if (opts.command === 'explain') {
    if (positional.length !== 1) throw new UsageError('explain 需要且只需要一个规则代码 (explain takes exactly one rule code)');
    opts.code = positional[0];
    return opts;
  }
  if (opts.command === 'new') {
    if (!opts.from) throw new UsageError('new 需要 --from FILE（上一年度的报告） (new needs --from FILE: last year\'s report)');
    if (positional.length) throw new UsageError(`new 不接受路径参数 (new takes no PATH): ${positional[0]}；用 --out FILE 指定新报告`);
    return opts;
  }
  if (positional.length === 0) throw new UsageError(`${opts.command} 需要至少一个路径 (${opts.command} needs at least one PATH; use - for stdin)`);
  opts.paths = positional;
  if (opts.command === 'show' && positional.length !== 1) throw new UsageError('show 只接受一个文件 (show takes exactly one FILE)');
  if (opts.command === 'convert' || opts.command === 'export') {
    if (!opts.to) throw new UsageError(opts.command === 'convert' ? 'convert 需要 --to cells|rows|markdown|2021' : 'export 需要 --to docx|html');
    if (positional.length !== 1) throw new UsageError(`${opts.command} 只接受一个文件 (${opts.command} takes exactly one FILE)`);
    if (opts.fixMode === 'write' && positional[0] === '-') throw new UsageError('convert --write 不能写回标准输入 (cannot --write to stdin)');
  }
  if (opts.command === 'report' && !opts.out) throw new UsageError('report 需要 --out FILE（汇总页写到哪里；--out - 输出到 stdout） (report needs --out FILE)');
  if (opts.command === 'fix') {
    if (opts.fixMode === 'stdout' && positional.length !== 1) {
      throw new UsageError('fix --stdout 只能处理一个文件 (fix --stdout takes exactly one file)');
    }
    if (opts.fixMode === 'write' && positional.includes('-')) {
      throw new UsageError('fix --write 不能写回标准输入 (cannot --write to stdin; use --stdout)');
    }
  }
  return opts;
}
