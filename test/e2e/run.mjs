#!/usr/bin/env node
// End-to-end layer, called by scripts/run-tests.mjs (npm test). Two parts, both in a real VS Code
// (code-server 4.139.1 = VS Code 1.139.1, installed by scripts/host/setup.sh into .cache/vsc-host):
//   (a) the extension-host mocha suite (out/test/suite/index.js exports run()) runs INSIDE the extension
//       host through the URL payload extensionDevelopmentPath/extensionTestsPath (smoke-test driver flag);
//       its output is relayed here and its "N passing / N failing / N pending" lines are counted;
//   (b) the Playwright UI test (test/e2e/ui.test.mjs) against the extension installed from dist/nianbao.vsix;
//   (c) the restricted-mode suite (out/test/suite/untrusted/index.js) like (a), but in a host whose workspace
//       trust is ON, so the folder opens untrusted; when the suite logs `nianbao-e2e:trust-request`, the
//       driver clicks Trust in the Workspace Trust editor the suite opened, as a user would.
// Writes out/e2e-summary.json = {"passed":N,"failed":N,"skipped":N}; exits 0 (all passed), 1 (a failure)
// or 3 (skipped: host, vsix or compiled suite missing; the reason is printed, no summary is written).
//
// Environment (all optional):
//   NIANBAO_E2E_ONLY=suite|ui|untrusted  run one part only
//   NIANBAO_E2E_EXT_DIR=dir            extensionDevelopmentPath for (a) (default: the repo)
//   NIANBAO_E2E_TESTS=dir              extensionTestsPath for (a) (default: out/test/suite)
//   NIANBAO_E2E_SUITE_WORKSPACE=dir    folder opened for (a) (default: a temp copy of test/fixtures)
//   NIANBAO_E2E_VSIX=file              the package for (b) (default: dist/nianbao.vsix)
//   NIANBAO_E2E_SUITE_TIMEOUT=s (300)  NIANBAO_E2E_TIMEOUT=s (900, whole run)  NIANBAO_E2E_KEEP=1 (keep host state dirs)
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { format } from 'node:util';
import {
  REPO, hostMissing, startHost, stopAll, launchBrowser, closeAllBrowsers, workbenchUrl, remoteUri, withTimeout, driverEnv, cleanupDriverHome,
} from './host.mjs';
import { runUiTest } from './ui.test.mjs';

const only = process.env.NIANBAO_E2E_ONLY || '';
const extDir = resolve(process.env.NIANBAO_E2E_EXT_DIR || REPO);
const testsDir = resolve(process.env.NIANBAO_E2E_TESTS || join(REPO, 'out/test/suite'));
const untrustedTestsDir = join(REPO, 'out/test/suite/untrusted');
/** Which parts run: NIANBAO_E2E_ONLY names one, or all three. */
const runs = (part) => !only || only === part;
const vsix = resolve(process.env.NIANBAO_E2E_VSIX || join(REPO, 'dist/nianbao.vsix'));
const suiteTimeout = Number(process.env.NIANBAO_E2E_SUITE_TIMEOUT || 300) * 1000;
const totalTimeout = Number(process.env.NIANBAO_E2E_TIMEOUT || 900) * 1000;
const summaryFile = join(REPO, 'out/e2e-summary.json');
const counts = { passed: 0, failed: 0, skipped: 0 };
const temps = [];

function skip(reason) {
  console.log(`e2e: SKIP — ${reason}`);
  process.exit(3);
}
/** The last n lines of the host's log, without the offline marketplace's ENOTFOUND lines. */
function logTail(host, n) {
  return host.log().split('\n').filter((l) => l.trim() && !/ENOTFOUND open-vsx\.org/.test(l)).slice(-n).join('\n');
}
function writeSummary() {
  mkdirSync(join(REPO, 'out'), { recursive: true });
  writeFileSync(summaryFile, JSON.stringify(counts) + '\n');
}
function cleanup() {
  stopAll();
  for (const t of temps) rmSync(t, { recursive: true, force: true });
  temps.length = 0;
  cleanupDriverHome();
}
function tempDir(prefix) {
  const d = mkdtempSync(join(tmpdir(), prefix));
  temps.push(d);
  return d;
}

// ---- preconditions ------------------------------------------------------------------------------
const missing = hostMissing();
if (missing) skip(missing);
if (only && !['suite', 'ui', 'untrusted'].includes(only)) skip(`NIANBAO_E2E_ONLY=${only}: expected suite, ui or untrusted`);
for (const [part, dir] of [['suite', testsDir], ['untrusted', untrustedTestsDir]])
  if (runs(part) && !existsSync(join(dir, 'index.js'))) skip(`${join(dir, 'index.js')} not found (compile the tests: npx tsc -p tsconfig.json)`);
if ((runs('suite') || runs('untrusted')) && !process.env.NIANBAO_E2E_EXT_DIR && !existsSync(join(REPO, 'dist/client.js')))
  skip('dist/client.js not found (build it: npm run build)');
if (runs('ui') && !existsSync(vsix)) skip(`${vsix} not found (build it: npm run package)`);
try { await import('playwright-core'); } catch { skip('playwright-core is not installed (npm install)'); }
if (runs('ui')) {
  // The UI test runs the packaged extension: say so when the bundles are newer than the package.
  const newer = ['dist/client.js', 'dist/server.js'].filter((f) => existsSync(join(REPO, f)) && statSync(join(REPO, f)).mtimeMs > statSync(vsix).mtimeMs + 1000);
  if (newer.length) console.log(`e2e: note — ${newer.join(' and ')} ${newer.length > 1 ? 'are' : 'is'} newer than ${vsix}; the UI test uses the package (rebuild it: npm run package)`);
}

// The driver (and the Chromium it starts) never writes into the real home.
Object.assign(process.env, driverEnv());

// Watchdog: no run can hang CI. On expiry the hosts' process groups are killed and the run fails.
const watchdog = setTimeout(async () => {
  console.error(`e2e: watchdog: the run took longer than ${totalTimeout / 1000}s; stopping`);
  counts.failed += 1;
  writeSummary();
  await closeAllBrowsers();
  cleanup();
  process.exit(1);
}, totalTimeout);
watchdog.unref();
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, async () => {
    console.error(`e2e: ${sig}; stopping the host`);
    await closeAllBrowsers();
    cleanup();
    process.exit(1);
  });
}

// ---- (a) the extension-host suite ---------------------------------------------------------------
const resultsDir = join(REPO, 'test-results/e2e');
// The workbench's own console chatter (connection setup, the offline marketplace, cancelled calls) is
// written to test-results/e2e/suite-console.log but not relayed; mocha's output and the extension's are.
const NOISE = [/^Resolv(ing|ed) connection token/, /^Creating a socket/, /^\[reconnection-grace-time\]/,
  /^Updating additional builtin extensions cache/, /^\[Service Worker\]/, /^\[AgentHost/, /^\[AccountPolicyGate\]/,
  /ENOTFOUND open-vsx\.org/, /^Canceled: Canceled/];
// A frame "at Context.<anonymous> (out/test/...)" is the test's own and must not make a failure noise.
function isWorkbenchNoise(text) {
  const first = text.split('\n')[0];
  if (NOISE.some((re) => re.test(first))) return true;
  const frames = text.split('\n').filter((l) => /^\s+at /.test(l));
  return frames.length > 0 && frames.every((l) => /\/static\/out\/vs\/code\/browser\/workbench\/workbench\.js|at <anonymous>$|\(<anonymous>\)|\(native\)/.test(l));
}
/** (a) the suite in a host with trust off, over a copy of test/fixtures (or NIANBAO_E2E_SUITE_WORKSPACE). */
async function runSuite() {
  let workspace = process.env.NIANBAO_E2E_SUITE_WORKSPACE;
  if (!workspace) {
    workspace = tempDir('nianbao-e2e-suite-ws-');
    const fixtures = join(REPO, 'test/fixtures');
    if (existsSync(fixtures)) cpSync(fixtures, workspace, { recursive: true });
  }
  await runHostSuite({ label: '(a) extension-host suite', tag: 'a', dir: testsDir, workspace, consoleName: 'suite-console.log' });
}

/**
 * (c) the restricted-mode suite in a host with workspace trust on, over an empty folder (the suite
 * writes its config, plugin and report). The suite opens the Workspace Trust editor and logs
 * TRUST_REQUEST; the driver then clicks the editor's Trust button, which is what grants trust.
 */
const TRUST_REQUEST = 'nianbao-e2e:trust-request';
async function runUntrusted() {
  const workspace = tempDir('nianbao-e2e-untrusted-ws-');
  await runHostSuite({
    label: '(c) restricted-mode suite', tag: 'c', dir: untrustedTestsDir, workspace, workspaceTrust: true, consoleName: 'untrusted-console.log',
    onLog: (text, page) => {
      if (text.trim() !== TRUST_REQUEST) return;
      const button = page.locator('.workspace-trust-editor .workspace-trust-limitations.trusted .workspace-trust-buttons .monaco-button').first();
      button.click({ timeout: 15_000 })
        .then(() => console.log('  e2e: (c) clicked Trust in the Workspace Trust editor'))
        .catch((e) => console.log(`  e2e: (c) could not click Trust: ${String(e.message || e).split('\n')[0]}`));
    },
  });
}

/**
 * Runs a mocha suite (dir/index.js) inside the extension host of a fresh code-server and counts its
 * "N passing / N failing / N pending" lines. onLog(text, page) sees each console message of the page.
 */
async function runHostSuite({ label, tag, dir, workspace, workspaceTrust = false, consoleName, onLog }) {
  const t0 = Date.now();
  console.log(`e2e: ${label} ${dir} in code-server${workspaceTrust ? ' (workspace trust on)' : ''}`);
  let host, browser;
  const out = [];
  try {
    host = startHost({ workspace, smoke: true, workspaceTrust });
    browser = await launchBrowser();
    const page = await browser.newPage();
    let done;
    const exited = new Promise((r) => (done = r));
    // Both must be exposed BEFORE goto; mocha's console output comes back through codeAutomationLog.
    mkdirSync(resultsDir, { recursive: true });
    const consoleLog = join(resultsDir, consoleName);
    writeFileSync(consoleLog, '');
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = format(...(args || []));
      out.push(text);
      appendFileSync(consoleLog, `[${type}] ${text}\n`);
      if (onLog) onLog(text, page);
      if (isWorkbenchNoise(text)) return; // kept in the console log file, not relayed
      for (const line of text.split('\n')) console.log(`  ${type === 'error' ? '[error] ' : ''}${line}`);
    });
    await page.exposeFunction('codeAutomationExit', (code) => done(code));
    page.on('crash', () => done('renderer crashed'));
    const payload = [
      ['extensionDevelopmentPath', remoteUri(host, extDir)],
      ['extensionTestsPath', remoteUri(host, dir)],
      ['skipWelcome', 'true'],
    ];
    await page.goto(workbenchUrl(host, workspace, payload), { timeout: 60_000 });
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), suiteTimeout))]);
    const text = out.join('\n');
    const num = (re) => Number((text.match(re) ?? [])[1] ?? 0);
    const passing = num(/(\d+) passing/), failing = num(/(\d+) failing/), pending = num(/(\d+) pending/);
    counts.passed += passing;
    counts.failed += failing;
    counts.skipped += pending;
    console.log(`e2e: (${tag}) exit code ${code}: ${passing} passing, ${failing} failing, ${pending} pending (${((Date.now() - t0) / 1000).toFixed(0)}s)`);
    if (code === 'timeout') console.log(`e2e: (${tag}) no result after ${suiteTimeout / 1000}s`);
    if (code !== 0 && failing === 0) counts.failed += 1; // crashed, timed out or failed outside a test
    if (code === 0 && passing === 0) {
      console.log(`e2e: (${tag}) the suite reported success but no passing test was seen; counted as a failure`);
      counts.failed += 1;
    }
    if (code !== 0) console.log(`--- code-server log (tail) ---\n${logTail(host, 40)}`);
  } catch (e) {
    console.log(`e2e: (${tag}) error: ${e.stack || e}`);
    if (host) console.log(`--- code-server log (tail) ---\n${logTail(host, 40)}`);
    counts.failed += 1;
  } finally {
    if (browser) await withTimeout(browser.close(), 15_000, 'browser.close').catch(() => {});
    if (host) host.stop();
  }
}

// ---- (b) the UI test ----------------------------------------------------------------------------
async function runUi() {
  const t0 = Date.now();
  console.log(`e2e: (b) UI test, extension installed from ${vsix}`);
  let host;
  try {
    const workspace = tempDir('nianbao-e2e-ui-ws-');
    const fixture = join(REPO, 'test/e2e/fixtures/yunxi-2023.nianbao.txt');
    const file = join(workspace, 'yunxi-2023.nianbao.txt');
    cpSync(fixture, file);
    host = startHost({ workspace, vsix: [vsix], locale: 'zh-cn' });
    const steps = await runUiTest({ host, workspace, file, shotsDir: join(REPO, 'test-results/e2e') });
    for (const s of steps) {
      if (s.ok) counts.passed += 1;
      else if (s.skipped) counts.skipped += 1;
      else counts.failed += 1;
    }
    const p = steps.filter((s) => s.ok).length;
    console.log(`e2e: (b) ${p} of ${steps.length} UI steps passed (${((Date.now() - t0) / 1000).toFixed(0)}s)`);
    if (steps.some((s) => !s.ok && !s.skipped))
      console.log(`--- code-server log (tail) ---\n${logTail(host, 30)}`);
  } catch (e) {
    console.log(`e2e: (b) error: ${e.stack || e}`);
    if (host) console.log(`--- code-server log (tail) ---\n${logTail(host, 40)}`);
    counts.failed += 1;
  } finally {
    if (host) host.stop();
  }
}

const t0 = Date.now();
try {
  if (runs('suite')) await runSuite();
  if (runs('ui')) await runUi();
  if (runs('untrusted')) await runUntrusted();
} finally {
  cleanup();
  clearTimeout(watchdog);
}
writeSummary();
console.log(`e2e: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped in ${((Date.now() - t0) / 1000).toFixed(0)}s`);
process.exit(counts.failed ? 1 : 0);
