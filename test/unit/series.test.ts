// Reports across years (core/src/series.ts, README.md "Across years"): an own fixture series of one
// invented agency (2020 in the 2019 tables, 2021, 2022 with a wrong 上年结转), through the core and the
// command line; then the 平潭 published reports beside the project, when present.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { agencyKey, applyEdits, checkDocument, checkSeries, groupSeries, readText, seriesMember } from '../../core/src';
import type { Problem, SeriesMember } from '../../core/src';
import { readHtml } from '../../core/src/readers/html';
import { documentOf } from '../../core/src';
import { FIXTURES, ROOT, where } from '../helpers';
import { nianbao } from './cli-helpers';

const SERIES = path.join(FIXTURES, 'series');
const read = (name: string) => fs.readFileSync(path.join(SERIES, name), 'utf8');
const member = (name: string, text = read(name)) => seriesMember(name, name, readText(text));
const YEARS = ['songling-2020.txt', 'songling-2021.txt', 'songling-2022.txt'];

function across(members: SeriesMember[]): Map<string, Problem[]> {
  return checkSeries(members);
}

test('the agency key drops the year, the title tail, 关于, spaces; 办公厅 is 办公室', () => {
  assert.equal(agencyKey('青禾市松岭县林业局2022年度政府信息公开工作年度报告'), '青禾市松岭县林业局');
  assert.equal(agencyKey('关于 青禾市松岭县林业局 2021 年政府信息公开工作年度报告'), '青禾市松岭县林业局');
  assert.equal(agencyKey('青禾市人民政府办公厅'), agencyKey('青禾市人民政府办公室'));
  assert.equal(agencyKey('《青禾市松岭县林业局二〇二〇年度政府信息公开工作报告》'), '青禾市松岭县林业局');
  assert.equal(agencyKey(''), null);
});

test('the fixtures are one series of three years, each clean alone but 2022', () => {
  const members = YEARS.map((n) => member(n));
  const series = groupSeries(members);
  assert.equal(series.length, 1);
  assert.deepEqual(series[0].members.map((m) => m.year), [2020, 2021, 2022]);
  assert.deepEqual(checkDocument(members[0].doc).map((p) => p.code), []);
  assert.deepEqual(checkDocument(members[1].doc).map((p) => p.code), []);
  assert.equal(members[0].doc.report.format, '2019');
});

test('carry-over: found on the 2022 cells, with related information on the 2021 cells', () => {
  const members = YEARS.map((n) => member(n));
  const found = across(members);
  assert.equal(found.get('songling-2020.txt'), undefined);
  assert.equal(found.get('songling-2021.txt'), undefined, '2021 carries in what 2020 (2019 tables) carried over');
  const text = read('songling-2022.txt');
  const last = read('songling-2021.txt');
  const got = found.get('songling-2022.txt')!;
  assert.deepEqual(got.map((p) => where(text, p)), ['14:13 stock-continuity', '31:18 carry-over', '31:30 carry-over']);
  const [, natural, total] = got;
  assert.equal(natural.severity, 'error');
  assert.match(natural.message, /自然人为 3，与上年（2021 年度）报告 songling-2021\.txt 中“四、结转下年度继续办理”·自然人的 4 不一致/);
  assert.equal(natural.related!.length, 1);
  assert.equal(natural.related![0].file, 'songling-2021.txt');
  assert.equal(last.slice(natural.related![0].span.start, natural.related![0].span.end), '4');
  assert.equal(where(last, { ...natural, span: natural.related![0].span }), '54:13 carry-over');
  assert.equal(where(last, { ...total, span: total.related![0].span }), '54:25 carry-over');
  // stock-continuity names the figures and says it may be legitimate.
  assert.match(got[0].message, /现行有效件数为 30.*27 \+ 本年制发 3 − 本年废止 1 = 29/);
  assert.match(got[0].message, /修订、清理或重新统计/);
  assert.equal(got[0].severity, 'warning');
});

test('carry-over quick fix takes last year\'s values: carry-over and the balance it broke are gone', () => {
  const members = YEARS.map((n) => member(n));
  const natural = across(members).get('songling-2022.txt')!.find((p) => p.code === 'carry-over')!;
  assert.ok(natural.fix!.preferred);
  const text = read('songling-2022.txt');
  assert.deepEqual(natural.fix!.edits.map((e) => [text.slice(e.start, e.end), e.newText]), [['3', '4'], ['4', '5']]);
  assert.equal(natural.alternativeFixes!.length, 1);
  const fixed = applyEdits(text, natural.fix!.edits);
  const after = across([members[0], members[1], member('songling-2022.txt', fixed)]).get('songling-2022.txt') ?? [];
  assert.deepEqual(after.map((p) => p.code), ['stock-continuity']);
  assert.deepEqual(checkDocument(readText(fixed)).map((p) => p.code), [], 'the balance holds again');
});

test('carry-over against a 2019-format last year compares the seven columns both have', () => {
  // 2021 counted one more 商业企业 application as carried in and one fewer as new: its own sums hold.
  const text = read('songling-2021.txt')
    .replace('一、本年新收政府信息公开申请数量\t30\t5\t1\t0\t1\t0\t37', '一、本年新收政府信息公开申请数量\t30\t4\t1\t0\t1\t0\t36')
    .replace('二、上年结转政府信息公开申请数量\t2\t1\t0\t0\t0\t0\t3', '二、上年结转政府信息公开申请数量\t2\t2\t0\t0\t0\t0\t4');
  assert.deepEqual(checkDocument(readText(text)).map((p) => p.code), []);
  const got = across([member('songling-2020.txt'), member('songling-2021.txt', text)]).get('songling-2021.txt')!;
  assert.deepEqual(got.map((p) => where(text, p)), ['31:20 carry-over', '31:30 carry-over']);
  assert.match(got[0].message, /商业企业为 2.*2020 年度.*商业企业的 1 不一致/);
  assert.equal(got[0].related![0].file, 'songling-2020.txt');
  assert.equal(got[0].fix!.preferred, false, 'the balance would break: offered, not preferred');
});

test('a year missing inside the series: information once, on the later report', () => {
  const got = across([member('songling-2020.txt'), member('songling-2022.txt')]);
  assert.equal(got.get('songling-2020.txt'), undefined);
  const list = got.get('songling-2022.txt')!;
  assert.deepEqual(list.map((p) => `${p.code}:${p.severity}`), ['series-gap:info']);
  assert.match(list[0].message, /缺少 2021 年度报告（已有 2020 年度和 2022 年度）/);
  const text = read('songling-2022.txt');
  assert.equal(text.slice(list[0].span.start, list[0].span.end), '2022');
});

test('settings: a cross-year rule off is not run, a severity is changed', () => {
  const members = YEARS.map((n) => member(n));
  const got = checkSeries(members, () => ({ rules: { 'carry-over': 'off', 'stock-continuity': 'info' } })).get('songling-2022.txt')!;
  assert.deepEqual(got.map((p) => `${p.code}:${p.severity}`), ['stock-continuity:info']);
});

test('CLI: check DIR forms the series; JSON related names last year\'s file and cell; SARIF points into it', () => {
  const r = nianbao(['check', '--format', 'json', 'test/fixtures/series']);
  assert.equal(r.status, 1, r.stderr);
  const files = JSON.parse(r.stdout).files as { path: string; diagnostics: { code: string; line: number; column: number; related?: { path?: string; line: number; column: number; message: string }[] }[] }[];
  const y2022 = files.find((f) => f.path.endsWith('songling-2022.txt'))!;
  const carry = y2022.diagnostics.filter((d) => d.code === 'carry-over');
  assert.deepEqual(carry.map((d) => `${d.line}:${d.column}`), ['31:18', '31:30']);
  assert.deepEqual(carry[0].related, [{ message: '上年（2021 年度）“四、结转下年度继续办理”·自然人：4', path: path.join('test', 'fixtures', 'series', 'songling-2021.txt'), line: 54, column: 13, endLine: 54, endColumn: 14 }]);
  // One file alone has no series.
  const alone = nianbao(['check', '--format', 'json', 'test/fixtures/series/songling-2022.txt']);
  assert.ok(!JSON.parse(alone.stdout).files[0].diagnostics.some((d: { code: string }) => d.code === 'carry-over'));
  const sarif = JSON.parse(nianbao(['check', '--format', 'sarif', 'test/fixtures/series']).stdout);
  const result = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'carry-over');
  assert.equal(result.relatedLocations[0].physicalLocation.artifactLocation.uri, 'test/fixtures/series/songling-2021.txt');
  assert.equal(result.relatedLocations[0].physicalLocation.region.startLine, 54);
  // --rule switches it off like any rule.
  const off = JSON.parse(nianbao(['check', '--format', 'json', '--rule', 'carry-over=off', 'test/fixtures/series']).stdout);
  assert.ok(!off.files.some((f: { diagnostics: { code: string }[] }) => f.diagnostics.some((d) => d.code === 'carry-over')));
});

const EXAMPLES = path.resolve(ROOT, '..', 'shared', 'examples');

test('the 平潭 published reports form one series; what the cross-year checks find there', { skip: fs.existsSync(EXAMPLES) ? false : `examples not found at ${EXAMPLES}: this part is skipped` }, () => {
  const files = fs.readdirSync(EXAMPLES).filter((f) => /^pingtan-\d{4}\.(txt|html)$/.test(f)).sort();
  const members = files.map((f) => {
    const text = fs.readFileSync(path.join(EXAMPLES, f), 'utf8');
    return seriesMember(f, f, f.endsWith('.html') ? documentOf(readHtml(text)) : readText(text));
  });
  const series = groupSeries(members);
  const pingtan = series.find((s) => s.agency.includes('平潭'))!;
  assert.equal(series.length, 1, series.map((s) => s.key).join(', '));
  const years = [...new Set(pingtan.members.map((m) => m.year))];
  assert.deepEqual(years, [2019, 2021, 2022, 2023, 2024].filter((y) => files.some((f) => f.includes(String(y)) && f.endsWith('.txt'))));
  const untitled = members.filter((m) => m.key === null).map((m) => m.id);
  const found = checkSeries(members);
  const lines: string[] = [];
  for (const m of pingtan.members) for (const p of found.get(m.id) ?? []) lines.push(`${m.id}: [${p.code}] ${p.message}`);
  console.log(`平潭 series: ${pingtan.members.map((m) => m.id).join(', ')}${untitled.length ? `; not in the series (no title to name the agency): ${untitled.join(', ')}` : ''}`);
  console.log(lines.length ? lines.join('\n') : '(no cross-year findings)');
  // The 2020 report is not there: one gap, told on 2021.
  assert.deepEqual(lines.filter((l) => l.includes('[series-gap]')).map((l) => l.split(':')[0]), ['pingtan-2021.txt']);
});

// ---------------------------------------------------------------------------
// New draft from last year's, 2019 → 2021 conversion (core/src/draft.ts)

import { convertTo2021, draftFromLastYear } from '../../core/src/draft';
import { FORMAT_2021, parse, check } from '../../core/src';
import * as os from 'node:os';

test('the draft from last year\'s: new year everywhere, 上年结转 from last year, 现行有效 carried, no carry-over error', () => {
  const last = readText(read('songling-2021.txt')).report;
  const draft = draftFromLastYear(last, { year: 2022 });
  assert.match(draft.split('\n')[0], /^青禾市松岭县林业局2022年度政府信息公开工作年度报告$/);
  assert.ok(!/2021\s*年/.test(draft), 'no 2021 left in the draft');
  assert.match(draft, /统计期限从2022年1月1日到2022年12月31日/);
  assert.match(draft, /2022年，本局认真落实政府信息公开工作要求/, 'last year\'s prose kept, its year moved on');
  const doc = readText(draft);
  const t3 = doc.report.tables.find((t) => t.id === 'T3')!;
  assert.deepEqual(t3.rows.find((r) => r.key === 'carriedIn')!.cells.map((c) => c.value), [4, 1, 0, 0, 0, 0, 5]);
  assert.deepEqual(t3.rows.find((r) => r.key === 'received')!.cells.map((c) => c.value), [0, 0, 0, 0, 0, 0, 0]);
  const t2 = doc.report.tables.find((t) => t.id === 'T2')!;
  assert.deepEqual(t2.rows.find((r) => r.key === 'normative')!.cells.map((c) => `${c.column}=${c.value}`), ['issued=0', 'repealed=0', 'valid=27']);
  const across2 = checkSeries([member('songling-2021.txt'), seriesMember('draft', 'draft', doc)]).get('draft') ?? [];
  assert.deepEqual(across2.map((p) => p.code), []);
  const own = checkDocument(doc).map((p) => p.code);
  assert.ok(!own.includes('table-shape') && !own.includes('year-mismatch') && !own.includes('format-outdated'), own.join(', '));
});

test('the draft from a 2019-format last year is in the 2021 format', () => {
  const draft = draftFromLastYear(readText(read('songling-2020.txt')).report, { year: 2021 });
  const doc = readText(draft);
  assert.equal(doc.report.format, '2021');
  assert.ok(doc.report.tables.every((t) => t.format === '2021'));
  assert.deepEqual(doc.report.tables.find((t) => t.id === 'T3')!.rows.find((r) => r.key === 'carriedIn')!.cells.map((c) => c.value), [2, 1, 0, 0, 0, 0, 3]);
  assert.deepEqual(checkSeries([member('songling-2020.txt'), seriesMember('d', 'd', doc)]).get('d') ?? [], []);
  assert.ok(!checkDocument(doc).some((p) => p.code === 'table-shape'));
});

test('converting the 2019 tables: a 2021-format report with no table-shape error; uncertain cells flagged', () => {
  const c = convertTo2021(readText(read('songling-2020.txt')).report)!;
  const converted = applyEdits(read('songling-2020.txt'), c.edits);
  const as2021 = parse(converted, { formats: [FORMAT_2021] });
  assert.ok(as2021.tables.every((t) => t.format === '2021'));
  assert.deepEqual(check(as2021).filter((p) => p.code === 'table-shape'), []);
  const t3 = as2021.tables.find((t) => t.id === 'T3')!;
  assert.deepEqual(t3.rows.find((r) => r.key === 'carriedOut')!.cells.map((c) => c.value), [2, 1, 0, 0, 0, 0, 3]);
  const t2 = as2021.tables.find((t) => t.id === 'T2')!;
  assert.deepEqual(t2.rows.find((r) => r.key === 'normative')!.cells.map((x) => `${x.column}=${x.value}`), ['issued=4', 'repealed=0', 'valid=0']);
  assert.deepEqual(t2.rows.find((r) => r.key === 'licensing')!.cells.map((x) => x.value), [96]);
  assert.deepEqual(c.flags.map((f) => `${f.table}${f.cell}`), [
    '表二“规章”·本年废止件数、“规章”·现行有效件数',
    '表二“行政规范性文件”·本年废止件数、“行政规范性文件”·现行有效件数',
    '表二“行政事业性收费”',
  ]);
});

test('CLI: new --from … --year, convert', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-new-'));
  try {
    const out = path.join(dir, 'songling-2022.txt');
    const r = nianbao(['new', '--from', 'test/fixtures/series/songling-2021.txt', '--year', '2022', '--out', out]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(nianbao(['new', '--from', 'test/fixtures/series/songling-2021.txt', '--out', out]).status, 2, 'never overwrites');
    fs.copyFileSync(path.join(SERIES, 'songling-2021.txt'), path.join(dir, 'songling-2021.txt'));
    const checked = JSON.parse(nianbao(['check', '--format', 'json', dir]).stdout);
    const draft = checked.files.find((f: { path: string }) => f.path.endsWith('songling-2022.txt'));
    assert.equal(draft.report.year, 2022);
    assert.ok(!draft.diagnostics.some((d: { code: string }) => d.code === 'carry-over' || d.code === 'table-shape'));
    const stdout = nianbao(['new', '--from', 'test/fixtures/series/songling-2020.txt']);
    assert.match(stdout.stdout, /^青禾市松岭县林业局2021年度/);
    const conv = nianbao(['convert', '--to', '2021', 'test/fixtures/series/songling-2020.txt']);
    assert.equal(conv.status, 0, conv.stderr);
    assert.match(conv.stdout, /本年制发件数/);
    assert.match(conv.stderr, /表二“行政规范性文件”·本年废止件数/);
    assert.match(conv.stderr, /已改为 2021 年格式的表格/);
    // the converted report reads as a 2021 report with no table-shape error
    const converted = path.join(dir, 'songling-2020-converted.txt');
    fs.writeFileSync(converted, conv.stdout);
    const after = JSON.parse(nianbao(['check', '--format', 'json', converted]).stdout).files[0];
    assert.deepEqual(after.diagnostics.filter((d: { code: string }) => d.code === 'table-shape' || d.code === 'format-outdated'), []);
    // the report stays a 2020 report; its 表二 and 表三 now read as the 2021 tables
    const shown = JSON.parse(nianbao(['show', '--format', 'json', converted]).stdout);
    assert.deepEqual(shown.tables.filter((t: { id: string }) => t.id !== 'T4').map((t: { id: string; format: string }) => `${t.id}:${t.format}`), ['T2:2021', 'T3:2021']);
    // --write rewrites in place; a report already in the 2021 tables is left as it is
    const w = path.join(dir, 'songling-2020.txt');
    fs.copyFileSync(path.join(SERIES, 'songling-2020.txt'), w);
    assert.equal(nianbao(['convert', '--to', '2021', '--write', w]).status, 0);
    assert.equal(fs.readFileSync(w, 'utf8'), conv.stdout);
    const again = nianbao(['convert', '--to', '2021', w]);
    assert.equal(again.status, 0);
    assert.match(again.stderr, /没有 2019 年格式的表二、表三/);
    assert.equal(again.stdout, conv.stdout);
    // the layout targets are unchanged by the 2021 target
    assert.equal(nianbao(['convert', 'test/fixtures/series/songling-2020.txt']).status, 2, '--to is required');
    assert.equal(nianbao(['convert', '--to', '2019', 'test/fixtures/series/songling-2020.txt']).status, 2);
    assert.equal(nianbao(['new']).status, 2);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
