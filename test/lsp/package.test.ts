// The .vsix: packaged with @vscode/vsce exactly as `npm run package` does (minus the rebuild, which
// `npm test` has just done and which would race the server tests running beside this file), then
// its file list read straight from the zip's central directory.

import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ROOT } from './lspClient';
import { RULES } from '../../core/src';

/** Packaging a 200 KB extension takes a few seconds; this bounds a hung vsce. */
const PACKAGE_TIMEOUT_MS = 120_000;

/** Names of the entries of a zip file, from its central directory. */
export function zipEntries(buf: Buffer): string[] {
  const EOCD = 0x06054b50;
  const CEN = 0x02014b50;
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  assert.ok(eocd >= 0, 'end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let n = 0; n < count; n++) {
    assert.equal(buf.readUInt32LE(p), CEN);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    names.push(buf.toString('utf8', p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

describe('the .vsix', () => {
  let dir: string;
  let vsix: string;
  let files: string[];

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'nianbao-vsix-'));
    vsix = path.join(dir, 'nianbao.vsix');
    const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
    execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', vsix], {
      cwd: ROOT,
      stdio: 'pipe',
      timeout: PACKAGE_TIMEOUT_MS,
    });
    files = zipEntries(readFileSync(vsix));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('holds the two bundles, the grammar, the manifest, the l10n files and the rule docs', () => {
    console.log(`${path.basename(vsix)}: ${statSync(vsix).size} bytes, ${files.length} files\n  ${files.join('\n  ')}`);
    for (const f of [
      'extension/package.json',
      'extension/package.nls.json',
      'extension/package.nls.zh-cn.json',
      'extension/dist/client.js',
      'extension/dist/server.js',
      // what dist/server.js starts (with a V8 code cache)
      'extension/dist/server-main.js',
      // The worker thread the server reads pages in (README.md "Limits").
      'extension/dist/reader-worker.js',
      'extension/syntaxes/nianbao.tmLanguage.json',
      'extension/language-configuration.json',
      'extension/l10n/bundle.l10n.zh-cn.json',
      // contributes.jsonValidation points at it: .nianbao.json is validated and completed offline.
      'extension/schemas/nianbao.schema.json',
    ]) {
      assert.ok(files.includes(f), `${f} in the vsix`);
    }
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    assert.equal(manifest.main, './dist/client.js');
    // Every rule the core has, each with its page where its metadata says (RuleMeta.docs).
    for (const { code, docs } of RULES) assert.equal(docs, `docs/rules/${code}.md`);
    for (const { code } of RULES) assert.ok(files.includes(`extension/docs/rules/${code}.md`), `rule page ${code}`);
    // The total rules' pages link to the page on how a wrong cell is located.
    assert.ok(files.includes('extension/docs/arithmetic.md'), 'docs/arithmetic.md in the vsix');
  });

  it('holds nothing from node_modules, no sources, no tests, no CLI bundle', () => {
    const bad = files.filter(
      (f) =>
        f.includes('node_modules/') ||
        /\.ts$/.test(f) ||
        /\.map$/.test(f) ||
        f.startsWith('extension/test/') ||
        f.startsWith('extension/core/') ||
        f.startsWith('extension/server/') ||
        f.startsWith('extension/node/') ||
        f.startsWith('extension/client/') ||
        f.startsWith('extension/out/') ||
        f === 'extension/dist/cli.js' ||
        f.endsWith('.vsix'),
    );
    assert.deepEqual(bad, []);
  });
});
