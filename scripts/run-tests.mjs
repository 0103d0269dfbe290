// Runs every test layer in order and ends with one summary line that CI reads:
//   1. unit, rule and CLI tests, then the language-server protocol tests (node --test, compiled to out/)
//   2. the end-to-end layer (test/e2e/run.mjs), when it exists: the extension-host suite and the UI test in a
//      real VS Code workbench. It writes its counts to out/e2e-summary.json and exits 0 (passed), 1 (failed)
//      or 3 (skipped, with the reason printed); a skipped layer is counted as skipped, never as passed.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, mkdirSync } from 'node:fs';

const counts = { passed: 0, failed: 0, skipped: 0 };
let failedLayers = [];

function nodeTests(name, dir) {
  if (!existsSync(dir)) return;
  const tap = `out/${name}.tap`;
  rmSync(tap, { force: true });
  const r = spawnSync(
    process.execPath,
    ['--test', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, dir],
    { stdio: 'inherit' },
  );
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const num = (k) => Number((text.match(new RegExp(`^# ${k} (\\d+)$`, 'm')) ?? [])[1] ?? 0);
  counts.passed += num('pass');
  counts.failed += num('fail') + num('cancelled');
  counts.skipped += num('skipped') + num('todo');
  if (r.status !== 0) failedLayers.push(name);
}

mkdirSync('out', { recursive: true });
nodeTests('unit', 'out/test/unit');
nodeTests('lsp', 'out/test/lsp');

if (existsSync('test/e2e/run.mjs')) {
  rmSync('out/e2e-summary.json', { force: true });
  const r = spawnSync(process.execPath, ['test/e2e/run.mjs'], { stdio: 'inherit' });
  const summary = existsSync('out/e2e-summary.json') ? JSON.parse(readFileSync('out/e2e-summary.json', 'utf8')) : null;
  if (summary) {
    counts.passed += summary.passed ?? 0;
    counts.failed += summary.failed ?? 0;
    counts.skipped += summary.skipped ?? 0;
  }
  if (r.status === 3) {
    console.log('e2e: skipped (see the reason above); not counted as passed');
    if (!summary) counts.skipped += 1;
  } else if (r.status !== 0) {
    failedLayers.push('e2e');
    if (!summary || !summary.failed) counts.failed += 1;
  }
}

if (failedLayers.length) console.log(`failed layers: ${failedLayers.join(', ')}`);
console.log(`tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(failedLayers.length || counts.failed ? 1 : 0);
