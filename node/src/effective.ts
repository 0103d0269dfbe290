// What applies to one report, from the config in effect and the caller's own overrides (the CLI's
// --rule, VS Code's nianbao.rules, which win): the same function for the CLI and the server, so that
// one `.nianbao.json` gives the same results in both (docs/config.md).

import * as path from 'node:path';
import { declarativeRule, type Rule, type Settings, type SeveritySetting } from '../../core/src';
import { ConfigCache, ConfigError, resolveFor, type Config } from './config';
import { loadPlugins } from './plugins';

export interface EffectiveOptions {
  /** A config file to use instead of searching (`--config FILE`). */
  explicit?: string;
  /** Severities that win over the config's. */
  overrides?: Record<string, SeveritySetting>;
  /** Whether plugin modules may be loaded (trusted workspace, `--plugin`). */
  allowPlugins: boolean;
}

export interface Effective {
  /** The report matches the config's `ignores`: not checked. */
  ignored: boolean;
  settings: Settings;
  config: Config | null;
  /** The config could not be used: the caller reports it; the built-in rules run without it. */
  error: ConfigError | null;
  /** Plugins that could not be loaded, or were not loaded because the folder is not trusted. */
  pluginErrors: string[];
  /** The config names plugins that were not loaded because plugins are not allowed. */
  pluginsSkipped: boolean;
}

const declaredCache = new WeakMap<Config, Rule[]>();

/** For a report at `file` (absolute), or for text without a file (`null`: the config of `cwd`). */
export function effectiveFor(cache: ConfigCache, file: string | null, cwd: string, opts: EffectiveOptions): Effective {
  const dir = file ? path.dirname(file) : cwd;
  const loaded = cache.forDir(dir, opts.explicit);
  const overrides = opts.overrides ?? {};
  if (loaded instanceof ConfigError || loaded === null) {
    return {
      ignored: false,
      settings: { rules: { ...overrides } },
      config: null,
      error: loaded instanceof ConfigError ? loaded : null,
      pluginErrors: [],
      pluginsSkipped: false,
    };
  }
  const resolved = resolveFor(loaded, file ?? path.join(cwd, '-'));
  let declared = declaredCache.get(loaded);
  if (!declared) {
    declared = loaded.customRules.map(declarativeRule);
    declaredCache.set(loaded, declared);
  }
  const plugins = opts.allowPlugins && loaded.plugins.length ? loadPlugins(loaded.plugins) : { rules: [], errors: [] };
  const extraRules = [...declared, ...plugins.rules];
  return {
    ignored: resolved.ignored,
    settings: { rules: { ...resolved.rules, ...overrides }, ...(extraRules.length ? { extraRules } : {}) },
    config: loaded,
    error: null,
    pluginErrors: plugins.errors,
    pluginsSkipped: !opts.allowPlugins && loaded.plugins.length > 0,
  };
}
