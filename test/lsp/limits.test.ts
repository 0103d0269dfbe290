// The readers' limits in the language server (README.md "Limits"): a document past one gets one
// error naming the limit, nothing else, and the server goes on answering for the other documents.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import * as path from 'node:path';
import { FIXTURES, LspClient, fileUri } from './lspClient';

const TITLE = '<h1>青禾市柳溪区某局2024年度政府信息公开工作年度报告</h1>';
const CLEAN = readFileSync(path.join(FIXTURES, 'lsp-cell.nianbao.txt'), 'utf8');

describe('language server: reader limits', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
  });
  after(async () => {
    await client?.stop();
  });

  async function refused(name: string, text: string, limit: string, what: RegExp): Promise<void> {
    const uri = fileUri(name);
    await client.open(uri, 'html', text);
    const diags = await client.diagnostics(uri);
    assert.equal(diags.length, 1, JSON.stringify(diags));
    assert.equal(diags[0].code, 'limit');
    assert.equal(diags[0].severity, 1);
    assert.match(diags[0].message, new RegExp(`^超出限制 ${limit.replace('.', '\\.')}：`));
    assert.match(diags[0].message, what);
    // Other features answer, with nothing.
    assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri } }), []);
    await client.close(uri);
  }

  it('html.maxDepth: a 100,000-deep page gets one error; a report opened beside it is checked as usual', async () => {
    await refused('lsp-deep.html', `<html><body>${TITLE}${'<div>'.repeat(100_000)}一、总体情况`, 'html.maxDepth', /嵌套超过 512 层/);
    const uri = fileUri('lsp-limits-clean.nianbao.txt');
    await client.open(uri, 'nianbao', CLEAN);
    const diags = await client.diagnostics(uri);
    assert.ok(diags.every((d) => d.code !== 'limit'));
    await client.close(uri);
  });

  it('html.maxCells: a page with more than 200,000 cells gets one error', async () => {
    await refused('lsp-cells.html', `${TITLE}<table><tr>${'<td>1'.repeat(200_001)}</table>`, 'html.maxCells', /单元格超过 200000 个/);
  });

  it('html.maxElements: a page of more than 400,000 elements gets one error', async () => {
    await refused('lsp-elements.html', `${TITLE}${'<br>'.repeat(400_001)}`, 'html.maxElements', /元素超过 400000 个/);
  });

  it('text.maxBytes: a report text past 20 MB gets one error (counted in UTF-8 bytes)', async () => {
    const uri = fileUri('lsp-huge.nianbao.txt');
    const text = '青禾市柳溪区某局2024年度政府信息公开工作年度报告\n' + '中'.repeat(7 * 1024 * 1024);
    await client.open(uri, 'nianbao', text);
    const diags = await client.diagnostics(uri);
    assert.equal(diags.length, 1);
    assert.match(diags[0].message, /^超出限制 text\.maxBytes：文本文件大小 21 MB，超过上限 20 MB/);
    await client.close(uri);
  });
});
