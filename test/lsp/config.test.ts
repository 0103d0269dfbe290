// One `.nianbao.json` (docs/config.md) drives the CLI and the language server alike: the same
// reports, checked by `nianbao check` and by the real server over stdio, give the same problems at
// the same places. Also: extends, ignores, overrides, declarative rules, plugins (only when trusted /
// with --plugin; a broken one is reported and the built-in rules still run), a bad config (one clear
// diagnostic; CLI exit 2), and accepted findings (the 接受此问题 command, --baseline, SARIF).

import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient, ROOT } from './lspClient';

const BIN = path.join(ROOT, 'bin', 'nianbao.js');
const CLEAN = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'clean-2021.md'), 'utf8');

function cli(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A report with a wrong total, a draft marker, a placeholder word and no telephone number. */
const REPORT = CLEAN.replace('| （一）予以公开 | 18 | 5 | 0 | 1 | 1 | 0 | 25 |', '| （一）予以公开 | 18 | 5 | 0 | 1 | 1 | 0 | 26 |').replace(
  '主要问题是政策解读形式较为单一。',
  '（征求意见稿）主要问题是某某政策解读形式较为单一。',
);

const PLUGIN = `exports.rules = [{
  code: 'demo/no-placeholder',
  severity: 'warning',
  description: '正文中不应有占位词“某某”',
  docs: 'https://example.invalid/no-placeholder',
  check(ctx) {
    const t = ctx.report.text;
    for (let i = t.indexOf('某某'); i !== -1; i = t.indexOf('某某', i + 2)) ctx.add({ start: i, end: i + 2 }, '正文中有占位词“某某”');
  },
}];
`;

const CONFIG = `{
  // The province's profile first, then this agency's own choices.
  "extends": "./profile.json",
  "rules": { "narrative-mismatch": "off", "fee-missing": "error" },
  "ignores": ["drafts/**"],
  "overrides": [{ "files": ["old/**"], "rules": { "row-total": "warning", "zj-no-draft": "off" } }],
  "agency": "青禾市柳溪区文化和旅游局",
  "plugins": ["./plugin.js"],
}
`;

const PROFILE = `{
  "customRules": [
    { "code": "zj-phone", "kind": "required-phrase", "section": "六", "pattern": "联系电话|咨询电话", "message": "第六部分应写明咨询电话", "severity": "warning" },
    { "code": "zj-no-draft", "kind": "forbidden-phrase", "pattern": "征求意见稿|草稿", "message": "正式发布的年报不应含“征求意见稿”等字样", "severity": "error" },
    { "code": "zj-open-data", "kind": "required-section", "title": "政府数据开放情况", "message": "缺少“政府数据开放情况”一节（本省要求）", "severity": "info" }
  ]
}
`;

function workspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-config-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const SEV: Record<number, string> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'info' };
const fromLsp = (d: Diagnostic) => `${d.code}|${SEV[d.severity ?? 2]}|${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1}|${d.message}`;
interface JsonDiag {
  code: string;
  severity: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
}
const fromCli = (d: JsonDiag) => `${d.code}|${d.severity}|${d.line}:${d.column}-${d.endLine}:${d.endColumn}|${d.message}`;

async function published(client: LspClient, uri: string): Promise<Diagnostic[] | undefined> {
  for (let i = 0; i < 40 && !client.published.has(uri); i++) await new Promise((r) => setTimeout(r, 50));
  return client.published.get(uri);
}

describe('one .nianbao.json for the CLI and the language server', () => {
  let dir: string;
  let trusted: LspClient;
  let untrusted: LspClient;
  const docs = ['a.md', 'old/b.md', 'drafts/c.md'];
  const uriOf = (name: string) => pathToFileURL(path.join(dir, name)).href;

  before(async () => {
    dir = workspace({ '.nianbao.json': CONFIG, 'profile.json': PROFILE, 'plugin.js': PLUGIN, 'a.md': REPORT, 'old/b.md': REPORT, 'drafts/c.md': REPORT });
    trusted = await LspClient.start(() => ({}), { trusted: true });
    untrusted = await LspClient.start(() => ({}), { trusted: false });
    for (const c of [trusted, untrusted]) for (const d of docs) await c.open(uriOf(d), 'markdown', REPORT);
  });
  after(async () => {
    await trusted.stop();
    await untrusted.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('gives the same problems at the same places in both (trusted workspace, --plugin)', async () => {
    const r = cli(['check', '--format', 'json', '--plugin', '.'], dir);
    assert.equal(r.status, 1, r.stderr);
    const files = (JSON.parse(r.stdout) as { files: { path: string; diagnostics: JsonDiag[] }[] }).files;
    // drafts/ is ignored by both.
    assert.deepEqual(files.map((f) => f.path.split(path.sep).join('/')).sort(), ['a.md', 'old/b.md']);
    assert.deepEqual(await trusted.diagnostics(uriOf('drafts/c.md')), []);
    for (const f of files) {
      const name = f.path.split(path.sep).join('/');
      const lsp = (await trusted.diagnostics(uriOf(name))).map(fromLsp);
      assert.deepEqual(lsp, f.diagnostics.map(fromCli), name);
    }
    const a = files.find((f) => f.path === 'a.md')!.diagnostics.map((d) => `${d.code}:${d.severity}`);
    // rules: narrative-mismatch off (the prose states 25 予以公开), fee-missing is there and raised
    // to error only when it fires; the profile's declarative rules and the plugin's rule fire.
    assert.deepEqual(a, ['zj-open-data:info', 'row-total:error', 'zj-no-draft:error', 'demo/no-placeholder:warning', 'zj-phone:warning']);
    const b = files.find((f) => f.path.startsWith('old'))!.diagnostics.map((d) => `${d.code}:${d.severity}`);
    // The override for old/**: row-total a warning, zj-no-draft off.
    assert.deepEqual(b, ['zj-open-data:info', 'row-total:warning', 'demo/no-placeholder:warning', 'zj-phone:warning']);
  });

  it('VS Code settings override the file, rule by rule', async () => {
    const c = await LspClient.start(() => ({ rules: { 'zj-phone': 'off', 'row-total': 'info' } }), { trusted: true });
    try {
      await c.open(uriOf('a.md'), 'markdown', REPORT);
      const got = (await c.diagnostics(uriOf('a.md'))).map((d) => `${d.code}:${SEV[d.severity!]}`);
      assert.deepEqual(got, ['zj-open-data:info', 'row-total:info', 'zj-no-draft:error', 'demo/no-placeholder:warning']);
      const r = cli(['check', '--format', 'json', '--plugin', '--rule', 'zj-phone=off', '--rule', 'row-total=info', 'a.md'], dir);
      const cliGot = (JSON.parse(r.stdout) as { files: { diagnostics: JsonDiag[] }[] }).files[0].diagnostics.map((d) => `${d.code}:${d.severity}`);
      assert.deepEqual(cliGot, got);
    } finally {
      await c.stop();
    }
  });

  it('does not load plugins in an untrusted workspace, or without --plugin, and says so', async () => {
    const lsp = (await untrusted.diagnostics(uriOf('a.md'))).map((d) => d.code);
    assert.ok(!lsp.includes('demo/no-placeholder'));
    assert.ok(lsp.includes('zj-no-draft'), 'declarative rules are data: they run untrusted');
    const onConfig = await published(untrusted, uriOf('.nianbao.json'));
    assert.deepEqual(onConfig?.map((d) => [SEV[d.severity!], d.message]), [['warning', '工作区不受信任，未加载插件规则（信任此工作区后生效）']]);
    const r = cli(['check', '--format', 'json', 'a.md'], dir);
    assert.ok(!r.stdout.includes('demo/no-placeholder'));
    assert.match(r.stderr, /未加载.*--plugin/);
    const cliCodes = (JSON.parse(r.stdout) as { files: { diagnostics: JsonDiag[] }[] }).files[0].diagnostics.map((d) => d.code);
    assert.deepEqual(cliCodes, lsp);
  });

  it('accepts a finding: the command writes the baseline, the server and the CLI then leave it out', async () => {
    const diags = await trusted.diagnostics(uriOf('a.md'));
    const phone = diags.find((d) => d.code === 'zj-phone')!;
    const actions = await trusted.codeActions(uriOf('a.md'), phone.range, [phone]);
    const accept = actions.find((x: CodeAction) => x.title.startsWith('接受此问题'));
    assert.ok(accept?.command, JSON.stringify(actions.map((x) => x.title)));
    await trusted.request('workspace/executeCommand', { command: accept.command.command, arguments: accept.command.arguments });
    const baseline = JSON.parse(fs.readFileSync(path.join(dir, '.nianbao-baseline.json'), 'utf8'));
    assert.deepEqual(baseline.accepted.map((x: { file: string; code: string }) => [x.file, x.code]), [['a.md', 'zj-phone']]);
    const after1 = (await trusted.diagnostics(uriOf('a.md'))).map((d) => d.code);
    assert.deepEqual(after1, diags.map((d) => d.code).filter((c) => c !== 'zj-phone'));
    // An edit elsewhere in the file keeps the finding accepted.
    await trusted.change(uriOf('a.md'), [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, newText: '（另附说明。）\n' }]);
    assert.deepEqual((await trusted.diagnostics(uriOf('a.md'))).map((d) => d.code), after1);
    // The CLI reads the same baseline (beside the config): text and JSON leave it out, SARIF marks it.
    const json = cli(['check', '--format', 'json', '--plugin', 'a.md'], dir);
    const file = (JSON.parse(json.stdout) as { files: { diagnostics: JsonDiag[]; accepted: number }[] }).files[0];
    assert.deepEqual(file.diagnostics.map((d) => d.code), after1);
    assert.equal(file.accepted, 1);
    const sarif = JSON.parse(cli(['check', '--format', 'sarif', '--plugin', 'a.md'], dir).stdout);
    const results = sarif.runs[0].results as { ruleId: string; baselineState: string; suppressions?: unknown[] }[];
    assert.deepEqual(results.filter((x) => x.baselineState === 'unchanged').map((x) => [x.ruleId, x.suppressions?.length]), [['zj-phone', 1]]);
    assert.ok(results.filter((x) => x.ruleId !== 'zj-phone').every((x) => x.baselineState === 'new' && !x.suppressions));
    const plugin = sarif.runs[0].tool.driver.rules.find((x: { id: string }) => x.id === 'demo/no-placeholder');
    assert.equal(plugin.helpUri, 'https://example.invalid/no-placeholder');
    fs.rmSync(path.join(dir, '.nianbao-baseline.json'));
  });

  it('--write-baseline accepts everything; then only new findings count', () => {
    const file = path.join(dir, 'accepted.json');
    const w = cli(['check', '--plugin', '--baseline', file, '--write-baseline', 'a.md'], dir);
    assert.equal(w.status, 0, w.stderr);
    assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')).accepted.length, 5);
    const r = cli(['check', '--plugin', '--baseline', file, 'a.md'], dir);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^0 个问题.*另有 5 个已接受的问题/m);
    fs.writeFileSync(path.join(dir, 'a2.md'), REPORT.replace('某某政策', '某某某某政策'));
    const r2 = cli(['check', '--plugin', '--baseline', file, 'a2.md'], dir);
    assert.equal(r2.status, 1, 'a2.md is another file: nothing of it is accepted');
    fs.rmSync(path.join(dir, 'a2.md'));
  });
});

describe('a config that cannot be used', () => {
  const cases: [string, string, RegExp, string][] = [
    ['a syntax error', '{ "rules": { "row-total": "off" ', /^nianbao: \.nianbao\.json:1:33: 配置文件不是有效的 JSON：缺少右花括号“}”$/m, '配置无效，未使用：配置文件不是有效的 JSON：缺少右花括号“}”'],
    ['an unknown rule code', '{\n  "rules": { "row-totals": "off" }\n}\n', /^nianbao: \.nianbao\.json:2:14: 未知的规则代码“row-totals”/m, '配置无效，未使用：未知的规则代码“row-totals”'],
    ['a wrong severity', '{ "rules": { "row-total": "sometimes" } }', /^nianbao: \.nianbao\.json:1:27: 规则 row-total 的级别应为 off、info、warning 或 error$/m, '配置无效，未使用：规则 row-total 的级别应为 off、info、warning 或 error'],
    ['a bad regular expression', '{ "customRules": [{ "code": "x", "kind": "forbidden-phrase", "pattern": "(", "message": "m" }] }', /^nianbao: \.nianbao\.json:1:73: “pattern”不是有效的正则表达式/m, '配置无效，未使用：“pattern”不是有效的正则表达式'],
  ];
  for (const [what, text, cliLine, lspMessage] of cases) {
    it(`${what}: CLI exit 2 with the place and the reason; one diagnostic on the file in the editor; built-in rules still run`, async () => {
      const dir = workspace({ '.nianbao.json': text, 'a.md': REPORT });
      try {
        const r = cli(['check', 'a.md'], dir);
        assert.equal(r.status, 2);
        assert.match(r.stderr, cliLine);
        assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
        assert.match(r.stdout, /\[row-total\]/);
        const c = await LspClient.start();
        try {
          await c.open(pathToFileURL(path.join(dir, 'a.md')).href, 'markdown', REPORT);
          const codes = (await c.diagnostics(pathToFileURL(path.join(dir, 'a.md')).href)).map((d) => d.code);
          assert.ok(codes.includes('row-total'));
          const onConfig = await published(c, pathToFileURL(path.join(dir, '.nianbao.json')).href);
          assert.equal(onConfig?.length, 1);
          assert.equal(onConfig[0].severity, 1);
          assert.ok(onConfig[0].message.startsWith(lspMessage), onConfig[0].message);
          const m = /:(\d+):(\d+):/.exec(r.stderr)!;
          assert.deepEqual([onConfig[0].range.start.line + 1, onConfig[0].range.start.character + 1], [Number(m[1]), Number(m[2])]);
        } finally {
          await c.stop();
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  it('a broken plugin is reported, the built-in rules still run (CLI and server)', async () => {
    const dir = workspace({ '.nianbao.json': '{ "plugins": ["./broken.js"] }', 'broken.js': 'throw new Error("坏了");', 'a.md': REPORT });
    try {
      const r = cli(['check', '--plugin', 'a.md'], dir);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /无法加载插件 .*broken\.js：坏了/);
      assert.match(r.stdout, /\[row-total\]/);
      const c = await LspClient.start(() => ({}), { trusted: true });
      try {
        await c.open(pathToFileURL(path.join(dir, 'a.md')).href, 'markdown', REPORT);
        assert.ok((await c.diagnostics(pathToFileURL(path.join(dir, 'a.md')).href)).some((d) => d.code === 'row-total'));
        const onConfig = await published(c, pathToFileURL(path.join(dir, '.nianbao.json')).href);
        assert.equal(onConfig?.length, 1);
        assert.match(onConfig[0].message, /无法加载插件 .*broken\.js：坏了/);
      } finally {
        await c.stop();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
