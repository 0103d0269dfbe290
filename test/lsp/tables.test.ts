// nianbao/tables, what the table view draws (docs/table-view.md): the three grids from the format,
// filled from the same parse as the diagnostics, each cell with its exact range in the document, its
// problems and the value a located wrong cell should hold; it follows edits; in an HTML page the
// ranges are the digits in the markup.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import * as path from 'node:path';
import type { Range } from 'vscode-languageserver-protocol';
import { FIXTURES, LspClient, cellRange, fileUri } from './lspClient';
import type { TablesResult } from '../../server/src/protocol';

const CELL = readFileSync(path.join(FIXTURES, 'lsp-cell.nianbao.txt'), 'utf8');
const PAGE = readFileSync(path.join(FIXTURES, 'page-2021.html'), 'utf8');
const RECEIVED = '一、本年新收政府信息公开申请数量';

function textAt(text: string, r: Range): string {
  const lines = text.split('\n');
  assert.equal(r.start.line, r.end.line);
  return lines[r.start.line].slice(r.start.character, r.end.character);
}

describe('nianbao/tables (the table view)', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
  });
  after(async () => {
    await client?.stop();
  });

  it('gives 表二, 表三 and 表四 as printed, with the located wrong total, its range and its corrected value', async () => {
    const uri = fileUri('tables-cell.nianbao.txt');
    await client.open(uri, 'nianbao', CELL);
    const r = await client.request<TablesResult>('nianbao/tables', { uri });
    assert.equal(r.isReport, true);
    assert.equal(r.version, 1);
    assert.deepEqual(r.tables.map((t) => [t.id, t.shortName, t.found, t.width, t.rows.length]), [
      ['T2', '表二', true, 4, 14],
      ['T3', '表三', true, 10, 28],
      ['T4', '表四', true, 15, 4],
    ]);
    const t3 = r.tables[1];
    assert.deepEqual(t3.rows[1].cells.map((c) => [c.text, c.rowspan, c.colspan]), [['自然人', 2, 1], ['法人或其他组织', 1, 5], ['总计', 2, 1]]);
    const wrong = Object.entries(t3.cells).filter(([, c]) => c.problems.length);
    assert.deepEqual(wrong.map(([k]) => k), ['received|total']);
    const cell = wrong[0][1];
    assert.deepEqual(cell.range, cellRange(CELL, RECEIVED, 6));
    assert.deepEqual([cell.value, cell.raw, cell.expected, cell.total, cell.editable, cell.kind], [53, '53', 52, true, true, 'int']);
    assert.deepEqual(cell.problems.map((p) => [p.code, p.severity]), [['row-total', 'error']]);
    assert.match(cell.problems[0].message, /应为 52（现为 53）/);
    // Every cell's range holds its number.
    for (const t of r.tables) for (const c of Object.values(t.cells)) assert.equal(textAt(CELL, c.range!), c.raw);
    // 表二's fee column takes decimals.
    assert.equal(r.tables[0].cells['charges|fees'].kind, 'decimal');

    // Typing the right value: the problem is gone in the next version.
    const text = await client.change(uri, [{ range: cell.range!, newText: '52' }]);
    const r2 = await client.request<TablesResult>('nianbao/tables', { uri });
    assert.equal(r2.version, 2);
    const fixed = r2.tables[1].cells['received|total'];
    assert.deepEqual([fixed.value, fixed.expected, fixed.problems], [52, null, []]);
    assert.equal(textAt(text, fixed.range!), '52');
    await client.close(uri);
  });

  it('in an HTML page each range is the digits inside the markup, and they can be edited', async () => {
    const uri = fileUri('tables-page.html');
    await client.open(uri, 'html', PAGE);
    const r = await client.request<TablesResult>('nianbao/tables', { uri });
    assert.equal(r.isReport, true);
    const cells = r.tables.flatMap((t) => Object.values(t.cells));
    const placed = cells.filter((c) => c.range);
    assert.ok(placed.length > 150, `${placed.length} cells placed`);
    for (const c of placed) {
      assert.equal(textAt(PAGE, c.range!), c.raw);
      assert.equal(c.editable, /^[0-9.]+$/.test(c.raw!));
    }
    await client.close(uri);
  });

  it('a document that is not a report: no tables', async () => {
    const uri = fileUri('tables-minutes.txt');
    await client.open(uri, 'plaintext', '会议纪要\n本周完成了 3 项工作。\n');
    assert.deepEqual(await client.request<TablesResult>('nianbao/tables', { uri }), { version: 1, isReport: false, tables: [] });
    await client.close(uri);
    // A document the server does not have: null.
    assert.equal(await client.request('nianbao/tables', { uri: fileUri('nowhere.txt') }), null);
  });
});

