// Published layouts read into the same report model: flattened group labels, crawler text with
// run-together cells, HTML pages. Each gives the numbers of the one-cell-per-line version.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import * as iconv from 'iconv-lite';
import {
  parse,
  check,
  readText,
  layoutOf,
  checkDocument,
  fixAllDocument,
  documentOf,
  plainDocument,
  applyEdits,
  tableDefOf,
  isDerived,
  type Report,
  type Document,
} from '../../core/src';
import { readHtml } from '../../core/src/readers/html';
import { fixture, ROOT } from '../helpers';

/** Every number of every table, as `T3 received|natural=41`. */
export function numbers(r: Report): string[] {
  return r.tables.flatMap((t) => t.rows.flatMap((row) => row.cells.map((c) => `${t.id} ${row.key}|${c.column}=${c.value}`)));
}

const CLEAN = fixture('clean-2021.txt');
const MD = fixture('clean-2021.md');
const ROWS = fixture('clean-2021.rows.txt');
const GROUP_ROW = /^\| (（[三四五六]）)(不予公开|无法提供|不予处理|其他处理) \|.*\n/gm;

/** Markdown with each group's rowspan flattened into its rows: `| （三） 1.属于国家秘密 | 0 | … |`. */
function flattenMarkdown(md: string, form: 'ordinal' | 'group'): string {
  let group = '';
  return md
    .split('\n')
    .map((line) => {
      const g = /^\| (（[三四五六]）)(不予公开|无法提供|不予处理|其他处理) \|/.exec(line);
      if (g) {
        group = form === 'ordinal' ? g[1] : g[1] + g[2];
        return null;
      }
      if (group && /^\| [0-9]\./.test(line)) return line.replace('| ', `| ${group} `);
      if (/^\| （七）|^\| 三、本年度办理结果/.test(line)) group = '';
      if (/^\| （[一二]）/.test(line)) return line.replace('| ', '| 三、本年度办理结果 ');
      return line;
    })
    .filter((l): l is string => l !== null)
    .join('\n');
}

test('flattened group labels in Markdown: （三） 1.…, （四）无法提供 1.…, 三、本年度办理结果 （一）…', () => {
  const base = numbers(parse(CLEAN));
  for (const form of ['ordinal', 'group'] as const) {
    const md = flattenMarkdown(MD, form);
    assert.match(md, form === 'ordinal' ? /\| （三） 1\.属于国家秘密 \|/ : /\| （四）无法提供 1\.本机关不掌握相关政府信息 \|/);
    assert.match(md, /\| 三、本年度办理结果 （一）予以公开 \|/);
    assert.equal(md.match(GROUP_ROW), null);
    assert.deepEqual(numbers(parse(md)), base, form);
    assert.deepEqual(check(parse(md)).map((p) => p.code), [], form);
  }
});

test('flattened group labels in tab rows, and a wrong group ordinal is not taken for the row', () => {
  const base = numbers(parse(CLEAN));
  const rows = ROWS.split('\n');
  let group = '';
  const flat = rows
    .map((line) => {
      const g = /^(（[三四五六]）)(不予公开|无法提供|不予处理|其他处理)\t(.*)$/.exec(line);
      if (g) {
        group = g[1];
        return `${group}\t${g[3]}`;
      }
      if (group && /^[0-9]\./.test(line)) return `${group} ${line}`;
      return line;
    })
    .join('\n');
  assert.match(flat, /^（三） 2\.其他法律行政法规禁止公开\t/m);
  assert.deepEqual(numbers(parse(flat)), base);
  // （四） in front of a row of （三）: not that row.
  const wrong = flat.replace('（三） 2.其他法律行政法规禁止公开', '（四） 2.其他法律行政法规禁止公开');
  assert.ok(check(parse(wrong)).some((p) => p.code === 'table-shape'));
});

test('text copied from a PDF: cells apart by runs of blanks, long labels wrapped with the numbers on their first line or their last', () => {
  const rows = fixture('clean-2021.rows.txt');
  const width = (f: string) => [...f].reduce((w, c) => w + (c.charCodeAt(0) > 0xff ? 2 : 1), 0);
  // Aligned columns, as `pdftotext -layout` writes them.
  const spaced = rows
    .split('\n')
    .map((l) => (l.includes('\t') ? l.split('\t').map((f, i, a) => (i < a.length - 1 ? f + ' '.repeat(Math.max(2, (i === 0 ? 40 : 8) - width(f))) : f)).join('') : l))
    .join('\n');
  const wrap = (numbersFirst: boolean) =>
    spaced
      .split('\n')
      .flatMap((l) => {
        const m = /^(\S{14,}?)(\S{4,})(\s{2,}\d.*)$/.exec(l);
        return !m ? [l] : numbersFirst ? [m[1] + m[3], m[2]] : [m[1], m[2] + m[3]];
      })
      .join('\n');
  const after = wrap(true);
  assert.ok(after.includes('（二）部分公开（区分处理的，  4') && after.includes('\n只计这一情形，不计其他情形）\n'));
  for (const text of [spaced, wrap(false), after]) {
    const r = parse(text);
    assert.deepEqual(numbers(r), numbers(parse(CLEAN)));
    assert.deepEqual(check(r), []);
  }
  // A first part whose rest does not follow is not taken for the row: reported, not guessed.
  const cut = after.replace('\n只计这一情形，不计其他情形）\n', '\n');
  assert.ok(check(parse(cut)).some((p) => p.code === 'table-shape' && p.message.includes('（二）部分公开（区分处理的，')));
});

// ---------------------------------------------------------------------------
// Crawler page text: the whole report in one paragraph, cells run together

const CRAWLER = fixture('crawler-2021.txt');
const texts = (text: string, ps: { span: { start: number; end: number } }[]) => ps.map((p) => text.slice(p.span.start, p.span.end));

/** The report of the one-cell-per-line fixture, read from another layout: title, year, sections, numbers. */
function sameReport(doc: Document, layout: string): void {
  assert.equal(layoutOf(doc), layout);
  assert.equal(doc.report.title?.text, '青禾市柳溪区文化和旅游局2024年度政府信息公开工作年度报告');
  assert.equal(doc.report.year, 2024);
  assert.deepEqual(doc.report.sections.map((s) => s.index), [0, 1, 2, 3, 4, 5]);
  assert.deepEqual(numbers(doc.report), numbers(parse(CLEAN)));
}

/** Every cell maps to its own characters in the source. */
function cellsMapToSource(doc: Document, source: string): void {
  for (const t of doc.report.tables) for (const r of t.rows) for (const c of r.cells) {
    const s = doc.toSource(c.valueSpan);
    assert.equal(source.slice(s.start, s.end), c.raw);
  }
}

test('crawler text: headings inline and cells run together give the numbers of the one-cell-per-line report', () => {
  const doc = readText(CRAWLER);
  sameReport(doc, 'run-together');
  assert.equal(doc.report.agency, '青禾市柳溪区文化和旅游局');
  const problems = checkDocument(doc);
  // Rows the count alone could not split are read by the relations, and said so; nothing else.
  assert.deepEqual(problems.map((p) => p.code), ['cell-reading', 'cell-reading', 'cell-reading', 'cell-reading']);
  assert.deepEqual(texts(CRAWLER, problems), ['419012053', '185011025', '103001014', '4210012055']);
  assert.equal(problems[0].message, '本行数字连写（419012053），按勾稽关系读作 41/9/0/1/2/0/53');
  assert.match(problems[1].message, /读作 18\/5\/0\/1\/1\/0\/25（另有拆法 1\/8\/5\/0\/1\/10\/25、1\/8\/5\/0\/11\/0\/25 与列合计不符）/);
  // Every cell maps to its digits in the source.
  cellsMapToSource(doc, CRAWLER);
  // The same text without crawler run-together is read as it is.
  assert.equal(layoutOf(readText(CLEAN)), 'cells');
});

test('crawler text kept in paragraphs: each heading run into its first sentence, each table row on a line with its cells run together', () => {
  const body = CRAWLER.slice(CRAWLER.indexOf('\n', CRAWLER.indexOf('==== 正文 ====')) + 1);
  // A line per paragraph: a page whose crawler kept the paragraphs and the table rows, but not the cells.
  const kept = body.replace(/([。）\d])(?=[一二三四五六]、)/g, '$1\n');
  // With blank lines between the paragraphs, too: the same report, each character of it read once, in order.
  const spaced = readText(body.replace(/([。）\d])(?=[一二三四五六]、)/g, '$1\n\n'));
  assert.deepEqual(numbers(spaced.report), numbers(parse(CLEAN)));
  for (let i = 1, last = -1; i < spaced.text.length; i++) {
    const at = spaced.toSource({ start: i, end: i + 1 }).start;
    assert.ok(at >= last, `read text at ${i} maps back before the text before it`);
    last = at;
  }
  assert.ok(kept.includes('\n一、总体情况2024年') && kept.includes('\n二、上年结转政府信息公开申请数量3100004\n'));
  assert.ok(!kept.split('\n')[0].includes('一、'), 'the title runs into the first paragraph, before the first heading');
  const doc = readText(kept);
  sameReport(doc, 'run-together');
  assert.deepEqual(texts(kept, checkDocument(doc)), ['419012053', '185011025', '103001014', '4210012055']);
  cellsMapToSource(doc, kept);
});

test('crawler text after a page\'s breadcrumbs and byline: the title, agency and year are the title line\'s', () => {
  const body = CRAWLER.slice(CRAWLER.indexOf('\n', CRAWLER.indexOf('==== 正文 ====')) + 1);
  const page =
    '当前位置：首页 > 政务公开 > 政府信息公开年报\n' +
    '字体：【大 中 小】 来源：青禾市柳溪区文化和旅游局 发布时间：2025-01-20 10:00 浏览次数：123 【打印本页】【关闭窗口】\n' +
    body;
  const doc = readText(page);
  assert.equal(doc.report.title?.text, '青禾市柳溪区文化和旅游局2024年度政府信息公开工作年度报告');
  assert.equal(doc.report.agency, '青禾市柳溪区文化和旅游局');
  assert.equal(doc.report.year, 2024);
  assert.deepEqual(numbers(doc.report), numbers(parse(CLEAN)));
  // Breadcrumbs run into the title, with no blank between.
  const crumbs = readText(`首页>政务公开>政府信息公开年报>${body}`);
  assert.deepEqual([crumbs.report.title?.text, crumbs.report.agency], ['青禾市柳溪区文化和旅游局2024年度政府信息公开工作年度报告', '青禾市柳溪区文化和旅游局']);
  // An agency whose name holds 政府信息公开 keeps it.
  const office = parse('青禾市政府信息公开办公室\n2024年度政府信息公开工作年度报告\n');
  assert.equal(office.agency, '青禾市政府信息公开办公室');
  const oneLine = parse('首页 > 政务公开 > 政府信息公开年报\n青禾市政府信息公开办公室2024年度政府信息公开工作年度报告\n');
  assert.deepEqual([oneLine.agency, oneLine.year], ['青禾市政府信息公开办公室', 2024]);
  // A page's <title> that puts the site's name first.
  const site = documentOf(readHtml(fixture('page-2021.html').replace(/<title>(.*?)<\/title>/, '<title>青禾市人民政府门户网站 - $1</title>')));
  assert.deepEqual([site.report.agency, site.report.year], ['青禾市柳溪区文化和旅游局', 2024]);
});

test('crawler text whose headings have the wrong mark after the ordinal (一．总体情况): read, and each heading reported where it stands', () => {
  const dotted = CRAWLER.replace(/([一二三四五六])、(总体情况|主动公开政府信息情况|收到和处理|政府信息公开行政复议|存在的主要问题|其他需要报告)/g, '$1．$2');
  const doc = readText(dotted);
  assert.equal(layoutOf(doc), 'run-together');
  assert.deepEqual(numbers(doc.report), numbers(parse(CLEAN)));
  const headings = checkDocument(doc).filter((p) => p.code === 'section-heading');
  assert.deepEqual(texts(dotted, headings), ['一．总体情况', '二．主动公开政府信息情况', '三．收到和处理政府信息公开申请情况', '四．政府信息公开行政复议、行政诉讼情况', '五．存在的主要问题及改进情况', '六．其他需要报告的事项']);
  assert.equal(headings[0].message, '标题不规范（序号后应为顿号“、”）：应为“一、总体情况”');
  // The same, kept in paragraphs: the short lines of 五 and 六 start with the ordinal and its other mark.
  const body = dotted.slice(dotted.indexOf('\n', dotted.indexOf('==== 正文 ====')) + 1);
  const kept = readText(body.replace(/([。）\d])(?=[一二三四五六][、．])/g, '$1\n'));
  assert.deepEqual(kept.report.sections.map((s) => s.index), [0, 1, 2, 3, 4, 5]);
  assert.equal(checkDocument(kept).filter((p) => p.code === 'section-heading').length, 6);
});

// A run that splits several ways, or none: test/unit/rules/cell-ambiguous.test.ts.

test('crawler text: numbers written apart are read as written; a wrong total lands on its digits; no fix rewrites a run', () => {
  const spaced = CRAWLER.replace('一、本年新收政府信息公开申请数量419012053', '一、本年新收政府信息公开申请数量41 9 0 1 2 0 54');
  const doc = readText(spaced);
  const p = checkDocument(doc).filter((x) => x.code !== 'cell-reading');
  assert.ok(p.length >= 1);
  const rowTotal = p.find((x) => x.code === 'row-total')!;
  assert.equal(spaced.slice(rowTotal.span.start, rowTotal.span.end), '54');
  assert.equal(rowTotal.span.start, spaced.indexOf('41 9 0 1 2 0 54') + 13);
  assert.deepEqual(fixAllDocument(doc), []);
});

// ---------------------------------------------------------------------------
// HTML pages

const PAGE = fixture('page-2021.html');
const page = (html: string) => documentOf(readHtml(html));
const TOTAL_RULES = new Set(['row-total', 'column-total', 'balance', 'review-total', 'litigation-total']);

test('HTML page: layout table, rowspan/colspan, header words over <p>, a split table, entities, blanks, / and — give the one-cell-per-line numbers', () => {
  const doc = page(PAGE);
  sameReport(doc, 'html');
  const problems = checkDocument(doc);
  // Blank, / and — cells are read as 0 and said once per table, as information only.
  assert.deepEqual(problems.map((p) => `${p.code} ${p.severity}`), ['cell-reading info', 'cell-reading info', 'cell-reading info']);
  assert.deepEqual(problems.map((p) => p.message), [
    '本表有 21 个单元格为空白或写作“/”“—”，按 0 计算',
    '本表有 14 个单元格为空白或写作“/”“—”，按 0 计算',
    '本表有 9 个单元格为空白或写作“/”“—”，按 0 计算',
  ]);
  assert.deepEqual(texts(PAGE, problems), ['&nbsp;', '&nbsp;&nbsp;', '&nbsp;']);
  // Every written number maps to its digits in the page.
  for (const t of doc.report.tables) for (const r of t.rows) for (const c of r.cells) {
    const s = doc.exactSource(c.valueSpan);
    if (s) assert.equal(PAGE.slice(s.start, s.end), c.raw);
    else assert.equal(c.raw, '0', `${t.id} ${r.key}|${c.column} is a blank read as 0`);
  }
});

test('HTML page: a wrong total lands on its digits, the fix rewrites only them; a blank total is still found', () => {
  const at = PAGE.indexOf('>53<');
  const wrong = PAGE.slice(0, at) + '>54<' + PAGE.slice(at + 4);
  const doc = page(wrong);
  const p = checkDocument(doc).filter((x) => x.code !== 'cell-reading');
  // 一、本年新收·总计 raised: located as the one wrong cell (its row sum and the total column's balance
  // ride along); the prose's 53 agrees with the corrected value, so it is not blamed.
  assert.deepEqual(p.map((x) => `${x.code} ${texts(wrong, [x])[0]}`), ['row-total 54']);
  assert.equal(p[0].span.start, at + 1);
  assert.equal(p[0].related?.length, 2);
  const edits = fixAllDocument(doc);
  assert.deepEqual(edits, [{ start: at + 1, end: at + 3, newText: '53' }]);
  assert.equal(applyEdits(wrong, edits), PAGE);

  const blank = PAGE.slice(0, at) + '>&nbsp;<' + PAGE.slice(at + 4);
  const b = checkDocument(page(blank)).filter((x) => x.code === 'row-total');
  assert.equal(b.length, 1);
  assert.equal(texts(blank, b)[0], '&nbsp;');
  assert.match(b[0].message, /应为 53/);
  // A blank is not digits: no fix writes into the markup.
  assert.deepEqual(fixAllDocument(page(blank)), []);
});

/** Raise every number of T3 and T4 by one in the source: a total rule fires at a cell related to it; a raised total is restored by the fix. */
function perturbDocument(source: string, read: (s: string) => Document): number {
  const doc = read(source);
  let count = 0;
  for (const table of doc.report.tables.filter((t) => t.id === 'T3' || t.id === 'T4')) {
    const def = tableDefOf(table);
    for (const row of table.rows) {
      for (const cell of row.cells) {
        count++;
        const exact = doc.exactSource(cell.valueSpan);
        const span = exact ?? doc.toSource(cell.valueSpan);
        const changed = applyEdits(source, [{ ...span, newText: String((cell.value as number) + 1) }]);
        const after = read(changed);
        const fired = checkDocument(after).filter((p) => TOTAL_RULES.has(p.code));
        const name = `${row.key}|${cell.column}`;
        assert.equal(fired.length, 1, `${name}: ${fired.map((p) => p.message).join(' | ')}`);
        // One mistake, one diagnostic: at the raised cell itself (located), or at a sum through it (a tie).
        const allowed = new Set<string>([name]);
        for (const r of def.relations) {
          const refs = r.kind === 'sum' ? [r.target, ...r.terms] : [...r.lhs, ...r.rhs];
          if (!refs.some((x) => x.row === row.key && x.column === cell.column)) continue;
          const t = r.kind === 'sum' ? r.target : r.fixTarget;
          allowed.add(`${t.row}|${t.column}`);
        }
        const cellsAfter = after.report.tables.find((t) => t.id === table.id)!.rows.flatMap((r) => r.cells.map((c) => ({ key: `${r.key}|${c.column}`, span: after.toSource(c.valueSpan) })));
        for (const p of fired) {
          const hit = cellsAfter.find((c) => c.span.start === p.span.start && c.span.end === p.span.end);
          assert.ok(hit, `${name}: ${p.code} does not point at a cell`);
          assert.ok(allowed.has(hit.key), `${name}: ${p.code} points at ${hit.key}`);
        }
        // A raised 表三 total is located and restored by fix-all; in 表四 a total ties with its four parts.
        if (exact && table.id === 'T3' && isDerived(def, { row: row.key, column: cell.column })) {
          assert.equal(applyEdits(changed, fixAllDocument(after, { rules: { 'section-heading': 'off' } })), source, `${name}: fix did not restore the page`);
        }
      }
    }
  }
  return count;
}

test('the 190-number raise-by-one property holds in an HTML page and in Markdown with flattened labels', () => {
  assert.equal(perturbDocument(PAGE, page), 190);
  assert.equal(perturbDocument(flattenMarkdown(MD, 'ordinal'), plainDocument), 190);
});

test('HTML page: fix --write on a page (GBK, declared in <meta>) changes only the digits of the total', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-html-'));
  try {
    const at = PAGE.indexOf('>53<');
    const wrong = (PAGE.slice(0, at) + '>54<' + PAGE.slice(at + 4)).replace('<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">');
    const file = path.join(dir, '年报.htm');
    writeFileSync(file, iconv.encode(wrong, 'gbk'));
    const cli = path.join(ROOT, 'bin', 'nianbao.js');
    const check1 = spawnSync(process.execPath, [cli, 'check', '--format', 'json', file], { encoding: 'utf8' });
    assert.equal(check1.status, 1, check1.stderr);
    const json = JSON.parse(check1.stdout) as { files: { encoding: string; report: { layout: string; year: number }; diagnostics: { code: string; line: number }[] }[] };
    assert.equal(json.files[0].encoding, 'gb18030');
    assert.equal(json.files[0].report.layout, 'html');
    assert.equal(json.files[0].report.year, 2024);
    assert.deepEqual(json.files[0].diagnostics.filter((d) => d.code !== 'cell-reading').map((d) => d.code), ['row-total']);
    const fix = spawnSync(process.execPath, [cli, 'fix', '--write', file], { encoding: 'utf8' });
    assert.equal(fix.status, 0, fix.stdout + fix.stderr);
    const before = iconv.encode(wrong, 'gbk');
    const after = readFileSync(file);
    assert.equal(after.length, before.length);
    const diff = [...after].map((b, i) => (b !== before[i] ? i : -1)).filter((i) => i >= 0);
    assert.deepEqual(diff.map((i) => String.fromCharCode(before[i]) + '→' + String.fromCharCode(after[i])), ['4→3']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('nianbao show: every layout of the same report shows the same tables; each value with its place in the file', () => {
  const cli = path.join(ROOT, 'bin', 'nianbao.js');
  const show = (name: string) => {
    const r = spawnSync(process.execPath, [cli, 'show', '--format', 'json', path.join(ROOT, 'test', 'fixtures', name)], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout) as {
      title: string;
      year: number;
      format: string;
      layout: string;
      tables: { id: string; rows: { key: string; cells: { key: string; value: number; raw: string; line: number; column: number; endColumn: number }[] }[] }[];
    };
  };
  const values = (m: ReturnType<typeof show>) => m.tables.map((t) => ({ id: t.id, rows: t.rows.map((r) => [r.key, ...r.cells.map((c) => `${c.key}=${c.value}`)]) }));
  const base = show('clean-2021.txt');
  assert.equal(base.layout, 'cells');
  for (const [name, layout] of [['clean-2021.rows.txt', 'rows'], ['clean-2021.md', 'markdown'], ['page-2021.html', 'html'], ['crawler-2021.txt', 'run-together']]) {
    const m = show(name);
    assert.equal(m.layout, layout, name);
    assert.equal(m.year, 2024, name);
    assert.equal(m.format, '2021', name);
    assert.deepEqual(values(m), values(base), name);
  }
  // Positions are the file's own: the first number of 一、本年新收 in the page is its 41.
  const page = show('page-2021.html');
  const received = page.tables.find((t) => t.id === 'T3')!.rows.find((r) => r.key === 'received')!.cells[0];
  const line = PAGE.split('\n')[received.line - 1];
  assert.equal(line.slice(received.column - 1, received.endColumn - 1), '41');
  const text = spawnSync(process.execPath, [cli, 'show', path.join(ROOT, 'test', 'fixtures', 'crawler-2021.txt')], { encoding: 'utf8' });
  assert.match(text.stdout, /排版 \(layout\): run-together/);
  assert.match(text.stdout, /本行数字连写（419012053），按勾稽关系读作 41\/9\/0\/1\/2\/0\/53  \[cell-reading\]/);
});

test('old .doc files are not read: one clear line, exit 2 (PDF and .docx: test/unit/pdf.test.ts, docx.test.ts)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-office-'));
  try {
    const cli = path.join(ROOT, 'bin', 'nianbao.js');
    const doc = path.join(dir, 'report.doc');
    writeFileSync(doc, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), Buffer.alloc(64, 0)]));
    const r = spawnSync(process.execPath, [cli, 'check', doc], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /旧版 Word\/WPS 文件（\.doc、\.wps）不能直接检查/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
