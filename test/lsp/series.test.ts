// The cross-year rules in the language server (README.md "Across years"): the server indexes the
// workspace's reports in the background (the test workspace is test/fixtures/, which holds the own
// series test/fixtures/series/songling-2020…2022), and a report's diagnostics compare it with last
// year's: carry-over on this year's cell with relatedInformation on last year's, the quick fix taking
// last year's values, and the index kept current when last year's report changes in the editor.

import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { FIXTURES, LspClient, applyTextEdits, fileUri } from './lspClient';
import type { SeriesPageResult } from '../../server/src/protocol';

const Y2021 = 'series/songling-2021.txt';
const Y2022 = 'series/songling-2022.txt';
const text2021 = readFileSync(path.join(FIXTURES, Y2021), 'utf8');
const text2022 = readFileSync(path.join(FIXTURES, Y2022), 'utf8');
const at = (d: { range: { start: { line: number; character: number } } }) => `${d.range.start.line + 1}:${d.range.start.character + 1}`;
const cross = (ds: Diagnostic[]) => ds.filter((d) => ['carry-over', 'stock-continuity', 'series-gap'].includes(String(d.code)));

describe('language server: reports across years', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
  });
  after(async () => {
    await client.stop();
  });

  it('finds the carry-over mismatch on this year\'s cell, related to last year\'s cell in the other file', async () => {
    const uri = fileUri(Y2022);
    await client.open(uri, 'plaintext', text2022);
    const ds = cross(await client.diagnostics(uri));
    assert.deepEqual(ds.map((d) => `${d.code} ${d.severity} ${at(d)}`), ['stock-continuity 2 14:13', 'carry-over 1 31:18', 'carry-over 1 31:30']);
    const natural = ds[1];
    assert.match(natural.message, /与上年（2021 年度）报告 songling-2021\.txt 中“四、结转下年度继续办理”·自然人的 4 不一致/);
    assert.deepEqual(natural.relatedInformation!.map((r) => [r.location.uri, at(r.location), r.message]), [[fileUri(Y2021), '54:13', '上年（2021 年度）“四、结转下年度继续办理”·自然人：4']]);
    assert.equal(natural.codeDescription?.href.endsWith('docs/rules/carry-over.md'), true);
  });

  it('the quick fix takes last year\'s values and clears it', async () => {
    const uri = fileUri(Y2022);
    const ds = cross(await client.diagnostics(uri));
    const natural = ds.find((d) => d.code === 'carry-over')!;
    const actions = await client.codeActions(uri, natural.range, [natural]);
    const fix = actions.find((a) => a.isPreferred && a.edit)!;
    assert.match(fix.title, /按上年报告（songling-2021\.txt）改写“二、上年结转”的 2 个数字/);
    const edits = fix.edit!.changes![uri];
    const fixed = applyTextEdits(text2022, edits);
    await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: text2022.split('\n').length, character: 0 } }, newText: fixed }]);
    const after = await client.diagnostics(uri);
    assert.deepEqual(after.map((d) => d.code), ['stock-continuity'], 'carry-over and the balance it broke are gone');
    await client.close(uri);
  });

  it('nianbao/seriesPage: the reports named, checked as their diagnostics, with figures and series (年报汇总页)', async () => {
    const names = ['series/songling-2020.txt', Y2021, Y2022, 'series-page/baishi-2021.txt', 'series-page/baishi-2023.txt', 'clean-2021.txt'];
    const uris = names.map(fileUri);
    const r = await client.request<SeriesPageResult>('nianbao/seriesPage', { uris: [...uris, fileUri('no-such-file.txt')] });
    assert.deepEqual(r.reports.map((x) => x.id), uris, 'every report named and readable, in order; a missing file left out');
    const byId = new Map(r.reports.map((x) => [x.id, x]));
    const y22 = byId.get(fileUri(Y2022))!;
    assert.deepEqual(y22.problems.map((p) => `${p.code} ${p.severity} ${p.line}:${p.column}`), ['stock-continuity warning 14:13', 'carry-over error 31:18', 'carry-over error 31:30', 'balance error 54:13', 'balance error 54:25']);
    assert.deepEqual(y22.figures, { received: 32, granted: 20, carriedOver: 4 });
    assert.equal(y22.agency, '青禾市松岭县林业局');
    assert.equal(y22.href, null);
    assert.deepEqual(byId.get(fileUri('series-page/baishi-2023.txt'))!.problems.map((p) => p.code), ['series-gap', 'row-total', 'row-total']);
    const members = (agency: string) => r.series.find((s) => s.agency === agency)?.ids.map((id) => path.basename(id));
    assert.deepEqual(members('青禾市松岭县林业局'), ['songling-2020.txt', 'songling-2021.txt', 'songling-2022.txt']);
    assert.deepEqual(members('青禾市白石镇人民政府'), ['baishi-2021.txt', 'baishi-2023.txt']);
    assert.equal(r.series.length, 3);
    assert.ok(r.series.some((s) => s.ids.includes(fileUri('clean-2021.txt'))));
    assert.match(r.ruleNames!['carry-over'], /上年/);
  });

  it('nianbao/seriesPage: reports the index does not hold (outside the workspace, or just written) form their series among themselves', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-series-page-'));
    try {
      for (const y of ['2021', '2022']) writeFileSync(path.join(dir, `songling-${y}.txt`), readFileSync(path.join(FIXTURES, 'series', `songling-${y}.txt`)));
      const uris = ['2021', '2022'].map((y) => pathToFileURL(path.join(dir, `songling-${y}.txt`)).href);
      const r = await client.request<SeriesPageResult>('nianbao/seriesPage', { uris });
      assert.deepEqual(r.reports[1].problems.map((p) => `${p.code} ${p.line}:${p.column}`), ['stock-continuity 14:13', 'carry-over 31:18', 'carry-over 31:30', 'balance 54:13', 'balance 54:25']);
      assert.deepEqual(r.series.map((s) => s.ids), [uris]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps the index current: last year\'s report edited in the editor changes this year\'s findings', async () => {
    const u21 = fileUri(Y2021);
    const u22 = fileUri(Y2022);
    await client.open(u22, 'plaintext', text2022);
    await client.open(u21, 'plaintext', text2021);
    // 2021 now carries 3 自然人 applications over (its own balance breaks, which is 2021's problem).
    const line = text2021.split('\n').findIndex((l) => l.startsWith('四、结转下年度继续办理'));
    await client.change(u21, [{ range: { start: { line, character: 12 }, end: { line, character: 13 } }, newText: '3' }]);
    await client.diagnostics(u21);
    const ds = cross(await client.diagnostics(u22));
    assert.deepEqual(ds.map((d) => `${d.code} ${at(d)}`), ['stock-continuity 14:13', 'carry-over 31:30']);
    await client.close(u21);
    const back = cross(await client.diagnostics(u22));
    assert.deepEqual(back.map((d) => `${d.code} ${at(d)}`), ['stock-continuity 14:13', 'carry-over 31:18', 'carry-over 31:30'], 'closed: the file on disk stands again');
    await client.close(u22);
  });
});

describe('language server: roll-up (the config file says a report sums up others)', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
  });
  after(async () => {
    await client.stop();
  });

  it('finds the one cell off on the district\'s cell, with related information on each department\'s cell; corrected, it is gone', async () => {
    const name = 'roll-up/district-2023.txt';
    const uri = fileUri(name);
    const text = readFileSync(path.join(FIXTURES, name), 'utf8');
    await client.open(uri, 'plaintext', text);
    const ds = (await client.diagnostics(uri)).filter((d) => d.code === 'roll-up');
    assert.deepEqual(ds.map((d) => `${d.code} ${d.severity} ${at(d)}`), ['roll-up 2 30:18']);
    assert.equal(ds[0].message, '表三“一、本年新收政府信息公开申请数量”·自然人：汇总值 31，各报告合计 30（jiaoyu-2023.txt 12 + caizheng-2023.txt 8 + weijian-2023.txt 10），差 +1');
    assert.deepEqual(
      ds[0].relatedInformation!.map((r) => `${r.location.uri} ${at(r.location)}`),
      ['jiaoyu-2023.txt', 'caizheng-2023.txt', 'weijian-2023.txt'].map((n) => `${fileUri(`roll-up/${n}`)} 30:18`),
    );
    assert.equal(ds[0].codeDescription?.href.endsWith('docs/rules/roll-up.md'), true);
    await client.change(uri, [{ range: ds[0].range, newText: '30' }]);
    assert.deepEqual((await client.diagnostics(uri)).map((d) => d.code), []);
    await client.close(uri);
  });
});
