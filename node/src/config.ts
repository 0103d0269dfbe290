// The config file `.nianbao.json` (JSON with comments), read alike by the CLI and the language server
// (docs/config.md). For each report the nearest `.nianbao.json` in its folder or a folder above is in
// effect (as with .editorconfig and .markdownlint.json); `extends` pulls in preset files such as a
// province profile. A config that cannot be used is a ConfigError with the place and the reason:
// the CLI stops with exit 2, the server shows it on the config file.

import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { parseTree, findNodeAtLocation, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { RULES, positionAt, type DeclarativeRuleDef, type SeveritySetting } from '../../core/src';

export const CONFIG_NAME = '.nianbao.json';

const SEVERITIES: readonly string[] = ['off', 'info', 'warning', 'error'];
const TOP_KEYS = ['$schema', 'extends', 'rules', 'ignores', 'overrides', 'agency', 'series', 'rollUp', 'plugins', 'customRules', 'baseline'];
const DECLARATIVE_KINDS = ['required-section', 'required-phrase', 'forbidden-phrase'];

/** jsonc-parser's error codes in words. */
const PARSE_ERRORS: Record<string, string> = {
  InvalidSymbol: '此处有无法识别的字符',
  InvalidNumberFormat: '数字格式不对',
  PropertyNameExpected: '此处应是带双引号的项名',
  ValueExpected: '此处缺少取值',
  ColonExpected: '项名后缺少冒号“:”',
  CommaExpected: '缺少逗号“,”',
  CloseBraceExpected: '缺少右花括号“}”',
  CloseBracketExpected: '缺少右方括号“]”',
  EndOfFileExpected: '文件结尾处有多余内容',
  InvalidCommentToken: '注释写法不对',
  UnexpectedEndOfComment: '注释没有结束',
  UnexpectedEndOfString: '字符串没有结束（缺少右双引号）',
  InvalidEscapeCharacter: '字符串中有无效的转义',
  InvalidCharacter: '字符串中有无效字符',
};

/** A config that cannot be used: where (file, 1-based line and column when known) and why, in Chinese. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    message: string,
    readonly line = 1,
    readonly column = 1,
    /** Offset and length in the file, for the editor's diagnostic. */
    readonly offset = 0,
    readonly length = 0,
  ) {
    super(message);
  }

  /** `path:line:column: message`, as the CLI prints it. */
  describe(display: string = this.file): string {
    return `${display}:${this.line}:${this.column}: ${this.message}`;
  }
}

/**
 * One entry of `rollUp`: the report(s) that sum up others (`report`) and what they sum up (`sums`).
 * Each is a glob or file name relative to the config's folder, or an agency's name (docs/config.md).
 */
export interface RollUpSpec {
  report: string;
  sums: string[];
}

export interface Override {
  /** Globs, relative to the folder of the `.nianbao.json` in effect. */
  files: string[];
  rules: Record<string, SeveritySetting>;
}

/** One `.nianbao.json` with its `extends` merged in (base first). */
export interface Config extends Omit<RawConfig, 'extends'> {
  /** The `.nianbao.json` itself. */
  file: string;
  /** Its folder: globs and the baseline path are relative to it. */
  dir: string;
  /** Every file read for it (itself and what it extends), to know when to read it again. */
  files: string[];
}

/** What applies to one report. */
export interface Resolved {
  ignored: boolean;
  rules: Record<string, SeveritySetting>;
  config: Config | null;
}

// ---------------------------------------------------------------------------
// Reading one file

interface Located {
  text: string;
  tree: Node | undefined;
}

function fail(file: string, where: Located | null, node: Node | undefined, message: string): never {
  if (where && node) {
    const p = positionAt(where.text, node.offset);
    throw new ConfigError(file, message, p.line + 1, p.character + 1, node.offset, node.length);
  }
  throw new ConfigError(file, message);
}

function readJsonc(file: string): { value: Record<string, unknown>; loc: Located } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ConfigError(file, code === 'ENOENT' ? '找不到配置文件' : `无法读取配置文件（${code ?? (e as Error).message}）`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const loc = { text, tree };
  if (errors.length) {
    const e = errors[0];
    const p = positionAt(text, e.offset);
    const why = PARSE_ERRORS[printParseErrorCode(e.error)] ?? printParseErrorCode(e.error);
    throw new ConfigError(file, `配置文件不是有效的 JSON：${why}`, p.line + 1, p.character + 1, e.offset, e.length);
  }
  if (!tree || tree.type !== 'object') fail(file, loc, tree, '配置文件应是一个 JSON 对象 { … }');
  return { value: nodeValue(tree) as Record<string, unknown>, loc };
}

function nodeValue(node: Node): unknown {
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const prop of node.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (k && v) out[String(k.value)] = nodeValue(v);
      }
      return out;
    }
    case 'array':
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value;
  }
}

/** The raw contents of one file, checked for shape; `extends` not yet followed. */
interface RawConfig {
  extends: string[];
  rules: Record<string, SeveritySetting>;
  ignores: string[];
  overrides: Override[];
  /** Hints for the checks that compare a series of reports: the agency's name and a series id. */
  agency?: string;
  series?: string;
  /** Reports that sum up others (roll-up rule). */
  rollUp: RollUpSpec[];
  /** Plugin modules, absolute paths (loaded only when trusted: plugins.ts). */
  plugins: string[];
  customRules: DeclarativeRuleDef[];
  /** The baseline of accepted findings, absolute path. */
  baseline?: string;
}

function readRaw(file: string): RawConfig {
  const { value, loc } = readJsonc(file);
  const at = (...p: (string | number)[]) => findNodeAtLocation(loc.tree!, p);
  const bad = (p: (string | number)[], message: string): never => fail(file, loc, at(...p) ?? loc.tree, message);
  const strings = (v: unknown, p: (string | number)[], what: string): string[] => {
    const list = typeof v === 'string' ? [v] : v;
    if (!Array.isArray(list) || list.some((x) => typeof x !== 'string')) bad(p, `“${what}”应是字符串或字符串数组`);
    return list as string[];
  };
  const severities = (v: unknown, p: (string | number)[]): Record<string, SeveritySetting> => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) bad(p, '“rules”应是一个对象：{ "规则代码": "off" | "info" | "warning" | "error" }');
    for (const [code, sev] of Object.entries(v as Record<string, unknown>)) {
      if (typeof sev !== 'string' || !SEVERITIES.includes(sev)) bad([...p, code], `规则 ${code} 的级别应为 off、info、warning 或 error`);
    }
    return v as Record<string, SeveritySetting>;
  };
  for (const key of Object.keys(value)) if (!TOP_KEYS.includes(key)) bad([key], `未知的配置项“${key}”；可用：${TOP_KEYS.filter((k) => k !== '$schema').join('、')}`);
  const out: RawConfig = {
    extends: value.extends === undefined ? [] : strings(value.extends, ['extends'], 'extends'),
    rules: value.rules === undefined ? {} : severities(value.rules, ['rules']),
    ignores: value.ignores === undefined ? [] : strings(value.ignores, ['ignores'], 'ignores'),
    overrides: [],
    plugins: value.plugins === undefined ? [] : strings(value.plugins, ['plugins'], 'plugins'),
    customRules: [],
    rollUp: [],
  };
  for (const k of ['agency', 'series', 'baseline'] as const) {
    if (value[k] === undefined) continue;
    if (typeof value[k] !== 'string') bad([k], `“${k}”应是字符串`);
    out[k] = value[k] as string;
  }
  if (value.overrides !== undefined) {
    if (!Array.isArray(value.overrides)) bad(['overrides'], '“overrides”应是数组：[{ "files": ["…"], "rules": { … } }]');
    (value.overrides as unknown[]).forEach((o, i) => {
      if (!o || typeof o !== 'object' || Array.isArray(o)) bad(['overrides', i], '“overrides”的每一项应是 { "files": […], "rules": { … } }');
      const r = o as Record<string, unknown>;
      for (const k of Object.keys(r)) if (k !== 'files' && k !== 'rules') bad(['overrides', i, k], `“overrides”中未知的项“${k}”；可用：files、rules`);
      if (r.files === undefined) bad(['overrides', i], '“overrides”的每一项都要有“files”');
      out.overrides.push({ files: strings(r.files, ['overrides', i, 'files'], 'files'), rules: r.rules === undefined ? {} : severities(r.rules, ['overrides', i, 'rules']) });
    });
  }
  if (value.rollUp !== undefined) {
    const shape = '“rollUp”应是数组：[{ "report": "区政府年报.txt", "sums": ["部门甲", "towns/*.txt"] }]';
    if (!Array.isArray(value.rollUp)) bad(['rollUp'], shape);
    (value.rollUp as unknown[]).forEach((o, i) => {
      if (!o || typeof o !== 'object' || Array.isArray(o)) bad(['rollUp', i], shape);
      const r = o as Record<string, unknown>;
      for (const k of Object.keys(r)) if (k !== 'report' && k !== 'sums') bad(['rollUp', i, k], `“rollUp”中未知的项“${k}”；可用：report、sums`);
      if (typeof r.report !== 'string' || !r.report.trim()) bad(['rollUp', i, 'report'], '“rollUp”的每一项都要有“report”：汇总报告的文件名（可用通配符）或机关名称');
      if (r.sums === undefined) bad(['rollUp', i], '“rollUp”的每一项都要有“sums”：被汇总的报告（文件名、通配符或机关名称）');
      const sums = strings(r.sums, ['rollUp', i, 'sums'], 'sums');
      if (!sums.length || sums.some((x) => !x.trim())) bad(['rollUp', i, 'sums'], '“sums”至少要有一项，且不能为空字符串');
      out.rollUp.push({ report: r.report as string, sums });
    });
  }
  if (value.customRules !== undefined) {
    if (!Array.isArray(value.customRules)) bad(['customRules'], '“customRules”应是数组');
    (value.customRules as unknown[]).forEach((d, i) => out.customRules.push(declarative(d, ['customRules', i], bad)));
  }
  return out;
}

const CODE = /^[a-z0-9][a-z0-9-]*(\/[a-z0-9-]+)?$/;

function declarative(d: unknown, p: (string | number)[], bad: (p: (string | number)[], m: string) => never): DeclarativeRuleDef {
  if (!d || typeof d !== 'object' || Array.isArray(d)) bad(p, '自定义规则应是一个对象');
  const r = d as Record<string, unknown>;
  const allowed = ['code', 'kind', 'severity', 'message', 'description', 'docs', 'title', 'pattern', 'section'];
  for (const k of Object.keys(r)) if (!allowed.includes(k)) bad([...p, k], `自定义规则中未知的项“${k}”；可用：${allowed.join('、')}`);
  if (typeof r.code !== 'string' || !CODE.test(r.code)) bad([...p, 'code'], '自定义规则的“code”应是小写字母、数字和连字符，如 "zj-contact-phone"');
  if (RULES.some((x) => x.code === r.code)) bad([...p, 'code'], `“${r.code}”是内置规则的代码，自定义规则请另取代码`);
  if (typeof r.kind !== 'string' || !DECLARATIVE_KINDS.includes(r.kind)) bad([...p, 'kind'], `自定义规则的“kind”应为 ${DECLARATIVE_KINDS.join('、')} 之一`);
  if (typeof r.message !== 'string' || !r.message) bad([...p, 'message'], '自定义规则要有“message”（问题的说明文字）');
  if (r.severity !== undefined && (typeof r.severity !== 'string' || !['info', 'warning', 'error'].includes(r.severity))) bad([...p, 'severity'], '“severity”应为 info、warning 或 error');
  for (const k of ['description', 'docs', 'section', 'title', 'pattern']) if (r[k] !== undefined && typeof r[k] !== 'string') bad([...p, k], `“${k}”应是字符串`);
  if (r.kind === 'required-section' && !r.title) bad(p, 'required-section 规则要有“title”（章节标题，不含序号）');
  if (r.kind !== 'required-section') {
    if (!r.pattern) bad(p, `${r.kind} 规则要有“pattern”（正则表达式）`);
    try {
      new RegExp(r.pattern as string, 'u');
    } catch (e) {
      bad([...p, 'pattern'], `“pattern”不是有效的正则表达式：${(e as Error).message}`);
    }
  }
  return r as unknown as DeclarativeRuleDef;
}

// ---------------------------------------------------------------------------
// A config with its extends

/** Reads a config file and what it extends. Throws ConfigError. */
export function loadConfig(file: string): Config {
  const abs = path.resolve(file);
  const files: string[] = [];
  const merged: Omit<Config, 'file' | 'dir' | 'files'> = { rules: {}, ignores: [], overrides: [], plugins: [], customRules: [], rollUp: [] };
  const visit = (f: string, chain: string[]) => {
    if (chain.includes(f)) throw new ConfigError(chain[chain.length - 1], `“extends”循环引用：${[...chain, f].map((x) => path.basename(x)).join(' → ')}`);
    const raw = readRaw(f);
    files.push(f);
    const dir = path.dirname(f);
    for (const base of raw.extends) {
      const target = path.resolve(dir, base);
      try {
        visit(target, [...chain, f]);
      } catch (e) {
        if (e instanceof ConfigError && e.file === target && e.message === '找不到配置文件') {
          throw new ConfigError(f, `“extends”指向的文件不存在：${base}`);
        }
        throw e;
      }
    }
    Object.assign(merged.rules, raw.rules);
    merged.ignores.push(...raw.ignores);
    merged.overrides.push(...raw.overrides);
    merged.rollUp.push(...raw.rollUp);
    merged.plugins.push(...raw.plugins.map((p) => (p.startsWith('.') ? path.resolve(dir, p) : p)));
    for (const r of raw.customRules) {
      const i = merged.customRules.findIndex((x) => x.code === r.code);
      if (i >= 0) merged.customRules[i] = r;
      else merged.customRules.push(r);
    }
    if (raw.agency !== undefined) merged.agency = raw.agency;
    if (raw.series !== undefined) merged.series = raw.series;
    if (raw.baseline !== undefined) merged.baseline = path.resolve(dir, raw.baseline);
  };
  visit(abs, []);
  const config: Config = { file: abs, dir: path.dirname(abs), files, ...merged };
  checkCodes(config);
  return config;
}

/**
 * Every rule code named in `rules` and `overrides` must be a built-in rule or a custom rule of the
 * config; with plugins, also a plugin's code (`plugin/rule`, with a slash). Throws ConfigError
 * pointing at the first stranger.
 */
function checkCodes(config: Config): void {
  const known = new Set([...RULES.map((r) => r.code), ...config.customRules.map((r) => r.code)]);
  const named = [...Object.keys(config.rules), ...config.overrides.flatMap((o) => Object.keys(o.rules))];
  for (const code of named) {
    if (known.has(code) || (config.plugins.length > 0 && code.includes('/'))) continue;
    // Point at the code where it is written (in the file itself or in one it extends).
    for (const f of [...config.files].reverse()) {
      let text = '';
      try {
        text = fs.readFileSync(f, 'utf8');
      } catch {
        continue;
      }
      const offset = text.indexOf(`"${code}"`);
      if (offset === -1) continue;
      const p = positionAt(text, offset);
      throw new ConfigError(f, unknownCode(code), p.line + 1, p.character + 1, offset, code.length + 2);
    }
    throw new ConfigError(config.file, unknownCode(code));
  }
}

const unknownCode = (code: string) => `未知的规则代码“${code}”；内置规则：${RULES.map((r) => r.code).join('、')}`;

/** The nearest `.nianbao.json` in `dir` or a folder above it, or null. */
export function findConfig(dir: string): string | null {
  let d = path.resolve(dir);
  for (;;) {
    const f = path.join(d, CONFIG_NAME);
    try {
      if (fs.statSync(f).isFile()) return f;
    } catch {
      // not here
    }
    const up = path.dirname(d);
    if (up === d) return null;
    d = up;
  }
}

const matchers = new Map<string, (p: string) => boolean>();

function matches(globs: readonly string[], rel: string): boolean {
  return globs.some((g) => {
    let m = matchers.get(g);
    if (!m) {
      m = picomatch(g, { dot: true });
      matchers.set(g, m);
    }
    return m(rel);
  });
}

/** What a config says for one report (absolute path): ignored or not, and the severity per rule. */
export function resolveFor(config: Config | null, file: string): Resolved {
  if (!config) return { ignored: false, rules: {}, config };
  const rel = path.relative(config.dir, path.resolve(file)).split(path.sep).join('/');
  const inside = !rel.startsWith('../') && rel !== '..' && !path.isAbsolute(rel);
  const rules = { ...config.rules };
  if (inside) for (const o of config.overrides) if (matches(o.files, rel)) Object.assign(rules, o.rules);
  return { ignored: inside && matches(config.ignores, rel), rules, config };
}

/**
 * Configs by folder, read once and read again when one of their files changed (by modification
 * time), shared by the reports of a run or a session. Errors are cached too, so a bad config is
 * reported once per change.
 */
export class ConfigCache {
  private readonly byFile = new Map<string, { stamp: string; result: Config | ConfigError }>();
  private readonly byDir = new Map<string, string | null>();

  /** The config in effect for a report in `dir` (or the `explicit` file), or null when there is none. */
  forDir(dir: string, explicit?: string): Config | ConfigError | null {
    let file: string | null | undefined = explicit ? path.resolve(explicit) : this.byDir.get(dir);
    if (file === undefined) {
      file = findConfig(dir);
      this.byDir.set(dir, file);
    }
    return file ? this.load(file) : null;
  }

  load(file: string): Config | ConfigError {
    const cached = this.byFile.get(file);
    if (cached && cached.stamp === stampOf(cached.result instanceof ConfigError ? [file] : cached.result.files)) return cached.result;
    let result: Config | ConfigError;
    try {
      result = loadConfig(file);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      result = e;
    }
    this.byFile.set(file, { stamp: stampOf(result instanceof ConfigError ? [file] : result.files), result });
    return result;
  }

  /** Forget where configs are (a `.nianbao.json` was created or deleted). */
  clear(): void {
    this.byDir.clear();
    this.byFile.clear();
  }
}

function stampOf(files: readonly string[]): string {
  return files
    .map((f) => {
      try {
        const s = fs.statSync(f);
        return `${s.mtimeMs}:${s.size}`;
      } catch {
        return '-';
      }
    })
    .join('|');
}
