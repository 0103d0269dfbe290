// The rule documentation pages and the disposition hovers are a public interface: `nianbao explain CODE`
// prints the page, diagnostics link to it, and hovers tell a civil servant which article applies. These
// tests pin their structure and the facts that matter (severity, fixability, may/must, no invented article).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DISPOSITIONS, dispositionHover } from '../../core/src/legal';
import { FORMATS } from '../../core/src/format';

// Compiled to out/test/unit/, so the repository root is three levels up.
const DOCS_DIR = path.join(__dirname, '../../../docs/rules');

/** Default severity and whether a quick fix exists, as the docs/rules pages state them. */
const RULES: Record<string, { severity: '错误' | '警告' | '提示'; fixable: boolean }> = {
  'section-missing': { severity: '错误', fixable: true },
  'section-order': { severity: '警告', fixable: false },
  'section-heading': { severity: '警告', fixable: true },
  'table-missing': { severity: '错误', fixable: true },
  'table-shape': { severity: '错误', fixable: false },
  'cell-not-number': { severity: '错误', fixable: true },
  'row-total': { severity: '错误', fixable: true },
  'column-total': { severity: '错误', fixable: true },
  balance: { severity: '错误', fixable: true },
  'review-total': { severity: '错误', fixable: true },
  'litigation-total': { severity: '错误', fixable: true },
  'year-mismatch': { severity: '警告', fixable: true },
  'format-outdated': { severity: '警告', fixable: false },
  'narrative-mismatch': { severity: '警告', fixable: true },
  'fee-missing': { severity: '提示', fixable: false },
  'cell-ambiguous': { severity: '警告', fixable: false },
  'cell-reading': { severity: '提示', fixable: false },
};

const HEADINGS = ['## 检查什么', '## 为什么', '## 错误示例', '## 正确示例', '## 修复'];
/** The page is printed as is in a terminal: keep it to a screenful. */
const MAX_PAGE_LINES = 60;
/** Non-rule pages that may sit next to the rule pages. */
const INDEX_PAGES = new Set(['README.md', 'index.md']);

function readPage(code: string): string {
  return fs.readFileSync(path.join(DOCS_DIR, `${code}.md`), 'utf8');
}

for (const [code, expected] of Object.entries(RULES)) {
  test(`docs/rules/${code}.md has the common structure`, () => {
    const text = readPage(code);
    const lines = text.split(/\r?\n/);
    assert.ok(lines[0].startsWith(`# ${code}：`), `title line: ${lines[0]}`);
    assert.ok(lines[0].length > `# ${code}：`.length, 'title names the rule in Chinese');
    const headings = lines.filter((l) => l.startsWith('## '));
    assert.deepEqual(headings, HEADINGS);
    assert.ok(lines.length <= MAX_PAGE_LINES, `${lines.length} lines`);

    const sev = /^默认级别：(错误|警告|提示) · 可自动修复：(是（.+）|否)$/m.exec(text);
    assert.ok(sev, 'severity line');
    assert.equal(sev[1], expected.severity);
    assert.equal(sev[2].startsWith('是'), expected.fixable, `fixability: ${sev[2]}`);

    // Both examples carry a fenced text block; the bad one says what nianbao reports.
    const section = (h: string): string => {
      const start = text.indexOf(`${h}\n`);
      const next = text.indexOf('\n## ', start + h.length);
      return text.slice(start, next < 0 ? undefined : next);
    };
    for (const h of ['## 错误示例', '## 正确示例']) {
      assert.match(section(h), /```text\n[\s\S]+?\n```/, `${h} has a text block`);
    }
    assert.match(section('## 错误示例'), /nianbao/);
    assert.match(section('## 为什么'), /条例|国办公开办函/);
  });
}

test('docs/rules holds no page for an unknown code', () => {
  const pages = fs.readdirSync(DOCS_DIR).filter((f) => f.endsWith('.md') && !INDEX_PAGES.has(f));
  const unknown = pages.filter((f) => !(f.slice(0, -3) in RULES));
  assert.deepEqual(unknown, []);
  assert.equal(pages.length, Object.keys(RULES).length);
});

const DISPOSITION_KEYS = [
  'granted',
  'partial',
  ...[1, 2, 3, 4, 5, 6, 7, 8].map((i) => `withheld${i}`),
  ...[1, 2, 3].map((i) => `unable${i}`),
  ...[1, 2, 3, 4, 5].map((i) => `notProcessed${i}`),
  'other1',
  'other2',
  'other3',
  'otherHandling',
];

test('every disposition row has complete legal information', () => {
  assert.deepEqual(Object.keys(DISPOSITIONS).sort(), [...DISPOSITION_KEYS].sort());
  for (const key of DISPOSITION_KEYS) {
    const d = DISPOSITIONS[key];
    for (const field of ['category', 'basis', 'meaning', 'whenToUse', 'misuse', 'counting'] as const) {
      assert.ok(d[field].trim().length > 0, `${key}.${field} is empty`);
    }
    assert.ok(['must', 'may', 'redirect', 'n/a'].includes(d.obligation), `${key}.obligation`);
    const inGroup = /^(withheld|unable|notProcessed|other\d)/.test(key);
    assert.equal(d.group !== '', inGroup, `${key}.group = '${d.group}'`);
  }
});

test('the hovers cover every disposition row of both T3 formats', () => {
  const aggregate = new Set(['received', 'carriedIn', 'resultTotal', 'carriedOut']);
  for (const format of Object.values(FORMATS)) {
    for (const row of format.tables.T3.rows) {
      if (aggregate.has(row.key)) continue;
      assert.ok(dispositionHover(row.key), `${format.id} T3 row ${row.key} has no hover`);
    }
  }
});

test('hover layout: bold title, then the six labelled lines, short', () => {
  for (const key of DISPOSITION_KEYS) {
    const md = dispositionHover(key)!;
    const lines = md.split('\n');
    assert.match(lines[0], /^\*\*.+\*\*$/);
    for (const label of ['法律依据：', '性质：', '含义：', '何时适用：', '常见误用：', '统计口径：']) {
      assert.ok(md.includes(label), `${key} hover lacks ${label}`);
    }
    assert.ok(lines.length <= 12, `${key} hover has ${lines.length} lines`);
  }
  assert.equal(dispositionHover('withheld5')!.split('\n')[0], '**（三）不予公开 · 5. 属于三类内部事务信息**');
  assert.equal(dispositionHover('nonsense'), null);
  assert.equal(dispositionHover('toString'), null);
});

test('withheld5 names article 16 and its three internal matters, and is discretionary', () => {
  const md = dispositionHover('withheld5')!;
  for (const s of ['第十六条', '人事管理', '后勤管理', '内部工作流程']) assert.ok(md.includes(s), s);
  assert.ok(md.includes('裁量') || md.includes('可以'));
  assert.equal(DISPOSITIONS.withheld5.obligation, 'may');
});

test('the mandatory grounds say so, the discretionary ones say so', () => {
  for (const key of ['withheld1', 'withheld2', 'withheld3', 'withheld4']) {
    assert.equal(DISPOSITIONS[key].obligation, 'must', key);
    assert.match(dispositionHover(key)!, /应当|不得/, key);
  }
  for (const key of ['withheld5', 'withheld6', 'withheld7']) {
    assert.equal(DISPOSITIONS[key].obligation, 'may', key);
    assert.match(dispositionHover(key)!, /性质：[^\n]*(可以|裁量)/, key);
  }
  assert.equal(DISPOSITIONS.withheld8.obligation, 'redirect');
});

test('no article is invented where the statute has none', () => {
  assert.match(DISPOSITIONS.notProcessed5.basis, /无专门条款|未作专门规定/);
  assert.doesNotMatch(DISPOSITIONS.notProcessed5.basis, /第[一二三四五六七八九十百]+条/);
});

test('the 2019 single （六）其他处理 row points to its 2021 split', () => {
  const md = dispositionHover('otherHandling')!;
  assert.match(md, /2021/);
  assert.match(md, /三行/);
});
