// Heavy readers off the editor's path (README.md "Limits"): a page the HTML parser takes seconds over
// (within every limit: 500 open <div>, then 100,000 unclosed <p>) is read in the server's worker
// thread; a report opened after it gets its diagnostics first, while the page is still being read,
// and closing the page stops its read.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import * as path from 'node:path';
import { FIXTURES, LspClient, fileUri } from './lspClient';

const CLEAN = readFileSync(path.join(FIXTURES, 'lsp-cell.nianbao.txt'), 'utf8');
const SLOW = `<h1>青禾市某局2024年度政府信息公开工作年度报告</h1>${'<div>'.repeat(500)}${'<p>一、总体情况'.repeat(100_000)}`;

describe('language server: pages read in a worker thread', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
  });
  after(async () => {
    await client?.stop();
  });

  it('a report opened beside a slow page gets its diagnostics while the page is being read', async () => {
    const slow = fileUri('lsp-slow.html');
    const report = fileUri('lsp-worker-clean.nianbao.txt');
    await client.open(slow, 'html', SLOW);
    const order: string[] = [];
    const slowDiags = client.diagnostics(slow).then((d) => {
      order.push('page');
      return d;
    });
    await client.open(report, 'nianbao', CLEAN);
    const t0 = Date.now();
    const diags = await client.diagnostics(report);
    const reportMs = Date.now() - t0;
    order.push('report');
    assert.ok(diags.every((d) => d.code !== 'limit'));
    const page = await slowDiags;
    assert.deepEqual(order, ['report', 'page'], `the report waited for the page (${reportMs} ms)`);
    assert.ok(page.length > 0);
    await client.close(report);
    await client.close(slow);
  });

  it('closing a page being read stops its read; the server answers at once', async () => {
    const slow = fileUri('lsp-slow-closed.html');
    await client.open(slow, 'html', SLOW);
    const pending = client.diagnostics(slow).catch(() => []);
    await client.close(slow);
    await pending;
    const report = fileUri('lsp-worker-after.nianbao.txt');
    await client.open(report, 'nianbao', CLEAN);
    assert.ok(Array.isArray(await client.diagnostics(report)));
    await client.close(report);
  });
});
