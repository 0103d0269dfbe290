// Plugin rules: CommonJS modules named in a config's `plugins`, each exporting `rules` (an array of
// objects of the core's Rule shape: RuleMeta + check). Loaded only where the user trusts the folder:
// in a trusted VS Code workspace, and with `--plugin` on the CLI (docs/config.md). A module that
// cannot be loaded, or a rule of the wrong shape, is reported; the other rules still run.

import { RULES, type Rule } from '../../core/src';

export interface LoadedPlugins {
  rules: Rule[];
  /** One Chinese sentence per module or rule that could not be used. */
  errors: string[];
}

const SEVERITIES = ['info', 'warning', 'error'];

/** Why a plugin's rule cannot be used, or null when it can. */
function shapeError(r: unknown): string | null {
  if (!r || typeof r !== 'object') return '不是对象';
  const x = r as Record<string, unknown>;
  if (typeof x.code !== 'string' || !/^[a-z0-9-]+\/[a-z0-9-]+$/.test(x.code)) return '“code”应形如 "插件名/规则名"（小写字母、数字、连字符）';
  if (RULES.some((b) => b.code === x.code)) return `“${x.code}”与内置规则重名`;
  if (typeof x.severity !== 'string' || !SEVERITIES.includes(x.severity)) return `${x.code}：“severity”应为 info、warning 或 error`;
  if (typeof x.description !== 'string') return `${x.code}：缺少“description”`;
  if (typeof x.check !== 'function') return `${x.code}：缺少 check(context) 函数`;
  if (x.docs !== undefined && typeof x.docs !== 'string') return `${x.code}：“docs”应是字符串`;
  return null;
}

const cache = new Map<string, { rules: Rule[]; error: string | null }>();

function loadOne(file: string): { rules: Rule[]; error: string | null } {
  const hit = cache.get(file);
  if (hit) return hit;
  let result: { rules: Rule[]; error: string | null };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(file) as { rules?: unknown; default?: { rules?: unknown } };
    const list = mod.rules ?? mod.default?.rules;
    if (!Array.isArray(list) || list.length === 0) result = { rules: [], error: `插件 ${file} 没有导出规则（应导出 rules 数组）` };
    else {
      const bad = list.map(shapeError).find((e) => e !== null);
      result = bad
        ? { rules: [], error: `插件 ${file} 的规则不可用：${bad}` }
        : {
            rules: (list as Rule[]).map((r) => ({ ...r, docs: r.docs ?? '', fixable: !!r.fixable })),
            error: null,
          };
    }
  } catch (e) {
    result = { rules: [], error: `无法加载插件 ${file}：${(e as Error).message.split('\n')[0]}` };
  }
  cache.set(file, result);
  return result;
}

/** Loads every plugin module (absolute paths or package names); reports each that fails. */
export function loadPlugins(files: readonly string[]): LoadedPlugins {
  const out: LoadedPlugins = { rules: [], errors: [] };
  const seen = new Set<string>();
  for (const f of files) {
    const { rules, error } = loadOne(f);
    if (error) out.errors.push(error);
    for (const r of rules) {
      if (seen.has(r.code)) {
        out.errors.push(`规则代码 ${r.code} 重复（插件 ${f}），只用第一个`);
        continue;
      }
      seen.add(r.code);
      out.rules.push(r);
    }
  }
  return out;
}
