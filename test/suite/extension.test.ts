// The extension in a real VS Code: activation, diagnostics, hover, quick fix, commands, fix-all on save,
// settings. Waits on events (onDidChangeDiagnostics) with timeouts; never sleeps.
// Fixtures come from test/suite/fixtures and are copied into the workspace folder under fresh names,
// so the suite works whichever folder the launcher opened and never edits the repository.

import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import * as iconv from 'iconv-lite';
import { codeOf as code, ours, waitForDiagnostics as waitFor } from './diagnostics';

const EXTENSION_ID = 'nianbao.nianbao';
/** Longest wait for the server's diagnostics to reflect a change. */
const DIAGNOSTICS_TIMEOUT_MS = 20_000;
const FIXTURES = path.resolve(__dirname, '..', '..', '..', 'test', 'suite', 'fixtures');
const REPO = path.resolve(__dirname, '..', '..', '..');

const RECEIVED = '一、本年新收政府信息公开申请数量';
const CARRIED_OUT = '四、结转下年度继续办理';

let run = 0;

function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

function folder(): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'the suite needs a workspace folder');
  return f.uri;
}

/** Writes a fixture into the workspace folder under a fresh name and returns its URI. */
async function place(name: string, as?: string, content = fixture(name)): Promise<vscode.Uri> {
  const target = vscode.Uri.joinPath(folder(), 'suite-' + String(++run) + '-' + (as ?? name));
  await vscode.workspace.fs.writeFile(target, Buffer.from(content, 'utf8'));
  return target;
}

async function open(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc);
}

/** Resolves with the nianbao diagnostics of uri as soon as they satisfy the predicate. */
function waitForDiagnostics(uri: vscode.Uri, ok: (d: vscode.Diagnostic[]) => boolean, what: string): Promise<vscode.Diagnostic[]> {
  return waitFor(uri, ok, what, DIAGNOSTICS_TIMEOUT_MS);
}

function summary(diags: vscode.Diagnostic[]): string[] {
  return diags.map((d) => `${code(d)} ${d.severity} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`).sort();
}

/** One-cell-per-line layout: the range of the index-th number after a row label. */
function cellRange(doc: vscode.TextDocument, label: string, index: number): vscode.Range {
  let line = 0;
  while (doc.lineAt(line).text.trim() !== label) line++;
  let seen = -1;
  while (seen < index) {
    line++;
    if (doc.lineAt(line).text.trim() !== '') seen++;
  }
  const text = doc.lineAt(line).text;
  const m = /[0-9]+/.exec(text)!;
  return new vscode.Range(line, m.index, line, m.index + m[0].length);
}

function lineOf(doc: vscode.TextDocument, text: string): number {
  for (let i = 0; i < doc.lineCount; i++) if (doc.lineAt(i).text.replace(/^#+ /, '').trim() === text) return i;
  throw new Error(`no line ${text}`);
}

function expected(doc: vscode.TextDocument): string[] {
  const six = lineOf(doc, '六、其他需要报告的事项');
  const r = (c: string, sev: vscode.DiagnosticSeverity, range: vscode.Range) =>
    `${c} ${sev} ${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
  return [
    r('row-total', vscode.DiagnosticSeverity.Error, cellRange(doc, RECEIVED, 6)),
    r('fee-missing', vscode.DiagnosticSeverity.Information, new vscode.Range(six, 0, six, '六、其他需要报告的事项'.length)),
  ].sort();
}

/** Reverts what a test left unsaved (a dirty editor would ask "Save?" on close), then closes everything. */
async function closeAll(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments) {
    if (!doc.isDirty) continue;
    // Only the tests' own documents (the workspace's files and untitled ones): the host's settings.json
    // may be dirty for a moment while a setting is written, and is not ours to revert.
    const ours = doc.uri.scheme === 'untitled' || doc.uri.toString().startsWith(folder().toString());
    if (!ours) continue;
    try {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    } catch {
      // Another editor opened in the meantime: closeAllEditors below still closes it.
    }
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

suite('nianbao in the extension host', () => {
  teardown(closeAll);
  suiteTeardown(async () => {
    await closeAll();
    for (const [name] of await vscode.workspace.fs.readDirectory(folder())) {
      if (name.startsWith('suite-')) await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder(), name));
    }
  });

  test('activates on a report and registers its commands', async () => {
    const uri = await place('report.nianbao.txt');
    const editor = await open(uri);
    assert.equal(editor.document.languageId, 'nianbao');
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, EXTENSION_ID);
    await ext.activate();
    assert.ok(ext.isActive);
    const commands = await vscode.commands.getCommands(true);
    for (const c of ['nianbao.recomputeTotals', 'nianbao.fixAll', 'nianbao.newReport', 'nianbao.checkWorkspace', 'nianbao.convertLayout', 'nianbao.exportDocx', 'nianbao.exportHtml', 'nianbao.importDocx', 'nianbao.showTables', 'nianbao.showSeriesReport']) {
      assert.ok(commands.includes(c), c);
    }
  });

  test('nianbao.showTables opens the table view of the report beside it, with its three tables', async () => {
    const uri = await place('report.nianbao.txt');
    await open(uri);
    const outcome = await vscode.commands.executeCommand<{ uri: string; tables: number }>('nianbao.showTables', uri, 'T3');
    assert.deepEqual(outcome, { uri: uri.toString(), tables: 3 });
    // The workbench reports the new tab to the extension host a moment later: wait for it (bounded).
    const viewTab = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('nianbao.tables'));
    for (const end = Date.now() + 10_000; !viewTab() && Date.now() < end; ) await new Promise((r) => setTimeout(r, 100));
    const view = viewTab();
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    assert.ok(view, `a table view tab among ${tabs.map((t) => t.label).join(', ')}`);
    await vscode.window.tabGroups.close(view);
  });

  test('diagnostics arrive with the rule codes, ranges, severities and doc links', async () => {
    const uri = await place('report.nianbao.txt');
    const { document } = await open(uri);
    const diags = await waitForDiagnostics(uri, (d) => d.length === 2, 'two diagnostics');
    assert.deepEqual(summary(diags), expected(document));
    for (const d of diags) {
      // The server links to the page in the extension folder; the client shows it read-only and rendered.
      assert.ok(typeof d.code === 'object' && d.code.target.scheme === 'nianbao-rule', 'a nianbao-rule: link to the rule page');
      assert.equal(d.code.target.path, `/${code(d)}.md`);
    }
    const rowTotal = diags.find((d) => code(d) === 'row-total')!;
    assert.match(rowTotal.message, /52/);
  });

  test('hover on a 不予公开 category gives its legal basis', async () => {
    const uri = await place('report.nianbao.txt');
    const { document } = await open(uri);
    await waitForDiagnostics(uri, (d) => d.length > 0, 'diagnostics');
    const line = lineOf(document, '5.属于三类内部事务信息');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(line, 4));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    for (const w of ['第十六条', '人事管理', '后勤管理', '内部工作流程', '可以不予公开']) assert.ok(text.includes(w), `${w} in ${text}`);
  });

  test('a quick fix applied with workspace.applyEdit removes its diagnostic', async () => {
    const uri = await place('report.nianbao.txt');
    await open(uri);
    const diags = await waitForDiagnostics(uri, (d) => d.some((x) => code(x) === 'row-total'), 'row-total');
    const rowTotal = diags.find((d) => code(d) === 'row-total')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, rowTotal.range, vscode.CodeActionKind.QuickFix.value);
    // vscode.executeCodeActionProvider does not hand back the attached diagnostics: find the fix by its edit.
    const fix = actions.find((a) => a.kind?.value === 'quickfix' && a.edit?.get(uri).some((e) => e.range.isEqual(rowTotal.range) && e.newText === '52'));
    assert.ok(fix?.edit, `a quick fix setting the total to 52: ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.equal(fix.isPreferred, true);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const after = await waitForDiagnostics(uri, (d) => !d.some((x) => code(x) === 'row-total'), 'row-total gone');
    assert.deepEqual(after.map(code), ['fee-missing']);
  });

  test('nianbao.recomputeTotals rewrites the totals in one undoable edit', async () => {
    const uri = await place('draft.md');
    const editor = await open(uri);
    await waitForDiagnostics(uri, (d) => d.some((x) => code(x) === 'review-total'), 'review-total');
    const outcome = await vscode.commands.executeCommand<{ changed: number; remaining: number; message: string }>('nianbao.recomputeTotals');
    assert.equal(editor.document.getText(), fixture('draft.recomputed.md'));
    assert.equal(outcome.changed, 4);
    assert.equal(outcome.remaining, 2);
    // The message names what changed and the balance problems that remain.
    for (const part of ['8 → 7', '13 → 12', '1 → 3', '3 → 2', '商业企业']) assert.ok(outcome.message.includes(part), `${part} in ${outcome.message}`);
    await waitForDiagnostics(uri, (d) => !d.some((x) => ['row-total', 'column-total', 'review-total'].includes(code(x))), 'totals fixed');
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), fixture('draft.md'), 'one undo restores every cell');
  });

  test('转换表格排法 re-lays every table in one edit; one undo restores the document', async () => {
    const uri = await place('draft.md');
    const editor = await open(uri);
    const before = await waitForDiagnostics(uri, (d) => d.some((x) => code(x) === 'review-total'), 'review-total');
    const outcome = await vscode.commands.executeCommand<{ converted: string[]; skipped: unknown[]; message: string }>('nianbao.convertLayout', 'rows', 'report');
    assert.deepEqual(outcome.converted, ['表二', '表三', '表四']);
    assert.deepEqual(outcome.skipped, []);
    assert.ok(!editor.document.getText().includes('| --- |'), 'no Markdown table left');
    assert.match(editor.document.getText(), /^一、本年新收政府信息公开申请数量\t/m);
    // The same problems, on the new lines.
    await waitForDiagnostics(uri, (d) => d.length === before.length && d.every((x, i) => x.message === before[i].message), 'same problems after converting');
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), fixture('draft.md'), 'one undo restores the Markdown tables');
  });

  test('导出为网页 and 导出为 Word 文档 write the files where asked', async () => {
    const uri = await place('report.nianbao.txt');
    await open(uri);
    await waitForDiagnostics(uri, (d) => d.length > 0, 'diagnostics');
    const page = vscode.Uri.joinPath(folder(), `suite-${++run}-export.html`);
    const html = await vscode.commands.executeCommand<{ target: string; warnings: string[] }>('nianbao.exportHtml', page);
    assert.deepEqual(html.warnings, []);
    const text = Buffer.from(await vscode.workspace.fs.readFile(page)).toString('utf8');
    assert.match(text, /^<!DOCTYPE html>/);
    assert.ok(text.includes('<th colspan="5">法人或其他组织</th>'));
    const word = vscode.Uri.joinPath(folder(), `suite-${run}-export.docx`);
    await vscode.commands.executeCommand('nianbao.exportDocx', word);
    const bytes = await vscode.workspace.fs.readFile(word);
    assert.equal(Buffer.from(bytes.subarray(0, 2)).toString('latin1'), 'PK', 'a zip (a .docx)');
  });

  test('source.fixAll.nianbao runs on save', async () => {
    const config = vscode.workspace.getConfiguration('editor', { languageId: 'nianbao' });
    await config.update('codeActionsOnSave', { 'source.fixAll.nianbao': 'explicit' }, vscode.ConfigurationTarget.Workspace, true);
    try {
      // On disk with one stray character at the end, which the test deletes: a real edit, so the save is real.
      const uri = await place('draft.md', 'draft.nianbao.md', `${fixture('draft.md')}x`);
      const editor = await open(uri);
      assert.equal(editor.document.languageId, 'nianbao');
      await waitForDiagnostics(uri, (d) => d.some((x) => code(x) === 'section-heading'), 'section-heading');
      const end = editor.document.positionAt(editor.document.getText().length);
      assert.ok(await editor.edit((b) => b.delete(new vscode.Range(end.translate(0, -1), end))));
      assert.ok(editor.document.isDirty);
      // On a loaded machine the workbench may give up a save whose participants (the fix-all) run
      // late, and report it not saved: the test then saves again, as a user would.
      const saved = (await editor.document.save()) || (editor.document.isDirty && (await editor.document.save()));
      assert.ok(saved, 'saved');
      assert.equal(editor.document.getText(), fixture('draft.fixed.md'));
      const onDisk = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
      assert.equal(onDisk, fixture('draft.fixed.md'));
    } finally {
      await config.update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace, true);
    }
  });

  test('nianbao.importDocx writes an editable draft beside the Word file, opens it, and it checks the same', async () => {
    // The invented Word report of the unit tests, with one wrong total (test/office-fixtures.ts).
    const { docxFromMarkdown } = require(path.join(REPO, 'out', 'test', 'office-fixtures.js')) as typeof import('../office-fixtures');
    const md = fs.readFileSync(path.join(REPO, 'test', 'fixtures', 'clean-2021.md'), 'utf8').replace('| 2 | 0 | 53 |', '| 2 | 0 | 54 |');
    const docx = vscode.Uri.joinPath(folder(), `suite-${++run}-青禾.docx`);
    await vscode.workspace.fs.writeFile(docx, docxFromMarkdown(md));
    const draft = await vscode.commands.executeCommand<vscode.Uri>('nianbao.importDocx', docx, true);
    assert.ok(draft, 'the draft');
    assert.equal(path.posix.basename(draft.path), path.posix.basename(docx.path).replace(/\.docx$/, '.nianbao.md'));
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.uri.toString(), draft.toString());
    assert.equal(editor.document.languageId, 'nianbao');
    assert.match(editor.document.getText(), /^\| 一、本年新收政府信息公开申请数量 \| 41 \| 9 \| 0 \| 1 \| 2 \| 0 \| 54 \|$/m);
    const diags = await waitForDiagnostics(draft, (d) => d.some((x) => code(x) === 'row-total'), 'row-total in the imported draft');
    assert.deepEqual(diags.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).map(code), ['row-total']);
  });

  test('nianbao.newReport opens a 2021-format skeleton with no error', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('nianbao.newReport', '测试县统计局', 2024);
    assert.ok(uri, 'the new document');
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.uri.toString(), uri.toString());
    assert.equal(editor.document.uri.scheme, 'untitled');
    // Save suggests the report's own file name in the workspace folder, not the first line with its '# '.
    assert.equal(path.posix.basename(uri.path), '测试县统计局2024年度政府信息公开工作年度报告.nianbao.md');
    assert.equal(path.posix.dirname(uri.path), folder().path);
    assert.equal(editor.document.languageId, 'nianbao');
    const text = editor.document.getText();
    assert.ok(text.includes('测试县统计局2024年度政府信息公开工作年度报告'), text.slice(0, 80));
    for (const h of ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项']) {
      assert.ok(text.includes(h), h);
    }
    // An absent diagnostic fires no event: make one known warning, wait for it, then look at the rest.
    const line = lineOf(editor.document, '一、总体情况');
    const at = editor.document.lineAt(line).text.indexOf('一、');
    await editor.edit((b) => b.replace(new vscode.Range(line, at, line, at + 2), '1、'));
    const diags = await waitForDiagnostics(uri, (d) => d.some((x) => code(x) === 'section-heading'), 'section-heading on the edited skeleton');
    assert.deepEqual(diags.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).map(code), []);
  });

  test('a nianbao.rules change takes effect without reload', async () => {
    const uri = await place('report.nianbao.txt');
    await open(uri);
    await waitForDiagnostics(uri, (d) => d.some((x) => code(x) === 'row-total'), 'row-total');
    const config = vscode.workspace.getConfiguration('nianbao', uri);
    try {
      await config.update('rules', { 'row-total': 'off', 'fee-missing': 'error' }, vscode.ConfigurationTarget.Workspace);
      const diags = await waitForDiagnostics(
        uri,
        (d) => !d.some((x) => code(x) === 'row-total') && d.some((x) => code(x) === 'fee-missing' && x.severity === vscode.DiagnosticSeverity.Error),
        'row-total off and fee-missing an error',
      );
      assert.deepEqual(diags.map(code).sort(), ['balance', 'fee-missing']);
    } finally {
      await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitForDiagnostics(uri, (d) => d.some((x) => code(x) === 'row-total'), 'row-total back');
  });

  test('plain text is checked only when it looks like a report', async () => {
    const report = await place('report.nianbao.txt', 'report.txt');
    const notes = await place('notes.txt');
    const notesDoc = await vscode.workspace.openTextDocument(notes);
    await vscode.window.showTextDocument(notesDoc, vscode.ViewColumn.Beside);
    const { document } = await open(report);
    assert.equal(document.languageId, 'plaintext', 'the language mode is not changed');
    await waitForDiagnostics(report, (d) => d.length === 2, 'the report checked as plain text');
    assert.deepEqual(ours(notes), []);
  });

  test('nianbao.recomputeTotals on a two-line 会议纪要 says plainly that it is not a report and changes nothing', async () => {
    const uri = await place('notes.txt', 'minutes.txt', '会议纪要\n本周完成了 3 项工作。\n');
    const editor = await open(uri);
    const outcome = await vscode.commands.executeCommand<{ changed: number; notReport?: boolean; message: string }>('nianbao.recomputeTotals');
    assert.equal(outcome.notReport, true);
    assert.match(outcome.message, /不是政府信息公开工作年度报告|not an annual report/);
    assert.ok(!/合计均已正确|already correct/.test(outcome.message), outcome.message);
    assert.equal(editor.document.isDirty, false);
  });

  test('修复全部可自动修复的问题 (nianbao.fixAll) applies source.fixAll.nianbao in one undoable edit', async () => {
    const uri = await place('draft.md');
    const editor = await open(uri);
    await waitForDiagnostics(uri, (d) => d.some((x) => code(x) === 'section-heading'), 'section-heading');
    const outcome = await vscode.commands.executeCommand<{ edits: number; message: string }>('nianbao.fixAll');
    assert.equal(editor.document.getText(), fixture('draft.fixed.md'));
    // Only the heading: the draft has more wrong cells than can be located, so no total is guessed.
    assert.equal(outcome.edits, 1);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), fixture('draft.md'), 'one undo restores everything');
  });

  test('the 政务公开年报 mode wraps lines, does not box full-width punctuation, completes instead of word suggestions', () => {
    const editor = vscode.workspace.getConfiguration('editor', { languageId: 'nianbao' });
    assert.equal(editor.get('wordWrap'), 'on');
    assert.equal(editor.get('unicodeHighlight.ambiguousCharacters'), false);
    assert.equal(editor.get('wordBasedSuggestions'), 'off');
    // Plain text and Markdown keep VS Code's own defaults (which already leave full-width punctuation
    // unboxed); the README advises wrapping for plain-text reports.
    const plain = vscode.workspace.getConfiguration('editor', { languageId: 'plaintext' });
    assert.equal(plain.get('unicodeHighlight.ambiguousCharacters'), false);
    assert.equal(plain.get('wordWrap'), 'off');
  });

  test('a plain-text report switched to the 政务公开年报 mode is remembered as a files.associations entry', async () => {
    const uri = await place('report.nianbao.txt', 'mode.txt');
    const { document } = await open(uri);
    assert.equal(document.languageId, 'plaintext');
    await waitForDiagnostics(uri, (d) => d.length === 2, 'the plain-text report checked');
    // What the offer's button does.
    assert.equal(await vscode.commands.executeCommand('nianbao.useReportMode', uri), true);
    assert.equal(vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.languageId, 'nianbao');
    const files = vscode.workspace.getConfiguration('files');
    const associations = files.inspect<Record<string, string>>('associations')?.globalValue ?? {};
    try {
      assert.equal(associations[uri.fsPath], 'nianbao', JSON.stringify(associations));
      // Another plain-text file is not affected.
      const other = await place('report.nianbao.txt', 'other-mode.txt');
      assert.equal((await vscode.workspace.openTextDocument(other)).languageId, 'plaintext');
    } finally {
      const rest = { ...associations };
      delete rest[uri.fsPath];
      await files.update('associations', Object.keys(rest).length ? rest : undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('a GB18030 report that opened as garbled text is reopened as GB18030 and checked', async () => {
    const target = vscode.Uri.joinPath(folder(), `suite-${++run}-gbk.txt`);
    await vscode.workspace.fs.writeFile(target, iconv.encode(fixture('report.nianbao.txt'), 'gb18030'));
    const { document } = await open(target);
    assert.ok(document.getText().includes('\ufffd'), 'decoded as UTF-8: garbled');
    assert.deepEqual(ours(target), []);
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>('nianbao.reopenAsGb18030', target);
    assert.ok(doc, 'reopened');
    assert.equal((doc as unknown as { encoding: string }).encoding, 'gb18030');
    assert.ok(doc.getText().includes('政府信息公开工作年度报告'));
    const diags = await waitForDiagnostics(target, (d) => d.length === 2, 'the GB18030 report checked');
    assert.deepEqual(diags.map(code).sort(), ['fee-missing', 'row-total']);
  });

  test('the rule link opens the rule page rendered (Markdown preview), not as an editable file', async () => {
    const uri = await place('report.nianbao.txt');
    await open(uri);
    const diags = await waitForDiagnostics(uri, (d) => d.some((x) => code(x) === 'row-total'), 'row-total');
    const link = (diags.find((d) => code(d) === 'row-total')!.code as { target: vscode.Uri }).target;
    const page = await vscode.workspace.openTextDocument(link);
    assert.equal(page.getText(), fs.readFileSync(path.join(REPO, 'docs', 'rules', 'row-total.md'), 'utf8'));
    const previewed = new Promise<void>((resolve, reject) => {
      const isPreview = () =>
        vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(t.input.viewType)));
      const timer = setTimeout(() => reject(new Error('no Markdown preview of the rule page')), DIAGNOSTICS_TIMEOUT_MS);
      const sub = vscode.window.tabGroups.onDidChangeTabs(() => {
        if (!isPreview()) return;
        clearTimeout(timer);
        sub.dispose();
        resolve();
      });
    });
    await vscode.commands.executeCommand('vscode.open', link);
    await previewed;
    // A read-only scheme: there is no file to edit, and its text tab was replaced by the preview.
    assert.ok(!vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === link.toString())));
  });

  test('nianbao.checkWorkspace counts open reports as the server sees them: a clean one and a GB18030 one too', async () => {
    await closeAll();
    const clean = await place('report.nianbao.txt', 'clean-count.txt', fs.readFileSync(path.join(REPO, 'test', 'fixtures', 'clean-2021.txt'), 'utf8'));
    const gbk = vscode.Uri.joinPath(folder(), `suite-${++run}-gbk-count.txt`);
    await vscode.workspace.fs.writeFile(gbk, iconv.encode(fixture('report.nianbao.txt'), 'gb18030'));
    type Outcome = { files: number; reports: number; errors: number; warnings: number };
    const closed = await vscode.commands.executeCommand<Outcome>('nianbao.checkWorkspace');
    // Open both (the GB18030 one shows garbled), check again: the same counts.
    await open(gbk);
    await open(clean);
    await waitForDiagnostics(clean, () => true, 'the clean report');
    const opened = await vscode.commands.executeCommand<Outcome>('nianbao.checkWorkspace');
    assert.deepEqual(opened, closed);
    assert.deepEqual(vscode.languages.getDiagnostics(gbk).map(code).sort(), ['fee-missing', 'row-total']);
  });

  test('nianbao.showSeriesReport (年报汇总页) opens the series page of the workspace in a webview', async () => {
    await closeAll();
    const uri = await place('report.nianbao.txt', 'series-page.nianbao.txt');
    type Outcome = { reports: number; agencies: number; errors: number; warnings: number; html: string };
    const outcome = await vscode.commands.executeCommand<Outcome>('nianbao.showSeriesReport');
    assert.ok(outcome && outcome.reports >= 1, JSON.stringify({ ...outcome, html: undefined }));
    // The placed report is on the page, its row-total problem with the file and the line to reveal.
    assert.ok(outcome.html.includes(`data-file="${uri.toString()}"`), 'the placed report is on the page');
    assert.match(outcome.html, /<li class="problem error" data-file="[^"]+series-page\.nianbao\.txt" data-line="\d+" data-column="\d+" data-rule="row-total"/);
    assert.match(outcome.html, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;nonce-([A-Za-z0-9]+)&#39;; script-src &#39;nonce-\1&#39;; img-src data:">/);
    assert.doesNotMatch(outcome.html, /https?:/);
    const end = Date.now() + 10_000;
    const isPage = () => vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('nianbao.seriesPage')));
    while (!isPage() && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    assert.ok(isPage(), 'a webview tab of the series page');
  });

  test('nianbao.checkWorkspace puts the reports of the folder into Problems', async () => {
    await closeAll();
    const uri = await place('report.nianbao.txt', 'unopened.nianbao.txt');
    const outcome = await vscode.commands.executeCommand<{ files: number; reports: number; errors: number }>('nianbao.checkWorkspace');
    assert.ok(outcome.reports >= 1, JSON.stringify(outcome));
    const diags = vscode.languages.getDiagnostics(uri);
    assert.deepEqual(diags.map(code).sort(), ['fee-missing', 'row-total']);
  });
});
