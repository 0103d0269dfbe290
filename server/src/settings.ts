// Per-document settings: VS Code's `nianbao.*`, read with workspace/configuration for the document's
// URI, over the `.nianbao.json` in effect for the document's file (docs/config.md): VS Code's
// `nianbao.rules` win over the file's `rules`. Cached per URI and dropped whenever the client says
// the configuration changed or a watched JSON file changed.

import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connection } from 'vscode-languageserver/node';
import type { Rule, SeveritySetting } from '../../core/src';
import { ConfigCache, type ConfigError } from '../../node/src/config';
import { effectiveFor } from '../../node/src/effective';
import { defaultBaselinePath } from '../../node/src/baseline';

export interface NianbaoSettings {
  enable: boolean;
  detect: boolean;
  run: 'onType' | 'onSave';
  /** Effective severities: the config file's, overridden by VS Code's. */
  rules: Record<string, SeveritySetting>;
  inlayHints: boolean;
  codeLens: boolean;
  /** Declarative and plugin rules of the config in effect. */
  extraRules?: readonly Rule[];
  /** The document matches the config's `ignores`. */
  ignored?: boolean;
  /** Where accepted findings are read from and written to (null: a document without a file). */
  baselineFile?: string | null;
}

/** What a config file says about itself, for the diagnostics shown on it. */
export interface ConfigReport {
  /** The `.nianbao.json` in effect. */
  file: string;
  error: ConfigError | null;
  /** Plugins that could not be loaded, or were not because the workspace is not trusted. */
  warnings: string[];
}

export const DEFAULT_SETTINGS: Readonly<NianbaoSettings> = Object.freeze({
  enable: true,
  detect: true,
  run: 'onType',
  rules: {},
  inlayHints: true,
  codeLens: true,
});

const SEVERITIES = new Set(['off', 'info', 'warning', 'error']);

/** Accepts whatever the client sends and keeps only well-formed values. */
export function normalise(raw: unknown): NianbaoSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const bool = (k: keyof NianbaoSettings) => (typeof r[k] === 'boolean' ? (r[k] as boolean) : (DEFAULT_SETTINGS[k] as boolean));
  const rules: Record<string, SeveritySetting> = {};
  if (r.rules && typeof r.rules === 'object') {
    for (const [code, sev] of Object.entries(r.rules as Record<string, unknown>)) {
      if (typeof sev === 'string' && SEVERITIES.has(sev)) rules[code] = sev as SeveritySetting;
    }
  }
  return {
    enable: bool('enable'),
    detect: bool('detect'),
    run: r.run === 'onSave' ? 'onSave' : 'onType',
    rules,
    inlayHints: bool('inlayHints'),
    codeLens: bool('codeLens'),
  };
}

export class SettingsCache {
  private readonly byUri = new Map<string, Promise<NianbaoSettings>>();
  readonly configs = new ConfigCache();
  /** Bumped on every configuration change, so results computed with older settings are stale. */
  generation = 0;
  supported = false;
  /** Plugins run only in a trusted workspace (the client says so in initializationOptions). */
  trusted = false;
  /** Told about the config file of each document, to show its problems on it. */
  onConfig: (report: ConfigReport) => void = () => undefined;

  constructor(private readonly connection: Connection) {}

  get(uri: string): Promise<NianbaoSettings> {
    let p = this.byUri.get(uri);
    if (!p) {
      const editor = this.supported
        ? this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'nianbao' }).then(normalise, () => DEFAULT_SETTINGS)
        : Promise.resolve(DEFAULT_SETTINGS);
      p = editor.then((s) => this.withConfig(uri, s));
      this.byUri.set(uri, p);
    }
    return p;
  }

  /** The config file in effect for a file: URI, under VS Code's own settings. */
  private withConfig(uri: string, s: NianbaoSettings): NianbaoSettings {
    let file: string;
    try {
      if (!uri.startsWith('file:')) return { ...s, baselineFile: null };
      file = fileURLToPath(uri);
    } catch {
      return { ...s, baselineFile: null };
    }
    const eff = effectiveFor(this.configs, file, path.dirname(file), { overrides: s.rules, allowPlugins: this.trusted });
    const configFile = eff.config?.file ?? eff.error?.file;
    if (configFile) {
      const warnings = [...eff.pluginErrors];
      if (eff.pluginsSkipped) warnings.push('工作区不受信任，未加载插件规则（信任此工作区后生效）');
      this.onConfig({ file: configFile, error: eff.error, warnings });
    }
    return {
      ...s,
      rules: eff.settings.rules ?? {},
      extraRules: eff.settings.extraRules ?? [],
      ignored: eff.ignored,
      baselineFile: defaultBaselinePath(eff.config?.dir ?? (eff.error ? path.dirname(eff.error.file) : path.dirname(file)), eff.config?.baseline),
    };
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }

  /** Settings or config files changed: read everything again. */
  clear(): void {
    this.byUri.clear();
    this.configs.clear();
    this.generation++;
  }
}

