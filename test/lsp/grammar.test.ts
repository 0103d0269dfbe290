// The TextMate grammar, tokenised by the engine VS Code itself uses (vscode-textmate + vscode-oniguruma).
// Those two are not dependencies of this project; the test borrows them from the VS Code host that
// scripts/host/setup.sh installs (or NIANBAO_TEXTMATE_DIR), and is skipped, saying why, without it.

import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from './lspClient';

const MODULES = process.env.NIANBAO_TEXTMATE_DIR ?? path.join(ROOT, '.cache', 'vsc-host', 'cs', 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules');
const available = existsSync(path.join(MODULES, 'vscode-textmate')) && existsSync(path.join(MODULES, 'vscode-oniguruma'));

interface Token {
  text: string;
  scopes: string[];
}

async function tokenizer(): Promise<(line: string) => Token[]> {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const tm = require(path.join(MODULES, 'vscode-textmate'));
  const onig = require(path.join(MODULES, 'vscode-oniguruma'));
  const wasm = readFileSync(path.join(MODULES, 'vscode-oniguruma', 'release', 'onig.wasm'));
  await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new tm.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p: string[]) => new onig.OnigScanner(p), createOnigString: (s: string) => new onig.OnigString(s) }),
    loadGrammar: async () => tm.parseRawGrammar(readFileSync(path.join(ROOT, 'syntaxes', 'nianbao.tmLanguage.json'), 'utf8'), 'nianbao.tmLanguage.json'),
  });
  const grammar = await registry.loadGrammar('text.nianbao');
  return (line: string) => {
    const r = grammar.tokenizeLine(line, tm.INITIAL);
    return r.tokens.map((t: { startIndex: number; endIndex: number; scopes: string[] }) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  };
}

function scopeOf(tokens: Token[], text: string): string {
  const t = tokens.find((x) => x.text === text);
  assert.ok(t, `a token "${text}" in ${JSON.stringify(tokens.map((x) => x.text))}`);
  return t.scopes[t.scopes.length - 1];
}

describe('TextMate grammar', { skip: available ? false : `vscode-textmate not found in ${MODULES} (run scripts/host/setup.sh or set NIANBAO_TEXTMATE_DIR)` }, () => {
  it('scopes headings, the title, table labels, numbers and citations', async () => {
    const tok = await tokenizer();
    assert.equal(scopeOf(tok('青禾县农业农村局2023年度政府信息公开工作年度报告'), '青禾县农业农村局2023年度政府信息公开工作年度报告'), 'markup.heading.title.nianbao');
    assert.equal(scopeOf(tok('二、主动公开政府信息情况'), '二、主动公开政府信息情况'), 'markup.heading.section.nianbao');
    assert.equal(scopeOf(tok('## 1、总体情况'), '1、总体情况'), 'markup.heading.section.nianbao');
    assert.equal(scopeOf(tok('主动公开政府信息情况'), '主动公开政府信息情况'), 'markup.heading.section.nianbao');
    assert.equal(scopeOf(tok('\t5.属于三类内部事务信息'), '5.属于三类内部事务信息'), 'entity.name.tag.row.nianbao');
    assert.equal(scopeOf(tok('\t一、本年新收政府信息公开申请数量'), '一、本年新收政府信息公开申请数量'), 'entity.name.tag.row.nianbao');
    assert.equal(scopeOf(tok('\t（七）总计'), '（七）总计'), 'entity.name.tag.group.nianbao');
    assert.equal(scopeOf(tok('\t52'), '52'), 'constant.numeric.nianbao');
    assert.equal(scopeOf(tok('\t３６'), '３６'), 'constant.numeric.nianbao');
    assert.equal(scopeOf(tok('| 行政许可 | 31 |'), '31'), 'constant.numeric.nianbao');
    const prose = tok('依据《中华人民共和国政府信息公开条例》第十六条第一款和国办公开办函〔2021〕30号，共收到申请52件。');
    assert.equal(scopeOf(prose, '《中华人民共和国政府信息公开条例》'), 'string.quoted.other.citation.nianbao');
    assert.equal(scopeOf(prose, '第十六条第一款'), 'constant.other.article.nianbao');
    assert.equal(scopeOf(prose, '〔2021〕30号'), 'constant.other.document-number.nianbao');
    assert.equal(scopeOf(prose, '52'), 'constant.numeric.nianbao');
    assert.equal(scopeOf(tok('第三十六条第（七）项'), '第三十六条第（七）项'), 'constant.other.article.nianbao');
  });

  it('does not take a sentence that mentions the annual report for the title', async () => {
    const tok = await tokenizer();
    const line = '根据《关于印发中华人民共和国政府信息公开工作年度报告格式的通知》要求，编制本报告。';
    assert.ok(tok(line).every((t) => !t.scopes.includes('markup.heading.title.nianbao')), JSON.stringify(tok(line)));
  });
});
