// Plugin rules in restricted mode, in a real VS Code (docs/config.md, "plugins"): the workspace opens
// untrusted (test/e2e/run.mjs, part (c), keeps workspace trust on). Its .nianbao.json names a plugin
// and a declarative rule. While untrusted, the plugin module is never loaded (it would leave a marker
// file), its rule does not fire, the built-in and declarative rules do, and the config file says why.
// Then the test opens the Workspace Trust editor and asks the driver to press 信任 (Trust) as a user
// would; the plugin's rule then fires and the warning goes.

import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { codeOf, described, waitForDiagnostics } from '../diagnostics';

const TIMEOUT_MS = 45_000;
const REPO = path.resolve(__dirname, '..', '..', '..', '..');
/** Logged for the driver (test/e2e/run.mjs): click the Trust button of the Workspace Trust editor. */
const TRUST_REQUEST = 'nianbao-e2e:trust-request';

const PLUGIN = `// Loading this module leaves a marker beside it: the test checks the server never loaded it untrusted.
require('fs').writeFileSync(require('path').join(__dirname, 'plugin-loaded.txt'), 'loaded');
exports.rules = [{
  code: 'demo/no-placeholder', severity: 'warning', description: '正文中不应有占位词“某某”',
  check(ctx) {
    const t = ctx.report.text;
    for (let i = t.indexOf('某某'); i !== -1; i = t.indexOf('某某', i + 2)) ctx.add({ start: i, end: i + 2 }, '正文中有占位词“某某”');
  },
}];
`;
const CONFIG = `{
  "plugins": ["./plugin.js"],
  "customRules": [{ "code": "x-no-draft", "kind": "forbidden-phrase", "pattern": "征求意见稿", "message": "正式年报不应含“征求意见稿”" }]
}
`;
const UNTRUSTED_WARNING = '工作区不受信任，未加载插件规则（信任此工作区后生效）';

function waitFor(uri: vscode.Uri, ok: (d: vscode.Diagnostic[]) => boolean, what: string): Promise<vscode.Diagnostic[]> {
  return waitForDiagnostics(uri, ok, what, TIMEOUT_MS);
}

/** [code, start line, start character, end line, end character] of each diagnostic, sorted. */
function located(ds: vscode.Diagnostic[]): (string | number)[][] {
  return ds.map((d) => [codeOf(d), d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character]).sort((a, b) => String(a).localeCompare(String(b)));
}

suite('restricted mode: plugin rules of .nianbao.json', () => {
  let dir: vscode.Uri;
  let report: vscode.Uri;
  let text: string;
  const config = () => vscode.Uri.joinPath(dir, '.nianbao.json');
  const marker = () => path.join(dir.fsPath, 'plugin-loaded.txt');
  /** The diagnostic range of the first occurrence of `s` in the report. */
  const at = (code: string, s: string, from = 0): (string | number)[] => {
    const i = text.indexOf(s, from);
    assert.ok(i >= 0, `${s} not in the report`);
    const lines = text.slice(0, i).split('\n');
    const line = lines.length - 1;
    const ch = lines[line].length;
    return [code, line, ch, line, ch + s.length];
  };

  suiteSetup(async () => {
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(root, 'the suite needs a workspace folder');
    dir = vscode.Uri.joinPath(root, 'untrusted-config');
    await vscode.workspace.fs.createDirectory(dir);
    const write = (name: string, t: string) => vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, name), Buffer.from(t, 'utf8'));
    await write('.nianbao.json', CONFIG);
    await write('plugin.js', PLUGIN);
    // A clean report with three deviations: a narrative number that disagrees with 表三 (built-in
    // narrative-mismatch), 征求意见稿 (the declarative rule) and 某某 (the plugin's rule).
    const clean = fs.readFileSync(path.join(REPO, 'test', 'fixtures', 'clean-2021.txt'), 'utf8');
    text = clean.replace('新收政府信息公开申请53件', '新收政府信息公开申请63件').replace('主要问题是政策解读', '（征求意见稿）主要问题是某某政策解读');
    assert.notEqual(text, clean);
    await write('report.nianbao.txt', text);
    report = vscode.Uri.joinPath(dir, 'report.nianbao.txt');
  });

  test('the workspace is untrusted: built-in and declarative rules fire, the plugin is not loaded', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the host must open the folder untrusted (start.sh --workspace-trust)');
    const ext = vscode.extensions.getExtension('nianbao.nianbao');
    assert.ok(ext, 'the extension under test is installed');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(report));
    const diags = await waitFor(report, (d) => d.some((x) => codeOf(x) === 'narrative-mismatch') && d.some((x) => codeOf(x) === 'x-no-draft'), 'the built-in and declarative rules');
    assert.equal(ext.isActive, true, 'the extension activates in restricted mode');
    // All rules of a document run in one check, so the plugin's rule would be in this same result.
    assert.deepEqual(located(diags), [at('narrative-mismatch', '63'), at('x-no-draft', '征求意见稿')].sort((a, b) => String(a).localeCompare(String(b))), described(diags));
    const onConfig = await waitFor(config(), (d) => d.length > 0, 'the warning on the config file');
    assert.deepEqual(onConfig.map((d) => [d.severity, d.message]), [[vscode.DiagnosticSeverity.Warning, UNTRUSTED_WARNING]]);
    assert.equal(fs.existsSync(marker()), false, 'the plugin module was loaded in an untrusted workspace');
  });

  test('after the user trusts the workspace, the plugin rule fires and the warning goes', async () => {
    const granted = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('workspace trust was not granted (the driver clicks Trust in the Workspace Trust editor)')), TIMEOUT_MS);
      const sub = vscode.workspace.onDidGrantWorkspaceTrust(() => {
        clearTimeout(timer);
        sub.dispose();
        resolve();
      });
    });
    await vscode.commands.executeCommand('workbench.trust.manage');
    console.log(TRUST_REQUEST);
    await granted;
    assert.equal(vscode.workspace.isTrusted, true);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(report));
    const diags = await waitFor(report, (d) => d.some((x) => codeOf(x) === 'demo/no-placeholder'), 'the plugin rule after trust');
    assert.deepEqual(
      located(diags),
      [at('narrative-mismatch', '63'), at('x-no-draft', '征求意见稿'), at('demo/no-placeholder', '某某')].sort((a, b) => String(a).localeCompare(String(b))),
      described(diags),
    );
    await waitFor(config(), (d) => d.length === 0, 'the config file\'s warning to go');
    assert.equal(fs.existsSync(marker()), true, 'the plugin module was loaded once trusted');
  });
});
