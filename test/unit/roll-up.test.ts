// Roll-up (docs/rules/roll-up.md, docs/config.md `rollUp`): an own fixture district (青禾市柳溪区人民政府
// 2023, test/fixtures/roll-up/district-2023.txt) sums up three departments; its .nianbao.json names two
// of them by agency and one by glob. The district wrote 31 for 一、本年新收·自然人 where the departments'
// 12 + 8 + 10 make 30 (its row total 35 is right). Through the core, the config reader and the CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkRollUp, isAgency, isFileEntry, readText, seriesMember } from '../../core/src';
import type { RollUpPart, SeriesMember } from '../../core/src';
import { loadConfig, ConfigError } from '../../node/src/config';
import { rollUpGroups } from '../../node/src/roll-up';
import { FIXTURES } from '../helpers';
import { nianbao } from './cli-helpers';

const DIR = path.join(FIXTURES, 'roll-up');
const NAMES = ['district-2023.txt', 'jiaoyu-2023.txt', 'caizheng-2023.txt', 'weijian-2023.txt'];
const read = (name: string) => fs.readFileSync(path.join(DIR, name), 'utf8');
const member = (name: string, text = read(name)): SeriesMember => seriesMember(name, name, readText(text));
const candidates = (names = NAMES) => names.map((n) => ({ member: member(n), file: path.join(DIR, n) }));

const OFF_MESSAGE = '表三“一、本年新收政府信息公开申请数量”·自然人：汇总值 31，各报告合计 30（jiaoyu-2023.txt 12 + caizheng-2023.txt 8 + weijian-2023.txt 10），差 +1';

test('rollUp entries: a glob or file name has a wildcard, a slash or a dot; an agency name has none', () => {
  assert.equal(isFileEntry('district-*.txt'), true);
  assert.equal(isFileEntry('towns/'), true);
  assert.equal(isFileEntry('区政府.nianbao.txt'), true);
  assert.equal(isFileEntry('青禾市柳溪区教育局'), false);
  const m = member('jiaoyu-2023.txt');
  assert.equal(isAgency('青禾市柳溪区教育局', m), true);
  assert.equal(isAgency(' 青禾市柳溪区教育局 ', m), true, 'spaces do not matter');
  assert.equal(isAgency('青禾市柳溪区财政局', m), false);
});

test('the config: rollUp is read; wrong shapes are errors with their place', () => {
  const config = loadConfig(path.join(DIR, '.nianbao.json'));
  assert.deepEqual(config.rollUp, [{ report: 'district-*.txt', sums: ['青禾市柳溪区教育局', '青禾市柳溪区财政局', 'weijian-*.txt'] }]);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-rollup-config-'));
  const bad = (json: string): ConfigError => {
    fs.writeFileSync(path.join(tmp, '.nianbao.json'), json);
    try {
      loadConfig(path.join(tmp, '.nianbao.json'));
    } catch (e) {
      assert.ok(e instanceof ConfigError);
      return e;
    }
    assert.fail(`accepted: ${json}`);
  };
  try {
    assert.match(bad('{ "rollUp": {} }').message, /“rollUp”应是数组/);
    assert.match(bad('{ "rollUp": [{ "sums": ["甲"] }] }').message, /都要有“report”/);
    assert.match(bad('{ "rollUp": [{ "report": "a.txt" }] }').message, /都要有“sums”/);
    assert.match(bad('{ "rollUp": [{ "report": "a.txt", "sums": [] }] }').message, /“sums”至少要有一项/);
    const e = bad('{\n  "rollUp": [{ "report": "a.txt", "sums": ["甲"], "year": 2023 }]\n}');
    assert.match(e.message, /“rollUp”中未知的项“year”；可用：report、sums/);
    assert.equal(e.line, 2);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('the groups: the district sums the three departments of its year', () => {
  const config = loadConfig(path.join(DIR, '.nianbao.json'));
  const groups = rollUpGroups(config, candidates());
  assert.equal(groups.length, 1);
  assert.equal(groups[0].total.id, 'district-2023.txt');
  assert.deepEqual(
    groups[0].parts.map((p) => [p.entry, p.members.map((m) => m.id)]),
    [
      ['青禾市柳溪区教育局', ['jiaoyu-2023.txt']],
      ['青禾市柳溪区财政局', ['caizheng-2023.txt']],
      ['weijian-*.txt', ['weijian-2023.txt']],
    ],
  );
  // Another year's department is not a part of 2023's district.
  const other = member('caizheng-2023.txt', read('caizheng-2023.txt').replace(/2023/g, '2022'));
  const g2 = rollUpGroups(config, [...candidates(NAMES.filter((n) => n !== 'caizheng-2023.txt')), { member: other, file: path.join(DIR, 'caizheng-2022.txt') }]);
  assert.deepEqual(g2[0].parts[1].members, []);
});

test('core: the one cell off is found on the district\'s cell, naming 汇总值, 各报告合计 and 差, related to each department\'s cell', () => {
  const [district, ...departments] = NAMES.map((n) => member(n));
  const parts: RollUpPart[] = departments.map((m) => ({ entry: m.name, members: [m] }));
  const problems = checkRollUp(district, parts);
  assert.deepEqual(problems.map((p) => `${p.code}:${p.severity}`), ['roll-up:warning']);
  const p = problems[0];
  const text = read('district-2023.txt');
  const line = text.split('\n').findIndex((l) => l.startsWith('一、本年新收'));
  const start = text.split('\n').slice(0, line).join('\n').length + 1 + '一、本年新收政府信息公开申请数量\t'.length;
  assert.deepEqual(p.span, { start, end: start + 2 });
  assert.equal(text.slice(p.span.start, p.span.end), '31');
  assert.equal(p.message, OFF_MESSAGE);
  assert.deepEqual(
    p.related!.map((r) => [r.file, read(r.file!).slice(r.span.start, r.span.end), r.message]),
    [
      ['jiaoyu-2023.txt', '12', 'jiaoyu-2023.txt（2023 年度）表三“一、本年新收政府信息公开申请数量”·自然人：12'],
      ['caizheng-2023.txt', '8', 'caizheng-2023.txt（2023 年度）表三“一、本年新收政府信息公开申请数量”·自然人：8'],
      ['weijian-2023.txt', '10', 'weijian-2023.txt（2023 年度）表三“一、本年新收政府信息公开申请数量”·自然人：10'],
    ],
  );
  // Corrected, nothing is left; with the rule off, nothing is said.
  const fixed = member('district-2023.txt', text.slice(0, p.span.start) + '30' + text.slice(p.span.end));
  assert.deepEqual(checkRollUp(fixed, parts), []);
  assert.deepEqual(checkRollUp(district, parts, { rules: { 'roll-up': 'off' } }), []);
  assert.equal(checkRollUp(district, parts, { rules: { 'roll-up': 'error' } })[0].severity, 'error');
});

test('core: a total that differs while every hand-written cell agrees is named; 表四 is compared too', () => {
  const [, ...departments] = NAMES.map((n) => member(n));
  const parts: RollUpPart[] = departments.map((m) => ({ entry: m.name, members: [m] }));
  // The district corrected, and its 表四 行政复议 says 2 upheld where the departments have 1.
  const text = read('district-2023.txt').replace('一、本年新收政府信息公开申请数量\t31', '一、本年新收政府信息公开申请数量\t30');
  const t4 = text.replace(/\n1\t0\t0\t0\t1\t0/, '\n2\t0\t0\t0\t2\t0');
  assert.notEqual(t4, text);
  const got = checkRollUp(member('district-2023.txt', t4), parts);
  assert.deepEqual(got.map((p) => p.message), ['表四行政复议·结果维持：汇总值 2，各报告合计 1（jiaoyu-2023.txt 1 + caizheng-2023.txt 0 + weijian-2023.txt 0），差 +1']);
});

test('core: a missing report is named once on the title, and the cells are not compared', () => {
  const [district, jiaoyu, , weijian] = NAMES.map((n) => member(n));
  const parts: RollUpPart[] = [
    { entry: '青禾市柳溪区教育局', members: [jiaoyu] },
    { entry: '青禾市柳溪区财政局', members: [] },
    { entry: 'weijian-*.txt', members: [weijian] },
  ];
  const got = checkRollUp(district, parts);
  assert.equal(got.length, 1);
  assert.equal(got[0].span.start, 0);
  assert.equal(got[0].message, '本报告汇总 3 项下级报告，其中 1 项没有 2023 年度的报告在所检查的目录中：青禾市柳溪区财政局。补齐后才能核对表三、表四是否等于各报告之和');
});

test('CLI: check DIR runs roll-up from the folder\'s config; JSON related names each department\'s file and cell', () => {
  const r = nianbao(['check', '--format', 'json', 'test/fixtures/roll-up']);
  assert.equal(r.status, 1, r.stderr);
  const files = JSON.parse(r.stdout).files as { path: string; diagnostics: { code: string; severity: string; message: string; line: number; column: number; related?: { path?: string; line: number; column: number; message: string }[] }[] }[];
  const rolled = files.flatMap((f) => f.diagnostics.filter((d) => d.code === 'roll-up').map((d) => ({ ...d, path: f.path })));
  assert.equal(rolled.length, 1);
  assert.equal(rolled[0].path, path.join('test', 'fixtures', 'roll-up', 'district-2023.txt'));
  assert.deepEqual([rolled[0].severity, rolled[0].line, rolled[0].column, rolled[0].message], ['warning', 30, 18, OFF_MESSAGE]);
  assert.deepEqual(
    rolled[0].related!.map((x) => `${x.path}:${x.line}:${x.column}`),
    ['jiaoyu-2023.txt', 'caizheng-2023.txt', 'weijian-2023.txt'].map((n) => `${path.join('test', 'fixtures', 'roll-up', n)}:30:18`),
  );
  // Text output names it too; --rule roll-up=off silences it.
  assert.match(nianbao(['check', 'test/fixtures/roll-up']).stdout, /district-2023\.txt:30:18 {2}warning {2}表三“一、本年新收政府信息公开申请数量”·自然人：汇总值 31/);
  const off = JSON.parse(nianbao(['check', '--format', 'json', '--rule', 'roll-up=off', 'test/fixtures/roll-up']).stdout);
  assert.ok(!off.files.some((f: { diagnostics: { code: string }[] }) => f.diagnostics.some((d) => d.code === 'roll-up')));
});

test('CLI: a department missing from the folder is named on the district\'s title', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-rollup-'));
  try {
    for (const n of ['.nianbao.json', 'district-2023.txt', 'jiaoyu-2023.txt', 'weijian-2023.txt']) fs.copyFileSync(path.join(DIR, n), path.join(tmp, n));
    const r = nianbao(['check', '--format', 'json', tmp]);
    const district = JSON.parse(r.stdout).files.find((f: { path: string }) => f.path.endsWith('district-2023.txt'));
    const rolled = district.diagnostics.filter((d: { code: string }) => d.code === 'roll-up');
    assert.deepEqual(
      rolled.map((d: { line: number; column: number; message: string }) => `${d.line}:${d.column} ${d.message}`),
      ['1:1 本报告汇总 3 项下级报告，其中 1 项没有 2023 年度的报告在所检查的目录中：青禾市柳溪区财政局。补齐后才能核对表三、表四是否等于各报告之和'],
    );
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('CLI: the series page (nianbao report) counts the roll-up warning of the district', () => {
  const r = nianbao(['report', '--out', '-', 'test/fixtures/roll-up']);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /roll-up/);
  assert.match(r.stdout, /汇总值 31，各报告合计 30/);
});
