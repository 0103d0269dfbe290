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
  'table-shape': { severity: '错误', fixable: true },
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
  'narrative-all-closed': { severity: '警告', fixable: false },
  'narrative-year': { severity: '警告', fixable: true },
  'fee-contradiction': { severity: '警告', fixable: false },
  'section-empty': { severity: '警告', fixable: false },
  'item-numbering': { severity: '警告', fixable: true },
  'carry-over': { severity: '错误', fixable: true },
  'stock-continuity': { severity: '警告', fixable: false },
  'series-gap': { severity: '提示', fixable: false },
  'roll-up': { severity: '警告', fixable: false },
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

// The seven corrections of issue 12, checked against the statute's wording.
test('law 1: the public-interest override of 第十五条 is the agency’s judgment, and 第三十二条 makes it 可以决定予以公开 with written notice', () => {
  const md = dispositionHover('withheld4')!;
  assert.match(md, /行政机关认为不公开会对公共利益造成重大影响的，予以公开/);
  assert.match(md, /可以决定予以公开/);
  assert.match(md, /书面告知第三方/);
  assert.doesNotMatch(md, /应当公开/);
});

test('law 2: a third party’s objection withholds only with 合理理由; silence leaves the decision to the agency (when-to-use and misuse)', () => {
  const d = DISPOSITIONS.withheld4;
  assert.match(d.whenToUse, /不同意公开且有合理理由/);
  assert.match(d.whenToUse, /逾期未提出意见的，由行政机关依照条例规定决定是否公开/);
  assert.match(d.misuse, /合理理由/);
  assert.match(d.misuse, /逾期未提出意见当作不同意/);
});

test('law 3: 过程性信息 is an open list (…请示报告等); 四类 is the format’s label only', () => {
  const d = DISPOSITIONS.withheld6;
  assert.match(d.meaning, /请示报告等过程性信息/);
  assert.match(d.meaning, /不限于这四种/);
  assert.match(d.meaning, /“四类”只是年报格式的行名/);
});

test('law 4: 补正后仍不明确 has no article of its own; 第三十条 covers the one-time notice and no supplement', () => {
  const d = DISPOSITIONS.unable3;
  assert.match(d.basis, /第三十条/);
  assert.match(d.basis, /没有专门条款/);
  assert.match(d.meaning, /一次性告知补正/);
  assert.match(d.meaning, /没有专门规定/);
});

test('law 5: 信息处理费 is free by default (第四十二条), 109号’s thresholds are stated, charging below them is the misuse', () => {
  const d = DISPOSITIONS.other2;
  assert.match(d.meaning, /第四十二条/);
  assert.match(d.meaning, /不收取费用/);
  assert.match(d.meaning, /数量、频次明显超过合理范围/);
  for (const s of ['10件以下（含10件）不收费', '每件100元', '30页以下（含30页）不收费', '每页10元', '每页20元', '每页40元']) assert.ok(d.whenToUse.includes(s), s);
  assert.match(d.misuse, /低于上述标准就收费/);
});

test('law 6: 109号 applies from 2021; a 2019 or 2020 report’s 逾期未缴费 has no basis in it', () => {
  const d = DISPOSITIONS.otherHandling;
  assert.match(d.basis, /109号）自2021年1月1日起施行/);
  assert.match(d.basis, /2019、2020年度的“逾期未缴费”在109号中没有依据/);
});

test('law 7: the narrative-mismatch page describes what the rule does (kinds, scope, numerals, quick fix)', () => {
  const page = readPage('narrative-mismatch');
  for (const s of ['受理', '只在“二、上年结转”为 0 时比较', '予以公开及部分公开', '占N%', '无/未发生', '中文数字', '政务服务', '复议机关', '上年度', '快速修复']) assert.ok(page.includes(s), s);
  assert.match(page, /可自动修复：是/);
});
