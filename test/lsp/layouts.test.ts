// The language server on published layouts: an HTML page with a report title (read through the
// lazily loaded dist/html.js) and crawler text, over stdio like an editor.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import * as path from 'node:path';
import { FIXTURES, LspClient, fileUri } from './lspClient';

const PAGE = readFileSync(path.join(FIXTURES, 'page-2021.html'), 'utf8');
const CRAWLER = readFileSync(path.join(FIXTURES, 'crawler-2021.txt'), 'utf8');

/** 0-based line and character of an offset. */
function pos(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

describe('language server: published layouts', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
  });
  after(async () => {
    await client?.stop();
  });

  it('an HTML page: the wrong total is marked on its digits in the page, and its quick fix rewrites only them', async () => {
    const at = PAGE.indexOf('>53<') + 1;
    const wrong = PAGE.slice(0, at) + '54' + PAGE.slice(at + 2);
    const uri = fileUri('lsp-page.html');
    await client.open(uri, 'html', wrong);
    const diags = await client.diagnostics(uri);
    const rowTotal = diags.find((d) => d.code === 'row-total');
    assert.ok(rowTotal, JSON.stringify(diags.map((d) => d.code)));
    assert.deepEqual(rowTotal.range, { start: pos(wrong, at), end: pos(wrong, at + 2) });
    assert.equal(diags.filter((d) => d.code === 'cell-reading').length, 3);
    const actions = await client.codeActions(uri, rowTotal.range, [rowTotal], ['quickfix']);
    const edits = actions.flatMap((a) => a.edit?.changes?.[uri] ?? []);
    assert.deepEqual(edits, [{ range: rowTotal.range, newText: '53' }]);
    const info = await client.request<Record<string, unknown>>('nianbao/reportInfo', { uri });
    assert.equal(info?.layout, 'html');
    await client.close(uri);
  });

  it('an HTML page without a report title is left alone', async () => {
    const uri = fileUri('lsp-other.html');
    await client.open(uri, 'html', '<html><body><p>一、总体情况</p><table><tr><td>1</td></tr></table></body></html>');
    assert.deepEqual(await client.diagnostics(uri), []);
    await client.close(uri);
  });

  it('crawler text: run-together rows are read and said so, on the digits', async () => {
    const uri = fileUri('lsp-crawler.txt');
    await client.open(uri, 'plaintext', CRAWLER);
    const diags = await client.diagnostics(uri);
    assert.deepEqual(diags.map((d) => d.code), ['cell-reading', 'cell-reading', 'cell-reading', 'cell-reading']);
    const first = CRAWLER.indexOf('419012053');
    assert.deepEqual(diags[0].range, { start: pos(CRAWLER, first), end: pos(CRAWLER, first + 9) });
    await client.close(uri);
  });
});
