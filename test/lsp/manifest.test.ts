// The manifest and the UI strings: every public name of the README's VS Code section is contributed, every
// %placeholder% and every vscode.l10n.t string has its English and Chinese text.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from './lspClient';
import { RULES } from '../../core/src';

const read = (f: string) => readFileSync(path.join(ROOT, f), 'utf8');
const json = (f: string) => JSON.parse(read(f));

describe('manifest', () => {
  const pkg = json('package.json');

  it('contributes the language, grammar, commands and settings the README names', () => {
    const lang = pkg.contributes.languages.find((l: { id: string }) => l.id === 'nianbao');
    assert.equal(lang.aliases[0], '政务公开年报');
    assert.deepEqual(lang.extensions, ['.nianbao.txt', '.nianbao.md']);
    assert.equal(pkg.contributes.grammars[0].language, 'nianbao');
    JSON.parse(read(pkg.contributes.grammars[0].path));
    assert.deepEqual(
      pkg.contributes.commands.map((c: { command: string }) => c.command).sort(),
      ['nianbao.checkWorkspace', 'nianbao.convertLayout', 'nianbao.convertTo2021', 'nianbao.exportDocx', 'nianbao.exportHtml', 'nianbao.fixAll', 'nianbao.importDocx', 'nianbao.newReport', 'nianbao.newReportFromLastYear', 'nianbao.recomputeTotals', 'nianbao.showSeriesReport', 'nianbao.showTables'],
    );
    for (const c of pkg.contributes.commands) assert.ok(c.category, `${c.command} has a category`);
    const props = pkg.contributes.configuration.properties;
    assert.deepEqual(Object.keys(props).sort(), ['nianbao.codeLens', 'nianbao.detect', 'nianbao.enable', 'nianbao.inlayHints', 'nianbao.rules', 'nianbao.run', 'nianbao.trace.server']);
    for (const [k, v] of Object.entries<Record<string, unknown>>(props)) assert.ok(v.description || v.markdownDescription, `${k} described`);
    assert.deepEqual(props['nianbao.rules'].default, {});
    assert.deepEqual(props['nianbao.run'].enum, ['onType', 'onSave']);
    for (const e of ['onLanguage:nianbao', 'onLanguage:plaintext', 'onLanguage:markdown']) assert.ok(pkg.activationEvents.includes(e), e);
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, true);
    assert.equal(pkg.capabilities.virtualWorkspaces, true);
    assert.equal(pkg.l10n, './l10n');
  });

  it('lists under nianbao.rules exactly the core\'s rule codes, in its order, each with the four levels', () => {
    const props = pkg.contributes.configuration.properties['nianbao.rules'].properties as Record<string, { enum: string[] }>;
    assert.deepEqual(Object.keys(props), RULES.map((r) => r.code));
    for (const [code, v] of Object.entries(props)) assert.deepEqual(v.enum, ['off', 'info', 'warning', 'error'], code);
  });

  it('offers the report commands only where the client says the editor holds a report', () => {
    const palette = pkg.contributes.menus.commandPalette as { command: string; when: string }[];
    for (const c of ['nianbao.recomputeTotals', 'nianbao.fixAll', 'nianbao.convertLayout', 'nianbao.exportDocx', 'nianbao.exportHtml', 'nianbao.showTables']) {
      assert.equal(palette.find((m) => m.command === c)?.when, 'nianbao.isReport', `${c} in the palette only on reports`);
    }
    // The table view is also a button of the editor's title bar, on reports.
    assert.deepEqual(pkg.contributes.menus['editor/title'], [{ command: 'nianbao.showTables', when: 'nianbao.isReport', group: 'navigation' }]);
    assert.ok(pkg.activationEvents.includes('onCommand:nianbao.showTables'));
    // The client sets that context key.
    assert.match(read('client/src/extension.ts'), /IS_REPORT_KEY = 'nianbao\.isReport'/);
    assert.match(read('client/src/extension.ts'), /'setContext', IS_REPORT_KEY/);
  });

  it('sets the editor defaults a Chinese prose report needs in the 政务公开年报 mode', () => {
    const d = pkg.contributes.configurationDefaults['[nianbao]'];
    assert.equal(d['editor.wordWrap'], 'on');
    assert.equal(d['editor.unicodeHighlight.ambiguousCharacters'], false);
    assert.equal(d['editor.wordBasedSuggestions'], 'off');
    assert.equal(d['editor.wordSegmenterLocales'], 'zh-CN');
    // Other languages' defaults are the user's: only advised in the README.
    assert.deepEqual(Object.keys(pkg.contributes.configurationDefaults), ['[nianbao]']);
    assert.match(read('README.md'), /"\[plaintext\]"/);
  });

  it('describes every rule code of nianbao.rules in Chinese, and every setting starts with a Chinese title', () => {
    const zh = json('package.nls.zh-cn.json');
    const rules = pkg.contributes.configuration.properties['nianbao.rules'];
    assert.deepEqual(Object.keys(rules.properties).sort(), RULES.map((r) => r.code).sort());
    for (const [code, p] of Object.entries<{ description: string; enumDescriptions: string[] }>(rules.properties)) {
      const key = /^%(.+)%$/.exec(p.description)?.[1];
      assert.ok(key && /[\u4e00-\u9fff]/.test(zh[key]), `${code}: Chinese description`);
      assert.deepEqual(p.enumDescriptions.map((e) => zh[e.slice(1, -1)]), ['关闭：不检查', '提示', '警告', '错误']);
    }
    for (const [k, v] of Object.entries<Record<string, string>>(pkg.contributes.configuration.properties)) {
      const key = (v.description ?? v.markdownDescription).slice(1, -1);
      assert.match(zh[key], /^(\*\*)?【[^】]+】/, `${k}: ${zh[key]}`);
    }
  });

  it('has English and Chinese text for every %placeholder%', () => {
    const en = json('package.nls.json');
    const zh = json('package.nls.zh-cn.json');
    const keys = [...read('package.json').matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
    assert.ok(keys.length > 10);
    for (const k of keys) {
      assert.ok(en[k], `package.nls.json: ${k}`);
      assert.ok(zh[k], `package.nls.zh-cn.json: ${k}`);
    }
    assert.equal(zh['command.recomputeTotals'], '重新计算合计');
    assert.equal(zh['command.newReport'], '新建年度报告');
    assert.equal(zh['command.checkWorkspace'], '检查工作区内全部年报');
    assert.equal(zh['command.fixAll'], '修复全部可自动修复的问题');
    assert.equal(zh['command.convertLayout'], '转换表格排法');
    assert.equal(zh['command.exportDocx'], '导出为 Word 文档');
    assert.equal(zh['command.exportHtml'], '导出为网页');
    assert.equal(zh['command.importDocx'], '导入 Word 年报');
    assert.equal(zh['command.showTables'], '以表格查看');
    assert.equal(zh['command.showSeriesReport'], '年报汇总页');
  });

  it('has a Chinese translation for every runtime string of the client', () => {
    const zh = json('l10n/bundle.l10n.zh-cn.json');
    const keys = ['client/src/extension.ts', 'client/src/layout-commands.ts', 'client/src/tables.ts', 'client/src/series-page.ts'].flatMap((f) => [...read(f).matchAll(/l10n\.t\(\s*'([^']*)'/g)].map((m) => m[1]));
    assert.ok(keys.length > 10);
    for (const k of keys) assert.ok(zh[k], `zh-cn translation for "${k}"`);
    // Placeholders survive translation.
    for (const k of keys) for (const ph of k.match(/\{\d\}/g) ?? []) assert.ok(zh[k].includes(ph), `${ph} in the translation of "${k}"`);
  });

  it('.vscodeignore is an allow-list', () => {
    const lines = read('.vscodeignore').split('\n').filter((l) => l && !l.startsWith('#'));
    assert.equal(lines[0], '**');
    assert.ok(lines.slice(1).every((l) => l.startsWith('!')));
  });
});
