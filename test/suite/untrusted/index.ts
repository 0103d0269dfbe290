// Entry point of the restricted-mode suite: run by test/e2e/run.mjs, part (c), in a code-server whose
// workspace trust is ON, so the folder opens untrusted. Kept apart from test/suite/index.ts, whose host
// runs with trust off (every folder trusted).

import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  // Tests run in file order and depend on each other (untrusted first, then trusted).
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 150_000, bail: true });
  for (const f of fs.readdirSync(__dirname).sort()) {
    if (f.endsWith('.test.js')) mocha.addFile(path.join(__dirname, f));
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} tests failed.`)) : resolve()));
  });
}
