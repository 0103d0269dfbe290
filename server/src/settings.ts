// Per-document settings (`nianbao.*`), read with workspace/configuration for the document's URI,
// cached per URI and dropped whenever the client says the configuration changed.

import type { Connection } from 'vscode-languageserver/node';
import type { SeveritySetting } from '../../core/src/types';

export interface NianbaoSettings {
  enable: boolean;
  detect: boolean;
  run: 'onType' | 'onSave';
  rules: Record<string, SeveritySetting>;
  inlayHints: boolean;
  codeLens: boolean;
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
  /** Bumped on every configuration change, so results computed with older settings are stale. */
  generation = 0;
  supported = false;

  constructor(private readonly connection: Connection) {}

  get(uri: string): Promise<NianbaoSettings> {
    if (!this.supported) return Promise.resolve(DEFAULT_SETTINGS);
    let p = this.byUri.get(uri);
    if (!p) {
      p = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'nianbao' })
        .then(normalise, () => DEFAULT_SETTINGS);
      this.byUri.set(uri, p);
    }
    return p;
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }

  clear(): void {
    this.byUri.clear();
    this.generation++;
  }
}
