// The `nianbao` command line as README.md and nianbao --help describe it: commands, exit codes, the text/JSON/SARIF outputs
// (SARIF validated against the published SARIF 2.1.0 schema), --rule overrides, explain, fix modes.
// Runs the built bundle as a child process (`node bin/nianbao.js …`) from the repository root.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULES } from '../../core/src';
import {
  differingLines,
  firstDigitColumn,
  fixture,
  fixturePath,
  nianbao,
  ROOT,
  SEEDS,
  SUMMARY_LINE,
  tempDir,
  textDiagnostics,
} from './cli-helpers';

const CLEAN = 'cli-clean.txt';
const WRONG = 'cli-wrong-total.txt';
const ROWS_WRONG = 'cli-rows-wrong-total.txt';
const ROWS_CLEAN = 'cli-rows-clean.txt';

/** Where the two wrong totals of cli-wrong-total.txt stand: the only lines that differ from the clean report. */
function wrongCells(): { line: number; column: number; endColumn: number }[] {
  const wrong = fixture(WRONG);
  const lines = wrong.split('\n');
  return differingLines(fixture(CLEAN), wrong).map((n) => {
    const l = lines[n - 1];
    const col = firstDigitColumn(l);
    return { line: n, column: col, endColumn: col + (/[0-9]+/.exec(l.slice(col - 1)) ?? [''])[0].length };
  });
}

describe('nianbao: commands and usage', () => {
  test('--help describes the three commands and the fix modes; exit 0', () => {
    const r = nianbao(['--help']);
    assert.equal(r.status, 0, r.stderr);
    for (const word of ['check', 'fix', 'explain', '--format', '--encoding', '--rule', '--write', '--stdout']) {
      assert.ok(r.stdout.includes(word), `--help mentions ${word}`);
    }
    const fixHelp = nianbao(['fix', '--help']);
    assert.equal(fixHelp.status, 0);
    assert.match(fixHelp.stdout, /试运行 \(dry run\)/, 'fix --help says that fix without a flag is a dry run');
    assert.match(fixHelp.stdout, /--write/);
    assert.equal(nianbao(['check', '--help']).status, 0);
    assert.equal(nianbao(['explain', '--help']).status, 0);
  });

  test('--version prints the package version', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const r = nianbao(['--version']);
    assert.equal(r.status, 0);
    assert.equal(r.stdout.trim(), pkg.version);
  });

  test('usage errors exit 2 with one message on stderr and nothing on stdout', () => {
    const cases: string[][] = [
      [],
      ['frobnicate'],
      ['check'],
      ['check', '--bogus', fixturePath(CLEAN)],
      ['check', '--format', 'xml', fixturePath(CLEAN)],
      ['check', '--format'],
      ['check', '--encoding', 'latin1', fixturePath(CLEAN)],
      ['check', '--rule', 'no-such-rule=off', fixturePath(CLEAN)],
      ['check', '--rule', 'row-total=fatal', fixturePath(CLEAN)],
      ['check', '--rule', 'row-total', fixturePath(CLEAN)],
      ['fix', '--write', '--stdout', fixturePath(CLEAN)],
      ['fix', '--stdout', fixturePath(CLEAN), fixturePath(WRONG)],
      ['fix', '--write', '-'],
      ['check', '--write', fixturePath(CLEAN)],
      ['explain'],
      ['explain', 'row-total', 'balance'],
    ];
    for (const args of cases) {
      const r = nianbao(args);
      assert.equal(r.status, 2, `nianbao ${args.join(' ')} exits 2 (got ${r.status}; stderr ${r.stderr})`);
      assert.equal(r.stdout, '', `nianbao ${args.join(' ')} prints nothing on stdout`);
      assert.match(r.stderr, /^nianbao: /, `nianbao ${args.join(' ')} explains itself on stderr`);
    }
    const unknown = nianbao(['check', '--rule', 'no-such-rule=off', fixturePath(CLEAN)]);
    assert.match(unknown.stderr, /no-such-rule/);
    assert.match(unknown.stderr, /row-total/, 'the message lists the known codes');
  });
});

describe('nianbao check --format text', () => {
  test('a clean report: exit 0, only the summary line, nothing on stderr', () => {
    const r = nianbao(['check', fixturePath(CLEAN)]);
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, '0 个问题（0 个错误，0 个警告，0 个提示），共检查 1 个文件\n');
    assert.equal(r.status, 0);
  });

  test('the same clean report in the one-row-per-line layout: exit 0', () => {
    const r = nianbao(['check', fixturePath(ROWS_CLEAN)]);
    assert.equal(r.stdout, '0 个问题（0 个错误，0 个警告，0 个提示），共检查 1 个文件\n');
    assert.equal(r.status, 0);
  });

  test('wrong totals: exit 1, one `path:line:column  severity  message  [code]` line each, 1-based, then the summary', () => {
    const r = nianbao(['check', fixturePath(WRONG)]);
    assert.equal(r.stderr, '');
    assert.equal(r.status, 1);
    const diags = textDiagnostics(r.stdout);
    const expected = wrongCells();
    assert.equal(expected.length, 2);
    assert.deepEqual(
      diags.map((d) => [d.path, d.line, d.column, d.severity, d.code]),
      expected.map((c) => [fixturePath(WRONG), c.line, c.column, 'error', 'row-total']),
    );
    for (const d of diags) assert.ok(!d.message.includes('\n') && d.message.trim() !== '');
    const lines = r.stdout.trimEnd().split('\n');
    const m = SUMMARY_LINE.exec(lines[lines.length - 1]);
    assert.ok(m, `summary line: ${lines[lines.length - 1]}`);
    assert.deepEqual(m.slice(1).map(Number), [2, 2, 0, 0, 1]);
    assert.equal(lines[lines.length - 1], '2 个问题（2 个错误，0 个警告，0 个提示），共检查 1 个文件');
  });

  test('columns count UTF-16 code units on a line with CJK text and tabs (one row per line)', () => {
    const text = fixture(ROWS_WRONG);
    const lines = text.split('\n');
    const r = nianbao(['check', fixturePath(ROWS_WRONG)]);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    const diags = textDiagnostics(r.stdout).filter((d) => d.code === 'row-total');
    // The wrong totals stand last on the rows （一）予以公开 and （二）部分公开.
    const expected = ['（一）予以公开', '（二）部分公开'].map((label) => {
      const i = lines.findIndex((l) => l.includes(label));
      const line = lines[i];
      assert.ok(/[\u4e00-\u9fff]/.test(line) && line.includes('\t'));
      const column = line.lastIndexOf('\t') + 2; // JS string index = UTF-16 code units
      assert.notEqual(column, Buffer.byteLength(line.slice(0, column - 1)) + 1, 'a byte count would differ');
      return [i + 1, column];
    });
    assert.deepEqual(
      diags.map((d) => [d.line, d.column]),
      expected,
    );
  });

  test('--rule row-total=off removes the diagnostics and changes the exit code; =warning keeps them as warnings', () => {
    // With the row totals off, the two wrong totals still unbalance the 总计 column: one error on
    // （七）总计 naming the candidates (any row's 总计 could be it). Both off: nothing left.
    const rowOff = nianbao(['check', '--rule', 'row-total=off', fixturePath(WRONG)]);
    assert.equal(rowOff.status, 1);
    assert.deepEqual(textDiagnostics(rowOff.stdout).map((d) => d.code), ['column-total']);
    const off = nianbao(['check', '--rule', 'row-total=off', '--rule', 'column-total=off', fixturePath(WRONG)]);
    assert.equal(off.status, 0, off.stdout);
    assert.ok(!off.stdout.includes('[row-total]'));
    assert.equal(off.stdout, '0 个问题（0 个错误，0 个警告，0 个提示），共检查 1 个文件\n');
    const warn = nianbao(['check', '--rule=row-total=warning', fixturePath(WRONG)]);
    assert.equal(warn.status, 0);
    assert.deepEqual(
      textDiagnostics(warn.stdout).map((d) => [d.severity, d.code]),
      [
        ['warning', 'row-total'],
        ['warning', 'row-total'],
      ],
    );
    // Raising a warning rule to error makes a clean run fail only if that rule fires: here it does not.
    assert.equal(nianbao(['check', '--rule', 'fee-missing=error', fixturePath(CLEAN)]).status, 0);
  });

  test('several paths: one summary for all, exit 1 when any file has an error', () => {
    const r = nianbao(['check', fixturePath(CLEAN), fixturePath(WRONG)]);
    assert.equal(r.status, 1);
    assert.match(r.stdout.trimEnd().split('\n').pop()!, /共检查 2 个文件$/);
  });

  test('standard input: `-` is read as a report named <stdin>', () => {
    const r = nianbao(['check', '-'], { input: fixture(WRONG) });
    assert.equal(r.status, 1, r.stderr);
    const diags = textDiagnostics(r.stdout);
    assert.equal(diags.length, 2);
    for (const d of diags) assert.equal(d.path, '<stdin>');
    assert.deepEqual(
      diags.map((d) => d.line),
      wrongCells().map((c) => c.line),
    );
  });
});

describe('nianbao check --format json', () => {
  test('exactly the documented JSON shape, 1-based positions, nothing else on stdout', () => {
    const r = nianbao(['check', '--format', 'json', fixturePath(WRONG), fixturePath(CLEAN)]);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, '');
    const json = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(json), ['files']);
    assert.equal(json.files.length, 2);
    const [wrong, clean] = json.files;
    for (const f of json.files) {
      assert.deepEqual(Object.keys(f).sort(), ['diagnostics', 'encoding', 'path', 'report']);
      assert.deepEqual(Object.keys(f.report).sort(), ['agency', 'format', 'layout', 'title', 'year']);
      assert.equal(f.report.layout, 'cells');
      assert.equal(f.encoding, 'utf-8');
      assert.equal(f.report.year, 2023);
      assert.equal(f.report.format, '2021');
      assert.equal(f.report.agency, '云岭市星河区文化和旅游局');
      assert.equal(typeof f.report.title, 'string');
      assert.match(f.report.title, /2023年政府信息公开工作年度报告/);
    }
    assert.equal(wrong.path, fixturePath(WRONG));
    assert.equal(clean.path, fixturePath(CLEAN));
    assert.deepEqual(clean.diagnostics, []);
    const cells = wrongCells();
    assert.equal(wrong.diagnostics.length, 2);
    wrong.diagnostics.forEach((d: Record<string, unknown>, i: number) => {
      assert.deepEqual(Object.keys(d), ['code', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn', 'fingerprint', 'related']);
      assert.equal(d.code, 'row-total');
      // Each total is located as a wrong cell: its row sum and the 总计 column's sum travel with it.
      const related = d.related as { message: string; line: number; column: number }[];
      assert.equal(related.length, 2);
      assert.equal(related[0].line, cells[i].line);
      assert.equal(related[0].column, cells[i].column);
      assert.match(related[0].message, /实为/);
      assert.match(related[1].message, /^“（七）总计”·总计应为 /);
      assert.equal(d.severity, 'error');
      assert.equal(typeof d.message, 'string');
      assert.equal(d.line, cells[i].line);
      assert.equal(d.column, cells[i].column);
      assert.equal(d.endLine, cells[i].line);
      assert.ok((d.endColumn as number) >= cells[i].endColumn, `end column ${d.endColumn} covers the number`);
    });
  });

  test('a clean run prints {"files":[…]} with empty diagnostics and exits 0', () => {
    const r = nianbao(['check', '--format=json', fixturePath(CLEAN)]);
    assert.equal(r.status, 0);
    assert.deepEqual(JSON.parse(r.stdout).files[0].diagnostics, []);
  });
});

describe('nianbao check --format sarif', () => {
  // The published SARIF 2.1.0 schema as shipped by Microsoft's @microsoft/jest-sarif (schema file
  // sarif-2.1.0-rtm.5.json, JSON Schema draft-04: hence ajv-draft-04 with ajv-formats).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Ajv04 = require('ajv-draft-04');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const addFormats = require('ajv-formats');
  // unicodeRegExp: false — one pattern of the published schema (language tags) is not valid with the u flag.
  const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);

  function sarif(args: string[], cwd?: string): { status: number | null; log: any; stderr: string } {
    const r = nianbao(['check', '--format', 'sarif', ...args], { cwd });
    return { status: r.status, log: JSON.parse(r.stdout), stderr: r.stderr };
  }

  function assertValid(log: unknown): void {
    const ok = validate(log);
    assert.ok(ok, `SARIF validates against the 2.1.0 schema: ${JSON.stringify(validate.errors, null, 1)}`);
  }

  test('the validator rejects an invalid log (it is really checking)', () => {
    assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] }), false);
    assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'fatal' }] }] }), false);
  });

  test('a run with errors validates; one run; every rule with its documentation link; results point into rules', () => {
    const { status, log } = sarif([fixturePath(WRONG)]);
    assert.equal(status, 1);
    assertValid(log);
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    const run = log.runs[0];
    assert.equal(run.columnKind, 'utf16CodeUnits');
    const driver = run.tool.driver;
    assert.equal(driver.name, 'nianbao');
    assert.equal(driver.version, JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
    assert.equal(typeof driver.informationUri, 'string');
    assert.deepEqual(
      driver.rules.map((r: { id: string }) => r.id),
      RULES.map((r) => r.code),
    );
    for (const rule of driver.rules) {
      const meta = RULES.find((r) => r.code === rule.id)!;
      assert.ok(rule.shortDescription.text && rule.fullDescription.text);
      assert.match(rule.helpUri, /^file:/);
      const doc = fileURLToPath(rule.helpUri);
      assert.equal(doc, path.join(ROOT, 'docs', 'rules', `${rule.id}.md`));
      assert.ok(fs.existsSync(doc), `${doc} exists`);
      assert.equal(rule.defaultConfiguration.level, meta.severity === 'info' ? 'note' : meta.severity);
    }
    const cells = wrongCells();
    assert.equal(run.results.length, 2);
    run.results.forEach((res: any, i: number) => {
      assert.equal(res.ruleId, 'row-total');
      assert.equal(driver.rules[res.ruleIndex].id, res.ruleId);
      assert.equal(res.level, 'error');
      assert.ok(res.message.text);
      const loc = res.locations[0].physicalLocation;
      assert.equal(loc.artifactLocation.uri, 'test/fixtures/cli-wrong-total.txt');
      assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
      assert.equal(loc.region.startLine, cells[i].line);
      assert.equal(loc.region.startColumn, cells[i].column);
      assert.equal(loc.region.endLine, cells[i].line);
      assert.ok(loc.region.endColumn >= cells[i].endColumn);
      // The failed sums behind the located cell, as related locations in the same file.
      assert.deepEqual(
        res.relatedLocations.map((x: any) => [x.id, x.physicalLocation.artifactLocation.uri, typeof x.message.text]),
        [
          [0, 'test/fixtures/cli-wrong-total.txt', 'string'],
          [1, 'test/fixtures/cli-wrong-total.txt', 'string'],
        ],
      );
      assert.equal(res.relatedLocations[0].physicalLocation.region.startLine, cells[i].line);
    });
  });

  test('clean runs, warnings, info, overrides, stdin and several files all validate', () => {
    assertValid(sarif([fixturePath(CLEAN)]).log);
    const warn = sarif(['--rule', 'row-total=info', fixturePath(WRONG), fixturePath(ROWS_WRONG)]);
    assert.equal(warn.status, 0);
    assertValid(warn.log);
    assert.ok(warn.log.runs[0].results.every((r: any) => r.level === 'note'));
    const r = nianbao(['check', '--format', 'sarif', '-'], { input: fixture(WRONG) });
    assertValid(JSON.parse(r.stdout));
    // A file outside the working directory gets an absolute file: URI.
    const elsewhere = tempDir();
    const { log } = sarif([path.join(ROOT, fixturePath(WRONG))], elsewhere);
    assertValid(log);
    assert.match(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, /^(file:|test\/)/);
  });

  test('an I/O error still gives a valid log (execution not successful) and exit 2', () => {
    const r = nianbao(['check', '--format', 'sarif', fixturePath(CLEAN), 'no/such/file.txt']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /no\/such\/file\.txt/);
    const log = JSON.parse(r.stdout);
    assertValid(log);
    assert.equal(log.runs[0].invocations[0].executionSuccessful, false);
  });
});

describe('nianbao explain', () => {
  test('explain row-total prints docs/rules/row-total.md', () => {
    const r = nianbao(['explain', 'row-total']);
    assert.equal(r.status, 0, r.stderr);
    const page = fs.readFileSync(path.join(ROOT, 'docs', 'rules', 'row-total.md'), 'utf8');
    assert.equal(r.stdout.trimEnd(), page.trimEnd());
    assert.equal(nianbao(['--explain', 'row-total']).stdout, r.stdout, 'the spelling --explain CODE works too');
  });

  test('every rule code has a page explain can print', () => {
    for (const rule of RULES) {
      const r = nianbao(['explain', rule.code]);
      assert.equal(r.status, 0, `${rule.code}: ${r.stderr}`);
      assert.ok(r.stdout.length > 100);
    }
  });

  test('an unknown code exits 2 and lists the codes', () => {
    const r = nianbao(['explain', 'row-totals']);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    for (const rule of RULES) assert.ok(r.stderr.includes(rule.code), `lists ${rule.code}`);
  });
});

describe('nianbao fix', () => {
  function copyToTemp(name: string): string {
    const dir = tempDir();
    const file = path.join(dir, name);
    fs.copyFileSync(path.join(ROOT, fixturePath(name)), file);
    return file;
  }

  test('without a flag: a dry run that lists the changes and writes nothing', () => {
    const file = copyToTemp(WRONG);
    const before = fs.readFileSync(file);
    const r = nianbao(['fix', file]);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(fs.readFileSync(file), before);
    assert.match(r.stdout, /试运行/);
    const cells = wrongCells();
    assert.ok(r.stdout.includes(`${file}:${cells[0].line}:${cells[0].column}  8 → 7`), r.stdout);
    assert.ok(r.stdout.includes(`${file}:${cells[1].line}:${cells[1].column}  2 → 1`), r.stdout);
  });

  test('--stdout prints the fixed text: the clean report, byte for byte', () => {
    const r = nianbao(['fix', '--stdout', fixturePath(WRONG)]);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.stdoutBytes, fs.readFileSync(path.join(ROOT, fixturePath(CLEAN))));
    const rows = nianbao(['fix', '--stdout', fixturePath(ROWS_WRONG)]);
    assert.equal(rows.stdout, fixture(ROWS_CLEAN));
    const stdin = nianbao(['fix', '--stdout', '-'], { input: fixture(WRONG) });
    assert.equal(stdin.stdout, fixture(CLEAN));
  });

  test('--write rewrites in place, says what it changed, and the result checks clean', () => {
    const file = copyToTemp(WRONG);
    const r = nianbao(['fix', '--write', file]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /已修改 2 处/);
    assert.deepEqual(fs.readFileSync(file), fs.readFileSync(path.join(ROOT, fixturePath(CLEAN))));
    assert.equal(nianbao(['check', file]).status, 0);
  });

  test('--write on a file with nothing to fix leaves its bytes and mtime alone', () => {
    const file = copyToTemp(CLEAN);
    const past = new Date('2020-01-02T03:04:05Z');
    fs.utimesSync(file, past, past);
    const before = fs.readFileSync(file);
    const r = nianbao(['fix', '--write', file]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /无需修改/);
    assert.deepEqual(fs.readFileSync(file), before);
    assert.equal(fs.statSync(file).mtimeMs, past.getTime());
  });

  test('--rule row-total=off: fix leaves the row totals alone (the rule is off, so is its fix)', () => {
    const r = nianbao(['fix', '--stdout', '--rule', 'row-total=off', '--rule', 'column-total=off', fixturePath(WRONG)]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, fixture(WRONG));
    const dry = nianbao(['fix', '--rule', 'row-total=off', '--rule', 'column-total=off', fixturePath(WRONG)]);
    assert.match(dry.stdout, /无需修改/);
    // Another total rule off does not stop row totals from being fixed.
    const other = nianbao(['fix', '--stdout', '--rule', 'review-total=off', fixturePath(WRONG)]);
    assert.equal(other.stdout, fixture(CLEAN));
  });
});

describe('nianbao check on the real reports (../shared/seeds)', () => {
  const present = fs.existsSync(SEEDS);
  test('the seed folder checks as a directory: five reports, UTF-8, years and formats read', { skip: present ? false : `skipped: ${SEEDS} is not present on this machine` }, () => {
    const r = nianbao(['check', '--format', 'json', SEEDS]);
    assert.equal(r.stderr, '');
    const json = JSON.parse(r.stdout);
    assert.equal(json.files.length, fs.readdirSync(SEEDS).filter((f) => /\.(txt|md)$/.test(f)).length);
    for (const f of json.files) {
      assert.equal(f.encoding, 'utf-8');
      assert.ok(f.report.year === 2023 || f.report.year === 2019, `${f.path}: year ${f.report.year}`);
    }
    const seed004 = json.files.find((f: { path: string }) => path.basename(f.path).startsWith('004_'));
    if (seed004) assert.equal(seed004.report.format, '2019');
    // issue 2: 000, 002, 003 give no error and no warning.
    for (const f of json.files) {
      if (/^00[023]_/.test(path.basename(f.path))) {
        assert.deepEqual(
          f.diagnostics.filter((d: { severity: string }) => d.severity !== 'info'),
          [],
          `${f.path} has no error or warning`,
        );
      }
    }
  });
});
