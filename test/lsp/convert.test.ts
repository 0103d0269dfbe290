// nianbao/convertLayout over stdio: the tables of an open report re-laid, one edit per table, the
// same diagnostics after the edit; a page is refused with a reason; a non-report answers null.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import * as path from 'node:path';
import type { Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { FIXTURES, LspClient, applyTextEdits, fileUri, lineOf } from './lspClient';
import { convertText } from '../../core/src/convert-layout';
import { documentOf, parse, type Report } from '../../core/src';
import { readHtml } from '../../core/src/readers/html';
import { readDocx } from '../../core/src/readers/docx';

const numbers = (r: Report) => r.tables.flatMap((t) => t.rows.flatMap((row) => row.cells.map((c) => `${t.id} ${row.key}|${c.column}=${c.value}`)));

const CELL_NAME = 'lsp-cell.nianbao.txt';
const CELL = readFileSync(path.join(FIXTURES, CELL_NAME), 'utf8');

type Result = { version: number; edits: TextEdit[]; converted: string[]; skipped: { tableName: string; reason: string }[]; message: string };

const summary = (ds: Diagnostic[]) => ds.map((d) => `${d.code}|${d.severity}|${d.message}`).sort();

describe('nianbao/convertLayout', () => {
  let client: LspClient;
  const uri = fileUri(CELL_NAME);

  before(async () => {
    client = await LspClient.start();
    await client.open(uri, 'nianbao', CELL);
  });
  after(async () => {
    await client?.stop();
  });

  it('re-lays every table as Markdown: the edits give what the core gives, and the same diagnostics', async () => {
    const before = summary(await client.diagnostics(uri));
    const r = await client.request<Result>('nianbao/convertLayout', { uri, to: 'markdown' });
    assert.equal(r.version, 1);
    assert.deepEqual(r.converted, ['表二', '表三', '表四']);
    assert.deepEqual(r.skipped, []);
    assert.equal(r.message, '已将表二、表三、表四转为Markdown 表格');
    assert.equal(r.edits.length, 3);
    const converted = applyTextEdits(CELL, r.edits);
    assert.equal(converted, convertText(CELL, { to: 'markdown' }).text);
    // A change notification applies its edits one after the other: the last table first.
    await client.change(uri, [...r.edits].reverse());
    assert.deepEqual(summary(await client.diagnostics(uri)), before);
  });

  it('only the table at the cursor, when a position is given', async () => {
    const other = fileUri('lsp-convert-one.nianbao.txt');
    await client.open(other, 'nianbao', CELL);
    const line = lineOf(CELL, '（一）予以公开');
    const r = await client.request<Result>('nianbao/convertLayout', { uri: other, to: 'rows', position: { line, character: 2 } });
    assert.deepEqual(r.converted, ['表三']);
    assert.equal(r.edits.length, 1);
    assert.match(applyTextEdits(CELL, r.edits), /^三、本年度办理结果\t（一）予以公开\t/m);
    await client.close(other);
  });

  it('a page is not converted (reason given); a document that is not a report answers null', async () => {
    const page = fileUri('page-2021.html');
    await client.open(page, 'html', readFileSync(path.join(FIXTURES, 'page-2021.html'), 'utf8'));
    const r = await client.request<Result>('nianbao/convertLayout', { uri: page, to: 'rows' });
    assert.deepEqual(r.edits, []);
    assert.match(r.message, /只能转换纯文本年报的表格.*html/);
    await client.close(page);
    const minutes = fileUri('lsp-convert-minutes.txt');
    await client.open(minutes, 'plaintext', '会议纪要\n\n一、总体情况\n本周完成了 3 项工作。\n');
    assert.equal(await client.request('nianbao/convertLayout', { uri: minutes, to: 'rows' }), null);
    await client.close(minutes);
  });

  it('nianbao/export gives the bytes of the web page and of the Word document, which read back to the same numbers', async () => {
    const page = fileUri('lsp-export.nianbao.txt');
    await client.open(page, 'nianbao', CELL);
    const html = await client.request<{ base64: string; warnings: string[] }>('nianbao/export', { uri: page, to: 'html' });
    assert.deepEqual(html.warnings, []);
    const text = Buffer.from(html.base64, 'base64').toString('utf8');
    assert.match(text, /^<!DOCTYPE html>/);
    assert.deepEqual(numbers(documentOf(readHtml(text)).report), numbers(parse(CELL)));
    const docx = await client.request<{ base64: string; warnings: string[] }>('nianbao/export', { uri: page, to: 'docx' });
    assert.deepEqual(numbers(documentOf(readDocx(Buffer.from(docx.base64, 'base64'))).report), numbers(parse(CELL)));
    assert.equal(await client.request('nianbao/export', { uri: page, to: 'pdf' }), null);
    await client.close(page);
  });
});
