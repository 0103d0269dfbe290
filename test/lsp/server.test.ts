// The language server as an editor sees it: the bundled dist/server.js in its own process,
// spoken to over stdio with JSON-RPC. Fixtures: test/fixtures/lsp-*.

import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';
import type { CompletionItem, Diagnostic, Range } from 'vscode-languageserver-protocol';
import {
  FIXTURES,
  LspClient,
  applyTextEdits,
  cellRange,
  fileUri,
  lineOf,
  mdCellRange,
  rangeOf,
} from './lspClient';

const CELL_NAME = 'lsp-cell.nianbao.txt';
const MD_NAME = 'lsp-markdown.md';
const CELL = readFileSync(path.join(FIXTURES, CELL_NAME), 'utf8');
const MD = readFileSync(path.join(FIXTURES, MD_NAME), 'utf8');

const ERROR = 1;
const WARNING = 2;
const INFORMATION = 3;

const RECEIVED = '一、本年新收政府信息公开申请数量';
const CARRIED_OUT = '四、结转下年度继续办理';
const GRANTED = '（一）予以公开';
const RESULT_TOTAL = '（七）总计';

function summary(diags: Diagnostic[]): string[] {
  return diags
    .map((d) => `${d.code} ${d.severity} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`)
    .sort();
}

function expect(code: string, severity: number, range: { start: { line: number; character: number }; end: { line: number; character: number } }): string {
  return `${code} ${severity} ${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

function headingRange(text: string, heading: string) {
  const line = text.split('\n').findIndex((l) => l.replace(/^#+ /, '').trim() === heading);
  assert.ok(line >= 0, heading);
  const start = text.split('\n')[line].indexOf(heading);
  return { start: { line, character: start }, end: { line, character: start + heading.length } };
}

/** The cell-layout fixture's problems: one wrong total (53 for 52), located; its failed balance rides along. */
function cellExpected(text: string): string[] {
  return [
    expect('row-total', ERROR, cellRange(text, RECEIVED, 6)),
    expect('fee-missing', INFORMATION, headingRange(text, '六、其他需要报告的事项')),
  ].sort();
}

/** The Markdown fixture with its totals recomputed (what recompute and fix-all must produce, heading aside). */
function mdRecomputed(text: string): string {
  return text
    .replace(`| ${GRANTED} | 6 | 1 | 0 | 0 | 0 | 0 | 8 |`, `| ${GRANTED} | 6 | 1 | 0 | 0 | 0 | 0 | 7 |`)
    .replace(`| ${RESULT_TOTAL} | 13 | 3 | 1 | 0 | 0 | 0 | 16 |`, `| ${RESULT_TOTAL} | 12 | 3 | 1 | 0 | 0 | 0 | 16 |`)
    .replace(`| ${CARRIED_OUT} | 1 | 2 | 0 | 0 | 0 | 0 | 1 |`, `| ${CARRIED_OUT} | 1 | 2 | 0 | 0 | 0 | 0 | 3 |`)
    .replace('| 1 | 1 | 0 | 0 | 3 | 0 |', '| 1 | 1 | 0 | 0 | 2 | 0 |');
}

describe('language server over stdio', () => {
  let client: LspClient;
  const cellUri = fileUri(CELL_NAME);
  const mdUri = fileUri(MD_NAME);

  before(async () => {
    assert.ok(existsSync(path.join(FIXTURES, '..', '..', 'dist', 'server.js')), 'run npm run build first');
    client = await LspClient.start();
    await client.open(cellUri, 'nianbao', CELL);
    await client.open(mdUri, 'markdown', MD);
  });
  after(async () => {
    await client?.stop();
  });

  it('announces incremental sync, pull diagnostics and the editor features', () => {
    const caps = client.capabilities!;
    const sync = caps.textDocumentSync as { change: number };
    assert.equal(sync.change, 2, 'incremental');
    assert.ok(caps.diagnosticProvider);
    assert.ok(caps.hoverProvider && caps.codeLensProvider && caps.inlayHintProvider && caps.foldingRangeProvider && caps.documentSymbolProvider);
    const kinds = (caps.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds;
    assert.deepEqual(kinds.sort(), ['quickfix', 'source.fixAll.nianbao']);
  });

  it('pulls diagnostics with the exact codes, ranges and severities (cell layout)', async () => {
    const diags = await client.diagnostics(cellUri);
    assert.deepEqual(summary(diags), cellExpected(CELL));
    for (const d of diags) {
      assert.equal(d.source, 'nianbao');
      const href = d.codeDescription?.href ?? '';
      assert.ok(href.startsWith('file:'), href);
      assert.ok(href.endsWith(`/docs/rules/${d.code}.md`), href);
      assert.ok(existsSync(fileURLToPath(href)), `rule page shipped: ${href}`);
    }
    const rowTotal = diags.find((d) => d.code === 'row-total')!;
    assert.equal(rowTotal.message, '“一、本年新收政府信息公开申请数量”·总计应为 52（现为 53）：改为 52 后本行合计与总计列勾稽关系全部平衡');
    // The failed sums behind it, as related information in the same document.
    assert.deepEqual(
      rowTotal.relatedInformation!.map((r) => [r.location.uri, r.location.range, r.message.slice(0, 12)]),
      [
        [cellUri, cellRange(CELL, RECEIVED, 6), '“一、本年新收政府信息公'],
        [cellUri, cellRange(CELL, CARRIED_OUT, 6), '勾稽关系不平衡（总计列）'],
      ],
    );
  });

  it('pulls diagnostics of a Markdown report (detected by its title, language unchanged)', async () => {
    const diags = await client.diagnostics(mdUri);
    const expected = [
      expect('section-heading', WARNING, headingRange(MD, '1、总体情况')),
      expect('row-total', ERROR, mdCellRange(MD, GRANTED, 7)),
      expect('column-total', ERROR, mdCellRange(MD, RESULT_TOTAL, 1)),
      expect('row-total', ERROR, mdCellRange(MD, RESULT_TOTAL, 7)),
      expect('column-total', ERROR, mdCellRange(MD, RESULT_TOTAL, 7)),
      expect('balance', ERROR, mdCellRange(MD, CARRIED_OUT, 1)),
      expect('balance', ERROR, mdCellRange(MD, CARRIED_OUT, 2)),
      expect('row-total', ERROR, mdCellRange(MD, CARRIED_OUT, 7)),
      expect('review-total', ERROR, rangeOf(MD, MD.indexOf('| 3 |', MD.indexOf('| 结果维持 |')) + 2, MD.indexOf('| 3 |', MD.indexOf('| 结果维持 |')) + 3)),
      // The workspace (test/fixtures/) also holds 白石镇's 2020 report (report-2019.txt) and no 2021 one.
      expect('series-gap', INFORMATION, rangeOf(MD, MD.indexOf('2022'), MD.indexOf('2022') + 4)),
    ].sort();
    assert.deepEqual(summary(diags), expected);
  });

  it('hovers a 不予公开 row label with its legal basis: 第十六条, the three internal affairs, discretionary', async () => {
    const line = lineOf(CELL, '5.属于三类内部事务信息');
    const hover = await client.hover(cellUri, { line, character: 4 });
    assert.ok(hover, 'a hover');
    const text = (hover.contents as { value: string }).value;
    for (const word of ['第十六条', '人事管理', '后勤管理', '内部工作流程']) assert.ok(text.includes(word), `${word} in ${text}`);
    assert.match(text, /可以不予公开/);
  });

  it('hovers a total cell with its sum term by term', async () => {
    const range = cellRange(CELL, RECEIVED, 6);
    const hover = await client.hover(cellUri, { line: range.start.line, character: range.start.character + 1 });
    const text = (hover!.contents as { value: string }).value;
    assert.ok(text.includes('总计应为 52 = 36 + 16 + 0 + 0 + 0 + 0'), text);
    assert.ok(text.includes('53'), text);
    assert.deepEqual(hover!.range, range);
  });

  it('hovers each piece of the split label （三）/不予/公开 with the category, and row 一 with the balance', async () => {
    const three = lineOf(CELL, '（三）');
    for (const line of [three, lineOf(CELL, '不予', three), lineOf(CELL, '公开', three)]) {
      const hover = await client.hover(cellUri, { line, character: 1 });
      assert.ok(hover, `a hover on line ${line}`);
      assert.match((hover.contents as { value: string }).value, /^\*\*（三）不予公开\*\*/);
    }
    const received = await client.hover(cellUri, { line: lineOf(CELL, RECEIVED), character: 2 });
    assert.match((received!.contents as { value: string }).value, /勾稽关系的第一项/);
  });

  it('hovers a section heading with what the section must contain', async () => {
    const line = lineOf(CELL, '三、收到和处理政府信息公开申请情况');
    const hover = await client.hover(cellUri, { line, character: 2 });
    const text = (hover!.contents as { value: string }).value;
    assert.match(text, /三、收到和处理政府信息公开申请情况/);
    assert.match(text, /勾稽关系/);
  });

  it('offers a preferred row-total quick fix whose edit, applied, removes the diagnostic', async () => {
    const uri = fileUri('lsp-cell-quickfix.nianbao.txt');
    await client.open(uri, 'nianbao', CELL);
    const diags = await client.diagnostics(uri);
    const rowTotal = diags.find((d) => d.code === 'row-total')!;
    const actions = await client.codeActions(uri, rowTotal.range, [rowTotal], ['quickfix']);
    const fix = actions.find((a) => a.diagnostics?.some((d) => d.code === 'row-total'));
    assert.ok(fix, 'a quick fix for row-total');
    assert.equal(fix.kind, 'quickfix');
    assert.equal(fix.isPreferred, true);
    assert.ok(!fix.command, 'an edit, not a command');
    const edits = fix.edit!.changes![uri];
    assert.deepEqual(edits, [{ range: rowTotal.range, newText: '52' }]);
    await client.change(uri, edits);
    const after = await client.diagnostics(uri);
    assert.deepEqual(summary(after), [expect('fee-missing', INFORMATION, headingRange(CELL, '六、其他需要报告的事项'))]);
    await client.close(uri);
  });

  it('offers the located cell’s fix as the preferred quick fix, and it clears every problem of the table', async () => {
    const diags = await client.diagnostics(cellUri);
    const located = diags.find((d) => d.code === 'row-total')!;
    const actions = await client.codeActions(cellUri, located.range, [located], ['quickfix']);
    const fixes = actions.filter((a) => a.edit);
    assert.deepEqual(fixes.map((a) => [a.title, a.isPreferred]), [['将“一、本年新收政府信息公开申请数量”·总计改为 52', true]]);
    assert.deepEqual(fixes[0].edit!.changes![cellUri], [{ range: located.range, newText: '52' }]);
    // Fix-all takes it too: the located cell is a total.
    const all = await client.codeActions(cellUri, located.range, [], ['source.fixAll.nianbao']);
    assert.equal(applyTextEdits(CELL, all[0].edit!.changes![cellUri]), CELL.replace(/\t53\n/, '\t52\n'));
  });

  it('fix-all (source.fixAll.nianbao) canonicalises headings and never guesses totals it could not locate', async () => {
    const actions = await client.codeActions(mdUri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll.nianbao']);
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, 'source.fixAll.nianbao');
    const fixed = applyTextEdits(MD, actions[0].edit!.changes![mdUri]);
    // The Markdown fixture has more wrong cells than can be located: its totals are left for 重新计算合计.
    assert.equal(fixed, MD.replace('## 1、总体情况', '## 一、总体情况'));
    // Asking for all source actions includes it too; asking for quick fixes does not.
    const source = await client.codeActions(mdUri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source']);
    assert.deepEqual(source.map((a) => a.kind), ['source.fixAll.nianbao']);
  });

  it('nianbao/recompute returns the edits, what changed and the balance problems that remain', async () => {
    type Result = {
      version: number;
      edits: { range: unknown; newText: string }[];
      changes: { table: string; cell: string; from: string; to: string }[];
      remaining: { code: string; message: string; range: { start: { line: number; character: number } } }[];
    };
    const r = await client.request<Result>('nianbao/recompute', { uri: mdUri });
    assert.equal(r.version, 1);
    const recomputed = applyTextEdits(MD, r.edits as never);
    assert.equal(recomputed, mdRecomputed(MD));
    assert.deepEqual(
      r.changes.map((c) => `${c.table} ${c.from}→${c.to}`).sort(),
      ['T3 8→7', 'T3 13→12', 'T3 1→3', 'T4 3→2'].sort(),
    );
    assert.ok(r.changes.every((c) => c.cell.length > 0));
    assert.deepEqual(r.remaining.map((p) => p.code), ['balance', 'balance']);
    assert.deepEqual(
      r.remaining.map((p) => p.range.start).sort((a, b) => a.character - b.character),
      [mdCellRange(recomputed, CARRIED_OUT, 2).start, mdCellRange(recomputed, CARRIED_OUT, 7).start],
    );
    assert.ok(r.remaining.some((p) => p.message.includes('商业企业')), JSON.stringify(r.remaining));
  });

  it('lists the six sections as symbols, with the three tables inside 二, 三, 四', async () => {
    const symbols = await client.symbols(cellUri);
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项'],
    );
    assert.deepEqual(
      symbols.map((s) => (s.children ?? []).map((c) => c.name.split(' ')[0])),
      [[], ['表二'], ['表三'], ['表四'], [], []],
    );
    for (const s of symbols) assert.equal(s.selectionRange.start.line, s.range.start.line);
    // A Markdown document has VS Code's own outline of its headings: none from nianbao beside it.
    assert.deepEqual(await client.symbols(mdUri), []);
    // The same text in the nianbao language (*.nianbao.md) gets nianbao's outline.
    const ownMd = fileUri('lsp-markdown-own.nianbao.md');
    await client.open(ownMd, 'nianbao', MD);
    const mdSymbols = await client.symbols(ownMd);
    assert.equal(mdSymbols.length, 6);
    assert.equal(mdSymbols[0].name, '1、总体情况');
    assert.equal(mdSymbols[0].detail, '一、总体情况');
    await client.close(ownMd);
  });

  it('folds each section and each table', async () => {
    const ranges = await client.folding(cellUri);
    const starts = ranges.map((r) => r.startLine);
    for (const h of ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况']) {
      assert.ok(starts.includes(lineOf(CELL, h)), `a fold at ${h}`);
    }
    const symbols = await client.symbols(cellUri);
    for (const t of symbols.flatMap((s) => s.children ?? [])) {
      assert.ok(ranges.some((r) => r.startLine === t.range.start.line && r.endLine === t.range.end.line), `a fold for ${t.name}`);
    }
    // Section 六 is one line of body text after its heading: the fold ends at the last line.
    const six = ranges.find((r) => r.startLine === lineOf(CELL, '六、其他需要报告的事项'));
    assert.ok(six && six.endLine === lineOf(CELL, '六、其他需要报告的事项') + 1);
    assert.ok(ranges.every((r) => r.endLine > r.startLine));
  });

  it('puts a CodeLens above each table with arithmetic, naming the table and what to do', async () => {
    const all = await client.lenses(cellUri);
    const lenses = all.filter((l) => l.command?.command !== 'nianbao.showTables');
    const symbols = await client.symbols(cellUri);
    const tables = symbols.flatMap((s) => s.children ?? []);
    // Every table, 表二 included, has the lens that opens the table view, on its first line.
    const views = all.filter((l) => l.command?.command === 'nianbao.showTables');
    assert.deepEqual(views.map((l) => [l.range.start.line, l.command!.arguments]), tables.map((t, i) => [t.range.start.line, [cellUri, ['T2', 'T3', 'T4'][i]]]));
    // 表二 has no arithmetic: no lens.
    assert.equal(lenses.length, 2);
    assert.deepEqual(lenses.map((l) => l.range.start.line), tables.slice(1).map((t) => t.range.start.line));
    const [t3, t4] = lenses;
    assert.equal(t3.command!.title, '表三 · 1 处合计不一致 · 点此重新计算合计');
    assert.equal(t3.command!.command, 'nianbao.recomputeTotals');
    assert.deepEqual(t3.command!.arguments, [cellUri]);
    assert.equal(t4.command!.title, '表四 · 总计均正确');
    const mdLenses = (await client.lenses(mdUri)).filter((l) => l.command?.command !== 'nianbao.showTables');
    assert.deepEqual(mdLenses.map((l) => l.command!.title), ['表三 · 6 处合计不一致 · 点此重新计算合计', '表四 · 1 处合计不一致 · 点此重新计算合计']);
  });

  it('CodeLens: a balanced 表三 says so; a cell that is not a number sends the writer to the problems', async () => {
    const uri = fileUri('lsp-cell-lens.nianbao.txt');
    const total = cellRange(CELL, RECEIVED, 6);
    await client.open(uri, 'nianbao', applyTextEdits(CELL, [{ range: total, newText: '52' }]));
    const arithmetic = async () => (await client.lenses(uri)).filter((l) => l.command?.command !== 'nianbao.showTables');
    assert.deepEqual((await arithmetic()).map((l) => l.command!.title), ['表三 · 合计正确，勾稽关系平衡', '表四 · 总计均正确']);
    const natural = cellRange(CELL, RECEIVED, 0);
    await client.change(uri, [{ range: natural, newText: '三十六' }]);
    const [t3] = await arithmetic();
    assert.equal(t3.command!.title, '表三 · 1 处不是数字或缺行，合计无法核对 · 点此查看问题');
    assert.equal(t3.command!.command, 'workbench.actions.view.problems');
    // The cell's quick fix writes 36 in Arabic digits, and the table balances again.
    const diags = await client.diagnostics(uri);
    const notNumber = diags.find((d) => d.code === 'cell-not-number')!;
    assert.deepEqual(notNumber.range, { start: natural.start, end: { line: natural.start.line, character: natural.start.character + 3 } });
    const actions = await client.codeActions(uri, notNumber.range, [notNumber], ['quickfix']);
    const fix = actions.find((a) => a.diagnostics?.some((d) => d.code === 'cell-not-number'));
    assert.equal(fix?.title, '将“三十六”改为阿拉伯数字 36');
    assert.equal(fix?.isPreferred, true);
    assert.deepEqual(fix?.edit?.changes?.[uri], [{ range: notNumber.range, newText: '36' }]);
    await client.change(uri, fix!.edit!.changes![uri]);
    assert.deepEqual((await client.diagnostics(uri)).map((d) => d.code), ['fee-missing']);
    await client.close(uri);
  });

  it('names the column of a bare number with an inlay hint (总计 on a total cell)', async () => {
    const lines = CELL.split('\n').length;
    const hints = await client.inlayHints(cellUri, { start: { line: 0, character: 0 }, end: { line: lines, character: 0 } });
    const total = cellRange(CELL, RECEIVED, 6);
    const hint = hints.find((h) => h.position.line === total.end.line && h.position.character === total.end.character);
    assert.ok(hint, 'a hint after 53');
    assert.equal(hint.label, '总计');
    const natural = cellRange(CELL, RECEIVED, 0);
    assert.equal(hints.find((h) => h.position.line === natural.end.line)?.label, '自然人');
    // 175 T3 numbers + 15 T4 + 10 T2
    assert.equal(hints.length, 175 + 15 + 10);
    // A visible range gets only its own hints.
    const some = await client.inlayHints(cellUri, { start: { line: total.start.line, character: 0 }, end: { line: total.start.line + 1, character: 0 } });
    assert.deepEqual(some.map((h) => h.label), ['总计']);
    // Markdown tables need no hints: every number is under its header.
    const md = await client.inlayHints(mdUri, { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } });
    assert.deepEqual(md, []);
  });

  it('parses each document version once: every feature reuses it', async () => {
    const uri = fileUri('lsp-cell-cache.nianbao.txt');
    await client.open(uri, 'nianbao', CELL);
    const before = (await client.request<{ parses: number }>('nianbao/stats', {})).parses;
    const whole = { start: { line: 0, character: 0 }, end: { line: 500, character: 0 } };
    const diags = await client.diagnostics(uri);
    await client.hover(uri, { line: lineOf(CELL, '5.属于三类内部事务信息'), character: 3 });
    await client.codeActions(uri, diags[0].range, diags, ['quickfix']);
    await client.codeActions(uri, whole, [], ['source.fixAll.nianbao']);
    await client.symbols(uri);
    await client.folding(uri);
    await client.lenses(uri);
    await client.inlayHints(uri, whole);
    await client.request('nianbao/reportInfo', { uri });
    await client.request('nianbao/recompute', { uri });
    await client.diagnostics(uri);
    assert.equal((await client.request<{ parses: number }>('nianbao/stats', {})).parses, before + 1);
    await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '' }]);
    await client.hover(uri, { line: 0, character: 0 });
    await client.diagnostics(uri);
    assert.equal((await client.request<{ parses: number }>('nianbao/stats', {})).parses, before + 2);
    await client.close(uri);
  });

  it('completes the missing section heading after 二、, with a variant that brings the empty 表二', async () => {
    const uri = fileUri('lsp-complete-heading.nianbao.txt');
    // Section 二 and its table removed; the writer types 二、 on the empty line where it belongs.
    const start = CELL.indexOf('二、主动公开政府信息情况');
    const end = CELL.indexOf('三、收到和处理政府信息公开申请情况');
    const text = `${CELL.slice(0, start)}二、\n\n${CELL.slice(end)}`;
    await client.open(uri, 'nianbao', text);
    const line = lineOf(text, '二、');
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line, character: 2 } });
    assert.deepEqual(items.map((i) => i.label), ['二、主动公开政府信息情况', '二、主动公开政府信息情况（含表二）']);
    const [heading, withTable] = items;
    assert.equal(heading.preselect, true);
    assert.deepEqual(heading.textEdit, { range: { start: { line, character: 0 }, end: { line, character: 2 } }, newText: '二、主动公开政府信息情况' });
    // Accepting the second item restores the section with an empty 表二 that parses as the format's table.
    const restored = applyTextEdits(text, [withTable.textEdit as { range: Range; newText: string }]);
    await client.change(uri, [withTable.textEdit as { range: Range; newText: string }]);
    const symbols = await client.symbols(uri);
    assert.deepEqual(symbols[1].children?.map((c) => c.name.split(' ')[0]), ['表二']);
    assert.ok(!(await client.diagnostics(uri)).some((d) => ['section-missing', 'table-missing', 'table-shape'].includes(String(d.code))), restored.slice(0, 10));
    // Prose lines get nothing.
    const prose = lineOf(restored, '六、其他需要报告的事项') + 1;
    const none = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: prose, character: 6 } });
    assert.deepEqual(none, []);
    await client.close(uri);
  });

  it('completes the next row label of a table, first among the rows still missing', async () => {
    const uri = fileUri('lsp-complete-row.nianbao.txt');
    // 表三 stops after （一）予以公开 (its 总计 line is the last): the writer is on the next line.
    const at = CELL.indexOf('（二）部分公开');
    const rest = CELL.indexOf('四、政府信息公开行政复议、行政诉讼情况');
    const text = `${CELL.slice(0, at)}\n\n${CELL.slice(rest)}`;
    await client.open(uri, 'nianbao', text);
    const line = lineOf(text, '（一）予以公开') + 8;
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line, character: 0 } });
    const first = items.find((i) => i.preselect);
    assert.equal(first?.label, '（二）部分公开（区分处理的，只计这一情形，不计其他情形）');
    assert.deepEqual(first?.textEdit, { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: first?.label });
    assert.match(first?.detail ?? '', /表三/);
    assert.ok(items.some((i) => i.label === '（七）总计'));
    assert.ok(!items.some((i) => i.label === '（一）予以公开'), 'rows already there are not offered');
    await client.close(uri);
  });

  it('completes a whole row with zeros in a Markdown table', async () => {
    const uri = fileUri('lsp-complete-md.nianbao.md');
    const rowStart = MD.indexOf('| （二）部分公开');
    const rowEnd = MD.indexOf('\n', rowStart);
    const text = MD.slice(0, rowStart) + MD.slice(rowEnd + 1);
    await client.open(uri, 'nianbao', text);
    const prev = lineOf(text, '| （一）予以公开 | 6 | 1 | 0 | 0 | 0 | 0 | 8 |');
    // A new empty line after （一）.
    const typed = await client.change(uri, [{ range: { start: { line: prev + 1, character: 0 }, end: { line: prev + 1, character: 0 } }, newText: '\n' }]);
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: prev + 1, character: 0 } });
    const first = items.find((i) => i.preselect)!;
    assert.equal(first.textEdit!.newText, '| （二）部分公开（区分处理的，只计这一情形，不计其他情形） | 0 | 0 | 0 | 0 | 0 | 0 | 0 |');
    const after = applyTextEdits(typed, [first.textEdit as { range: Range; newText: string }]);
    await client.change(uri, [first.textEdit as { range: Range; newText: string }]);
    assert.ok(after.includes('不计其他情形） | 0 |'));
    assert.ok(!(await client.diagnostics(uri)).some((d) => d.code === 'table-shape'));
    await client.close(uri);
  });

  it('nianbao/recompute on a document that is not a report answers null (the client says so)', async () => {
    const uri = fileUri('lsp-minutes.txt');
    await client.open(uri, 'plaintext', '会议纪要\n\n一、总体情况\n本周完成了 3 项工作。\n');
    assert.equal(await client.request('nianbao/recompute', { uri }), null);
    await client.close(uri);
  });

  it('nianbao/reportInfo gives year, format and counts for the status item', async () => {
    const info = await client.request<Record<string, unknown>>('nianbao/reportInfo', { uri: cellUri });
    assert.deepEqual(info, { isReport: true, year: 2023, agency: '青禾县农业农村局', format: '2021', layout: 'cells', errors: 1, warnings: 0, infos: 1 });
  });
});

describe('incremental edits', () => {
  let client: LspClient;
  const uri = fileUri('lsp-cell-edits.nianbao.txt');

  before(async () => {
    client = await LspClient.start();
    await client.open(uri, 'nianbao', CELL);
  });
  after(async () => {
    await client?.stop();
  });

  it('follows a digit typed into a cell and a deleted heading', async () => {
    assert.deepEqual(summary(await client.diagnostics(uri)), cellExpected(CELL));

    // Type "1" after the 20 of （一）予以公开·自然人: 201. With the wrong 53 already there, two cells
    // explain every failed sum: one error at each, the new one at the typed number.
    const cell = cellRange(CELL, GRANTED, 0);
    let text = await client.change(uri, [{ range: { start: cell.end, end: cell.end }, newText: '1' }]);
    assert.ok(text.includes('\t201\n'));
    let diags = await client.diagnostics(uri);
    const typed = diags.find((d) => d.code === 'row-total' && d.range.start.line === cell.start.line);
    assert.ok(typed, JSON.stringify(summary(diags)));
    assert.deepEqual(typed.range, cellRange(text, GRANTED, 0));
    assert.match(typed.message, /应为 20（现为 201）/);
    assert.equal(diags.filter((d) => d.severity === ERROR).length, 2, JSON.stringify(summary(diags)));

    // Delete it again: back to the original problems.
    text = await client.change(uri, [{ range: { start: cell.end, end: { line: cell.end.line, character: cell.end.character + 1 } }, newText: '' }]);
    assert.equal(text, CELL);
    assert.deepEqual(summary(await client.diagnostics(uri)), cellExpected(CELL));

    // Delete the heading 五 (the whole line): section-missing, pointing where 五 belongs (its paragraph is left).
    const five = lineOf(text, '五、存在的主要问题及改进情况');
    text = await client.change(uri, [{ range: { start: { line: five, character: 0 }, end: { line: five + 1, character: 0 } }, newText: '' }]);
    diags = await client.diagnostics(uri);
    const missing = diags.filter((d) => d.code === 'section-missing');
    assert.equal(missing.length, 1, JSON.stringify(summary(diags)));
    assert.equal(missing[0].severity, ERROR);
    assert.match(missing[0].message, /五/);
    assert.equal(missing[0].range.start.line, five);
    // The earlier problems keep their places (they are above the edit) and the quick fix inserts the heading.
    assert.ok(diags.some((d) => d.code === 'row-total'));
    const actions = await client.codeActions(uri, missing[0].range, [missing[0]], ['quickfix']);
    const insert = actions.find((a) => a.diagnostics?.[0].code === 'section-missing');
    assert.ok(insert, 'a quick fix inserting the heading');
    const restored = await client.change(uri, insert.edit!.changes![uri]);
    assert.ok(restored.includes('五、存在的主要问题及改进情况'));
    assert.ok(!(await client.diagnostics(uri)).some((d) => d.code === 'section-missing'));
  });

  it('a change with several ranges in one notification is applied in order', async () => {
    const a = cellRange(client.texts.get(uri)!, RECEIVED, 6);
    // Replace 53 by 5, then append 2 -> 52: the row total is right, the balance too.
    const text = await client.change(uri, [
      { range: { start: a.start, end: { line: a.end.line, character: a.end.character } }, newText: '5' },
      { range: { start: { line: a.start.line, character: a.start.character + 1 }, end: { line: a.start.line, character: a.start.character + 1 } }, newText: '2' },
    ]);
    assert.ok(text.includes(`${RECEIVED}\n\t36\n\t16\n\t0\n\t0\n\t0\n\t0\n\t52\n`));
    const diags = await client.diagnostics(uri);
    assert.ok(!diags.some((d) => d.code === 'row-total' || d.code === 'balance'), JSON.stringify(summary(diags)));
  });
});

describe('settings per document', () => {
  let client: LspClient;
  const uri = fileUri('lsp-cell-settings.nianbao.txt');
  const other = fileUri('lsp-cell-other.nianbao.txt');

  before(async () => {
    client = await LspClient.start(() => ({}));
    await client.open(uri, 'nianbao', CELL);
    await client.open(other, 'nianbao', CELL);
  });
  after(async () => {
    await client?.stop();
  });

  it('nianbao.rules: "row-total": "off" removes it, "fee-missing": "error" raises it; other documents keep theirs', async () => {
    assert.deepEqual(summary(await client.diagnostics(uri)), cellExpected(CELL));
    const asked = client.configurationRequests;
    // Cached per URI: pulling again does not ask again.
    await client.diagnostics(uri);
    assert.equal(client.configurationRequests, asked);

    await client.changeSettings((scope) => (scope === uri ? { rules: { 'row-total': 'off', 'fee-missing': 'error' } } : {}));
    const diags = await client.diagnostics(uri);
    assert.ok(!diags.some((d) => d.code === 'row-total'), JSON.stringify(summary(diags)));
    const fee = diags.find((d) => d.code === 'fee-missing');
    assert.equal(fee?.severity, ERROR);
    assert.ok(client.configurationRequests > asked, 'settings asked again after the change');
    assert.deepEqual(summary(await client.diagnostics(other)), cellExpected(CELL));

    // With every total rule off, fix-all has nothing to do.
    await client.changeSettings(() => ({ rules: { 'row-total': 'off', 'column-total': 'off', 'review-total': 'off', 'litigation-total': 'off' } }));
    const actions = await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll.nianbao']);
    assert.deepEqual(actions, []);

    await client.changeSettings(() => ({}));
    assert.deepEqual(summary(await client.diagnostics(uri)), cellExpected(CELL));
  });

  it('nianbao.enable false silences everything', async () => {
    await client.changeSettings(() => ({ enable: false }));
    assert.deepEqual(await client.diagnostics(uri), []);
    assert.equal(await client.hover(uri, { line: lineOf(CELL, '5.属于三类内部事务信息'), character: 3 }), null);
    assert.deepEqual(await client.lenses(uri), []);
    await client.changeSettings(() => ({}));
    assert.equal((await client.diagnostics(uri)).length, 2);
  });

  it('nianbao.inlayHints and nianbao.codeLens false turn those off', async () => {
    await client.changeSettings(() => ({ inlayHints: false, codeLens: false }));
    assert.deepEqual(await client.inlayHints(uri, { start: { line: 0, character: 0 }, end: { line: 500, character: 0 } }), []);
    assert.deepEqual(await client.lenses(uri), []);
    await client.changeSettings(() => ({}));
    assert.equal((await client.lenses(uri)).length, 2 + 3);
  });

  it('nianbao.run onSave: typing keeps the last result until the document is saved', async () => {
    await client.changeSettings(() => ({ run: 'onSave' }));
    const first = await client.pull(uri);
    assert.equal(first.kind, 'full');
    const before = first.kind === 'full' ? first.items : [];
    const resultId = first.resultId;
    const total = cellRange(client.texts.get(uri)!, RECEIVED, 6);
    await client.change(uri, [{ range: total, newText: '52' }]);
    const typed = await client.pull(uri, resultId);
    assert.equal(typed.kind, 'unchanged');
    await client.save(uri);
    const saved = await client.diagnostics(uri);
    assert.ok(saved.length < before.length, 'checked again after saving');
    assert.ok(!saved.some((d) => d.code === 'row-total'));
    await client.changeSettings(() => ({}));
  });
});

describe('detection of reports among plain text and Markdown', () => {
  let client: LspClient;
  let settings: Record<string, unknown> = {};

  before(async () => {
    client = await LspClient.start(() => settings);
  });
  after(async () => {
    await client?.stop();
  });

  it('checks a plaintext document whose title names 政府信息公开 and 年度报告, and no other', async () => {
    const report = fileUri('lsp-detect-report.txt');
    const notes = fileUri('lsp-detect-notes.txt');
    await client.open(report, 'plaintext', CELL);
    await client.open(notes, 'plaintext', '会议纪要\n\n一、总体情况\n本周完成了 3 项工作。\n');
    assert.deepEqual(summary(await client.diagnostics(report)), cellExpected(CELL));
    assert.deepEqual(await client.diagnostics(notes), []);
    assert.equal(await client.hover(notes, { line: 2, character: 1 }), null);
    assert.deepEqual(await client.symbols(notes), []);
  });

  it('nianbao.detect false: plaintext and Markdown are left alone, the nianbao language is still checked', async () => {
    const report = fileUri('lsp-detect-off.txt');
    const own = fileUri('lsp-detect-own.nianbao.txt');
    await client.open(report, 'plaintext', CELL);
    await client.open(own, 'nianbao', CELL);
    settings = { detect: false };
    await client.changeSettings(() => settings);
    assert.deepEqual(await client.diagnostics(report), []);
    assert.equal((await client.diagnostics(own)).length, 2);
    settings = {};
    await client.changeSettings(() => settings);
    assert.equal((await client.diagnostics(report)).length, 2);
  });

  it('nianbao/checkText checks a file that is not open (for the workspace check)', async () => {
    const r = await client.request<{ isReport: boolean; diagnostics: Diagnostic[] }>('nianbao/checkText', {
      uri: fileUri('lsp-not-open.txt'),
      text: `\ufeff${CELL.replace(/\n/g, '\r\n')}`,
    });
    assert.equal(r.isReport, true);
    assert.deepEqual(summary(r.diagnostics), cellExpected(CELL));
    const none = await client.request<{ isReport: boolean }>('nianbao/checkText', { uri: fileUri('x.txt'), text: 'hello' });
    assert.equal(none.isReport, false);
  });
});
