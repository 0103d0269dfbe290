// The config file in a real VS Code (docs/config.md): a .nianbao.json in a folder of the workspace
// with a declarative rule and a plugin rule. This suite's host runs with workspace trust disabled, so
// the workspace counts as trusted and the plugin must run; the untrusted case runs in a host of its own
// (test/suite/untrusted/, and over stdio in test/lsp/config.test.ts). Then 接受此问题 writes the
// baseline, and a broken config shows one error on the config file.

import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { codeOf, ours, waitForDiagnostics } from './diagnostics';

const TIMEOUT_MS = 20_000;
const REPO = path.resolve(__dirname, '..', '..', '..');

function waitFor(uri: vscode.Uri, ok: (d: vscode.Diagnostic[]) => boolean, what: string): Promise<vscode.Diagnostic[]> {
  return waitForDiagnostics(uri, ok, what, TIMEOUT_MS);
}

const PLUGIN = `exports.rules = [{
  code: 'demo/no-placeholder', severity: 'warning', description: '正文中不应有占位词“某某”',
  check(ctx) {
    const t = ctx.report.text;
    for (let i = t.indexOf('某某'); i !== -1; i = t.indexOf('某某', i + 2)) ctx.add({ start: i, end: i + 2 }, '正文中有占位词“某某”');
  },
}];
`;

suite('.nianbao.json in VS Code', () => {
  let dir: vscode.Uri;
  let report: vscode.Uri;
  const config = () => vscode.Uri.joinPath(dir, '.nianbao.json');

  suiteSetup(async () => {
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(root, 'the suite needs a workspace folder');
    dir = vscode.Uri.joinPath(root, `suite-config-${Date.now()}`);
    await vscode.workspace.fs.createDirectory(dir);
    const write = (name: string, text: string) => vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, name), Buffer.from(text, 'utf8'));
    await write(
      '.nianbao.json',
      '{\n  // rules of this folder\n  "rules": { "narrative-mismatch": "off" },\n  "plugins": ["./plugin.js"],\n  "customRules": [{ "code": "x-no-draft", "kind": "forbidden-phrase", "pattern": "征求意见稿", "message": "正式年报不应含“征求意见稿”" }]\n}\n',
    );
    await write('plugin.js', PLUGIN);
    const clean = fs.readFileSync(path.join(REPO, 'test', 'fixtures', 'clean-2021.txt'), 'utf8');
    await write('report.nianbao.txt', clean.replace('主要问题是政策解读', '（征求意见稿）主要问题是某某政策解读'));
    report = vscode.Uri.joinPath(dir, 'report.nianbao.txt');
  });

  test('the folder\'s declarative rule and, in a trusted workspace, its plugin rule fire', async () => {
    assert.equal(vscode.workspace.isTrusted, true);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(report));
    const diags = await waitFor(report, (d) => d.some((x) => codeOf(x) === 'demo/no-placeholder') && d.some((x) => codeOf(x) === 'x-no-draft'), 'the plugin and declarative rules');
    assert.deepEqual(diags.map(codeOf).sort(), ['demo/no-placeholder', 'x-no-draft']);
  });

  test('接受此问题 records the finding in the baseline beside the config; the problem goes away', async () => {
    const draft = ours(report).find((d) => codeOf(d) === 'x-no-draft');
    assert.ok(draft);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', report, draft.range);
    const accept = actions.find((a) => a.title.startsWith('接受此问题'));
    assert.ok(accept?.command, JSON.stringify(actions.map((a) => a.title)));
    await vscode.commands.executeCommand(accept.command.command, ...(accept.command.arguments ?? []));
    await waitFor(report, (d) => !d.some((x) => codeOf(x) === 'x-no-draft') && d.some((x) => codeOf(x) === 'demo/no-placeholder'), 'the accepted finding to go');
    const baseline = JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(dir, '.nianbao-baseline.json'))).toString('utf8'));
    assert.deepEqual(baseline.accepted.map((a: { file: string; code: string }) => [a.file, a.code]), [['report.nianbao.txt', 'x-no-draft']]);
  });

  test('a config with a syntax error shows one error on the config file', async () => {
    await vscode.workspace.fs.writeFile(config(), Buffer.from('{ "rules": { "row-total": "off" ', 'utf8'));
    // The server reads configs again when a watched JSON file changes; pulling the report's
    // diagnostics again makes it look at the config.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(report));
    const onConfig = await waitFor(config(), (d) => d.length === 1, 'the config file\'s error');
    assert.equal(onConfig[0].severity, vscode.DiagnosticSeverity.Error);
    assert.match(onConfig[0].message, /^配置无效，未使用：配置文件不是有效的 JSON/);
  });
});
