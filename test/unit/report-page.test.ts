// The series page for reviewers (core/src/report-page.ts, `nianbao report`, docs/series-page.md):
// the page is read back with parse5 (no parse error) and its tree is checked: the counts by rule in
// the table, one chart per agency with one bar per figure and year and the values in their titles,
// every string from a report escaped, nothing loaded from elsewhere, no script outside the webview.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse as parseHtml } from 'parse5';
import { buildReportPage, countsByRule, escapeHtml, pageFigures, PAGE_STRINGS_ZH } from '../../core/src/report-page';
import type { PageModel, PageProblem, PageReport } from '../../core/src/report-page';
import { readText } from '../../core/src';
import { FIXTURES, ROOT } from '../helpers';
import { nianbao } from './cli-helpers';

// ---------------------------------------------------------------------------
// Reading the page back

interface Node {
  nodeName: string;
  attrs?: { name: string; value: string }[];
  childNodes?: Node[];
  content?: Node;
  value?: string;
}

function parsePage(html: string): Node {
  const errors: string[] = [];
  const doc = parseHtml(html, { onParseError: (e) => errors.push(`${e.code} at ${e.startLine}:${e.startCol}`) }) as unknown as Node;
  assert.deepEqual(errors, [], 'the page parses without an error');
  return doc;
}

function all(node: Node, pred: (n: Node) => boolean, out: Node[] = []): Node[] {
  if (pred(node)) out.push(node);
  for (const c of node.childNodes ?? []) all(c, pred, out);
  return out;
}

const attr = (n: Node, name: string): string | undefined => n.attrs?.find((a) => a.name === name)?.value;
const hasClass = (n: Node, c: string): boolean => (attr(n, 'class') ?? '').split(/\s+/).includes(c);
const byTag = (root: Node, tag: string): Node[] => all(root, (n) => n.nodeName === tag);
const byClass = (root: Node, tag: string, c: string): Node[] => all(root, (n) => n.nodeName === tag && hasClass(n, c));
function text(n: Node): string {
  if (n.nodeName === '#text') return n.value ?? '';
  return (n.childNodes ?? []).map(text).join('');
}

/** Nothing in the page that a browser would fetch: no URL scheme, no script from a file, no link or import. */
function assertSelfContained(html: string): void {
  assert.doesNotMatch(html, /https?:/i, 'no http: or https: anywhere');
  assert.doesNotMatch(html, /<script[^>]*\ssrc\s*=/i, 'no <script src');
  assert.doesNotMatch(html, /<link\b/i, 'no <link>');
  assert.doesNotMatch(html, /@import|url\(/i, 'no CSS import or url()');
  assert.doesNotMatch(html, /<img\b|<iframe\b|<object\b/i);
}

// ---------------------------------------------------------------------------
// A model written by hand

function problem(code: string, severity: PageProblem['severity'], line: number, message = `${code} 的说明`): PageProblem {
  return { code, severity, message, line, column: 3 };
}

function report(id: string, agency: string | null, year: number | null, figures: PageReport['figures'], problems: PageProblem[]): PageReport {
  return { id, display: id, href: id, title: agency && year ? `${agency}${year}年度政府信息公开工作年度报告` : null, agency, year, format: '2021', layout: 'rows', figures, problems };
}

function model(): PageModel {
  return {
    reports: [
      report('a/甲-2021.txt', '甲县教育局', 2021, { received: 12, granted: 7, carriedOver: 2 }, []),
      report('a/甲-2022.txt', '甲县教育局', 2022, { received: 20, granted: 11, carriedOver: 0 }, [
        problem('row-total', 'error', 30),
        problem('row-total', 'error', 31),
        problem('carry-over', 'error', 29),
        problem('stock-continuity', 'warning', 14),
      ]),
      // 2023 missing: a gap in the chart.
      report('a/甲-2024.txt', '甲县教育局', 2024, { received: 5, granted: null, carriedOver: 1 }, [problem('series-gap', 'info', 1)]),
      report('b/乙<镇>&人民政府.txt', '乙<镇>&"人民政府"', 2022, { received: 3, granted: 3, carriedOver: 0 }, [
        problem('row-total', 'error', 40, '合计应为 <b>5</b> & "不是" 3 </script><script>alert(1)</script>'),
      ]),
      report('c/无年度.txt', null, null, null, [problem('title-missing', 'error', 1)]),
    ],
    series: [
      { key: '甲县教育局', agency: '甲县教育局', ids: ['a/甲-2021.txt', 'a/甲-2022.txt', 'a/甲-2024.txt'] },
      { key: '乙镇', agency: '乙<镇>&"人民政府"', ids: ['b/乙<镇>&人民政府.txt'] },
    ],
    ruleNames: { 'row-total': '每一行的“总计”应等于各类申请人之和' },
    generated: '2026-12-01 08:00',
  };
}

test('countsByRule: exact counts, most first, then by code', () => {
  const m = model();
  assert.deepEqual(countsByRule(m.reports[1].problems), [
    ['row-total', 2],
    ['carry-over', 1],
    ['stock-continuity', 1],
  ]);
  assert.deepEqual(countsByRule([]), []);
});

test('the reports table: one row per report, its status and its exact counts by rule and severity', () => {
  const html = buildReportPage(model());
  const doc = parsePage(html);
  const rows = byClass(doc, 'tr', 'report');
  assert.equal(rows.length, 5);
  // Series first (by agency, by year), then the report in no series.
  assert.deepEqual(
    rows.map((r) => attr(r, 'data-file')),
    ['a/甲-2021.txt', 'a/甲-2022.txt', 'a/甲-2024.txt', 'b/乙<镇>&人民政府.txt', 'c/无年度.txt'],
  );
  assert.deepEqual(
    rows.map((r) => attr(r, 'data-status')),
    ['ok', 'error', 'info', 'error', 'error'],
  );
  const row = rows[1];
  const rules = byClass(row, 'span', 'rule').map((s) => [attr(s, 'data-rule'), Number(attr(s, 'data-count')), text(s)]);
  assert.deepEqual(rules, [
    ['row-total', 2, 'row-total ×2'],
    ['carry-over', 1, 'carry-over ×1'],
    ['stock-continuity', 1, 'stock-continuity ×1'],
  ]);
  const sev = (r: Node, s: string) => text(all(r, (n) => n.nodeName === 'td' && attr(n, 'data-severity') === s)[0]);
  assert.deepEqual([sev(row, 'error'), sev(row, 'warning'), sev(row, 'info')], ['3', '1', '0']);
  assert.equal(text(byClass(row, 'span', 'badge')[0]), PAGE_STRINGS_ZH.statusError);
  assert.equal(text(byClass(rows[0], 'span', 'badge')[0]), '无问题');
  // The summary and the table over all reports.
  const summary = byClass(doc, 'p', 'summary')[0];
  assert.equal(text(summary), '共 5 份年报，2 个机关：5 个错误，1 个警告，1 条提示');
  const byRule = all(byClass(doc, 'table', 'by-rule')[0], (n) => n.nodeName === 'tr' && attr(n, 'data-rule') !== undefined).map((r) => [
    attr(r, 'data-rule'),
    text(byTag(r, 'td')[1]),
  ]);
  assert.deepEqual(byRule, [
    ['row-total', '3'],
    ['carry-over', '1'],
    ['series-gap', '1'],
    ['stock-continuity', '1'],
    ['title-missing', '1'],
  ]);
  assert.match(html, /<code>row-total<\/code> 每一行的“总计”应等于各类申请人之和/);
});

test('one chart per agency: a bar per figure and year, the value in its title, a gap year marked', () => {
  const doc = parsePage(buildReportPage(model()));
  const charts = byClass(doc, 'svg', 'chart');
  assert.equal(charts.length, 2, 'two agencies with a year: two charts (the report without agency has none)');
  const [jia, yi] = charts;
  const bars = byClass(jia, 'rect', 'bar');
  // 2021: 3 bars, 2022: 3 bars, 2023: none (no report), 2024: 2 bars (予以公开 not found).
  assert.equal(bars.length, 8);
  assert.deepEqual(
    bars.map((b) => `${attr(b, 'data-year')} ${attr(b, 'data-measure')}=${attr(b, 'data-value')} ${text(byTag(b, 'title')[0])}`),
    [
      '2021 received=12 2021 年度 本年新收：12',
      '2021 granted=7 2021 年度 予以公开：7',
      '2021 carriedOver=2 2021 年度 结转下年度：2',
      '2022 received=20 2022 年度 本年新收：20',
      '2022 granted=11 2022 年度 予以公开：11',
      '2022 carriedOver=0 2022 年度 结转下年度：0',
      '2024 received=5 2024 年度 本年新收：5',
      '2024 carriedOver=1 2024 年度 结转下年度：1',
    ],
  );
  // Heights in proportion (the largest value fills the plot), zero drawn flat.
  const h = (b: Node) => Number(attr(b, 'height'));
  assert.equal(h(bars[3]), 96);
  assert.equal(h(bars[0]), 57.6);
  assert.equal(h(bars[5]), 0);
  const years = byClass(jia, 'g', 'year').map((g) => attr(g, 'data-year'));
  assert.deepEqual(years, ['2021', '2022', '2023', '2024']);
  assert.equal(text(byClass(jia, 'text', 'gap')[0]), '无报告');
  assert.equal(byClass(yi, 'rect', 'bar').length, 3);
  assert.equal(text(byTag(yi, 'title')[0]), '乙<镇>&"人民政府"：本年新收、予以公开、结转下年度（件）');
  // The figures under each chart, the missing one as a dash.
  const figureRows = all(byClass(doc, 'table', 'figures')[0], (n) => n.nodeName === 'tr' && attr(n, 'data-year') !== undefined);
  assert.deepEqual(
    figureRows.map((r) => byTag(r, 'td').slice(0, 4).map(text).join(' ')),
    ['2021 12 7 2', '2022 20 11 0', '2024 5 — 1'],
  );
});

test('every string from a report is escaped; the page loads nothing and has no script', () => {
  const html = buildReportPage(model());
  assertSelfContained(html);
  assert.doesNotMatch(html, /<script/i, 'the page written as a file has no script at all');
  assert.doesNotMatch(html, /<b>5<\/b>|<script>alert/);
  assert.ok(html.includes('合计应为 &lt;b&gt;5&lt;/b&gt; &amp; &quot;不是&quot; 3 &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.ok(html.includes('data-file="b/乙&lt;镇&gt;&amp;人民政府.txt"'));
  const doc = parsePage(html);
  const li = byClass(doc, 'li', 'problem').find((n) => attr(n, 'data-file') === 'b/乙<镇>&人民政府.txt')!;
  assert.equal(text(byClass(li, 'span', 'msg')[0]), '合计应为 <b>5</b> & "不是" 3 </script><script>alert(1)</script>');
  assert.equal(byTag(doc, 'script').length, 0);
  // The page forbids itself any load (a Content-Security-Policy of its own).
  const meta = byTag(doc, 'meta').find((m) => attr(m, 'http-equiv') === 'Content-Security-Policy')!;
  assert.equal(attr(meta, 'content'), "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
});

test('each problem is listed with its link (relative, on file) and its file and position as data', () => {
  const doc = parsePage(buildReportPage(model()));
  const items = byClass(doc, 'li', 'problem');
  assert.equal(items.length, 7);
  const first = items.filter((n) => attr(n, 'data-file') === 'a/甲-2022.txt');
  assert.deepEqual(
    first.map((n) => `${attr(n, 'data-line')}:${attr(n, 'data-column')} ${attr(n, 'data-rule')} ${attr(n, 'data-severity')}`),
    ['14:3 stock-continuity warning', '29:3 carry-over error', '30:3 row-total error', '31:3 row-total error'],
    'sorted by line',
  );
  const link = byClass(first[0], 'a', 'loc')[0];
  assert.equal(attr(link, 'href'), 'a/甲-2022.txt');
  assert.equal(text(link), '14:3');
  // The report's row links to its problems.
  const anchor = byClass(doc, 'a', 'to-problems').map((a) => attr(a, 'href'));
  const ids = byClass(doc, 'article', 'file').map((a) => `#${attr(a, 'id')}`);
  assert.deepEqual(anchor, ids);
});

test('webview page: CSP with the nonce, one inline script with it, links carry the position, words replaced', () => {
  const nonce = 'abcDEF123';
  const html = buildReportPage(model(), {
    webview: { nonce },
    strings: { lang: 'en', title: 'Annual reports', received: 'Received' },
  });
  assertSelfContained(html);
  const doc = parsePage(html);
  const meta = byTag(doc, 'meta').find((m) => attr(m, 'http-equiv') === 'Content-Security-Policy')!;
  assert.equal(attr(meta, 'content'), "default-src 'none'; style-src 'nonce-abcDEF123'; script-src 'nonce-abcDEF123'; img-src data:");
  const scripts = byTag(doc, 'script');
  assert.equal(scripts.length, 1);
  assert.equal(attr(scripts[0], 'nonce'), nonce);
  assert.equal(attr(byTag(doc, 'style')[0], 'nonce'), nonce);
  assert.equal(all(doc, (n) => attr(n, 'style') !== undefined).length, 0, 'no style attribute (the CSP would block it)');
  const link = byClass(doc, 'a', 'loc')[0];
  assert.equal(attr(link, 'href'), '#');
  assert.equal(attr(link, 'data-file'), 'a/甲-2022.txt');
  assert.equal(attr(link, 'data-line'), '14');
  assert.equal(attr(byTag(doc, 'html')[0], 'lang'), 'en');
  assert.equal(text(byTag(doc, 'h1')[0]), 'Annual reports');
  assert.match(text(byTag(byClass(doc, 'rect', 'bar')[0], 'title')[0]), /^2021 年度 Received：12$/);
});

test('pageFigures reads 表三 总计 as written, in both formats', () => {
  const r2020 = readText(fs.readFileSync(path.join(FIXTURES, 'series', 'songling-2020.txt'), 'utf8')).report;
  const r2021 = readText(fs.readFileSync(path.join(FIXTURES, 'series', 'songling-2021.txt'), 'utf8')).report;
  assert.equal(r2020.format, '2019');
  assert.deepEqual(pageFigures(r2020), { received: 25, granted: 13, carriedOver: 3 });
  assert.deepEqual(pageFigures(r2021), { received: 37, granted: 20, carriedOver: 5 });
  assert.equal(pageFigures(readText('青禾市某局2021年度政府信息公开工作年度报告\n\n一、总体情况\n\n无。\n').report), null);
});

// ---------------------------------------------------------------------------
// nianbao report

test('nianbao report DIR… --out: writes the page (exit 1 with errors), counts as `check` finds them, links resolve', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-report-'));
  try {
    const out = path.join(dir, 'page', '汇总.html');
    fs.mkdirSync(path.dirname(out));
    const args = ['test/fixtures/series', 'test/fixtures/series-page'];
    const r = nianbao(['report', ...args, '--out', out]);
    assert.equal(r.status, 1, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /已生成汇总页 .*：5 份年报，6 个错误，1 个警告/);
    const html = fs.readFileSync(out, 'utf8');
    assertSelfContained(html);
    assert.doesNotMatch(html, /<script/i);
    const doc = parsePage(html);
    // Counts by rule and file: exactly what `nianbao check --format json` reports for the same folders.
    const json = JSON.parse(nianbao(['check', '--format', 'json', ...args]).stdout) as { files: { path: string; diagnostics: { code: string }[] }[] };
    const rows = byClass(doc, 'tr', 'report');
    assert.equal(rows.length, json.files.length);
    for (const f of json.files) {
      const row = rows.find((n) => attr(n, 'data-file') === path.resolve(ROOT, f.path))!;
      assert.ok(row, f.path);
      const want = new Map<string, number>();
      for (const d of f.diagnostics) want.set(d.code, (want.get(d.code) ?? 0) + 1);
      const got = new Map(byClass(row, 'span', 'rule').map((s) => [attr(s, 'data-rule')!, Number(attr(s, 'data-count'))]));
      assert.deepEqual(got, want, f.path);
    }
    const totals = all(byClass(doc, 'table', 'by-rule')[0], (n) => n.nodeName === 'tr' && attr(n, 'data-rule') !== undefined).map((n) => `${attr(n, 'data-rule')}=${text(byTag(n, 'td')[1])}`);
    assert.deepEqual(totals, ['balance=2', 'carry-over=2', 'row-total=2', 'series-gap=1', 'stock-continuity=1']);
    // Two agencies, two charts; 松岭 2020 (2019 format), 2021, 2022: nine bars with the tables' totals.
    const charts = byClass(doc, 'svg', 'chart');
    assert.equal(charts.length, 2);
    const songling = all(doc, (n) => n.nodeName === 'article' && hasClass(n, 'agency') && text(byTag(n, 'h3')[0]) === '青禾市松岭县林业局')[0];
    assert.deepEqual(
      byClass(songling, 'rect', 'bar').map((b) => text(byTag(b, 'title')[0])),
      ['2020 年度 本年新收：25', '2020 年度 予以公开：13', '2020 年度 结转下年度：3', '2021 年度 本年新收：37', '2021 年度 予以公开：20', '2021 年度 结转下年度：5', '2022 年度 本年新收：32', '2022 年度 予以公开：20', '2022 年度 结转下年度：4'],
    );
    // Every link from the page opens a file beside it.
    const hrefs = new Set(all(doc, (n) => n.nodeName === 'a' && !!attr(n, 'href') && !attr(n, 'href')!.startsWith('#')).map((a) => attr(a, 'href')!));
    assert.ok(hrefs.size >= 5);
    for (const h of hrefs) {
      assert.match(h, /^\.\.\//);
      assert.ok(fs.existsSync(path.resolve(path.dirname(out), decodeURIComponent(h))), h);
    }
    assert.deepEqual(fs.readdirSync(path.dirname(out)), ['汇总.html'], 'no temporary file left');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('nianbao report: exit 0 without errors, 2 for usage and I/O errors, --out - on stdout', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-report-'));
  try {
    const out = path.join(dir, 'clean.html');
    const clean = nianbao(['report', 'test/fixtures/series-page/baishi-2021.txt', '--out', out]);
    assert.equal(clean.status, 0, clean.stderr);
    assert.ok(fs.readFileSync(out, 'utf8').includes('没有发现问题。'));
    const stdout = nianbao(['report', 'test/fixtures/series-page/baishi-2021.txt', '--out', '-']);
    assert.equal(stdout.status, 0);
    assert.match(stdout.stdout, /^<!DOCTYPE html>/);
    const noOut = nianbao(['report', 'test/fixtures/series']);
    assert.equal(noOut.status, 2);
    assert.match(noOut.stderr, /report 需要 --out FILE/);
    const missing = nianbao(['report', 'test/fixtures/series', 'test/fixtures/no-such-dir', '--out', path.join(dir, 'partial.html')]);
    assert.equal(missing.status, 2, 'an unreadable path: exit 2, the page still written with the others');
    assert.ok(fs.existsSync(path.join(dir, 'partial.html')));
    const nowhere = nianbao(['report', 'test/fixtures/series', '--out', path.join(dir, 'no', 'such', 'dir', 'x.html')]);
    assert.equal(nowhere.status, 2);
    assert.match(nowhere.stderr, /写入失败/);
    const help = nianbao(['report', '--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /nianbao report --out FILE/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
