// Entry point of the extension-host test suite (for @vscode/test-electron and the code-server driver):
// VS Code loads this file inside the extension host and awaits run().

import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/** Per test: activation and the first diagnostics of a cold host take a few seconds. */
const TEST_TIMEOUT_MS = 60_000;

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: TEST_TIMEOUT_MS });
  for (const f of fs.readdirSync(__dirname).sort()) {
    if (f.endsWith('.test.js')) mocha.addFile(path.join(__dirname, f));
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} tests failed.`)) : resolve()));
  });
}
