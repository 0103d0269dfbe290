// The sources cite only the project's own documents (README.md, ARCHITECTURE.md, docs/), every cited
// document exists, and what the manifest and the JSON schema list agrees with the core.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { RULES, check, parse, template } from '../../core/src';
import { loadConfig } from '../../node/src/config';
import { effectiveFor } from '../../node/src/effective';
import { ConfigCache } from '../../node/src/config';
import { ROOT } from '../helpers';

function files(dir: string, exts: string[]): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const f = path.join(dir, name);
    if (statSync(f).isDirectory()) out.push(...files(f, exts));
    else if (exts.some((e) => f.endsWith(e))) out.push(f);
  }
  return out;
}

const SOURCES = ['core', 'node', 'server', 'cli', 'client', 'scripts', 'test', 'bench', 'bin'].flatMap((d) => files(path.join(ROOT, d), ['.ts', '.mjs', '.js', '.sh']));

test('no source cites a specification outside the repository or a machine path', () => {
  const outside = /\/work\/|(?<![\w/])spec\/|(?<![\w/-])(report-format|rules|cli|extension|legal-basis|style)\.md\b/;
  const offenders = SOURCES.flatMap((f) =>
    readFileSync(f, 'utf8')
      .split('\n')
      .map((line, i) => [line, i] as const)
      .filter(([line]) => outside.test(line))
      .map(([line, i]) => `${path.relative(ROOT, f)}:${i + 1}: ${line.trim()}`),
  );
  assert.deepEqual(offenders, []);
});

test('every document a source comment cites exists', () => {
  const cited = new Set<string>();
  for (const f of SOURCES) for (const m of readFileSync(f, 'utf8').matchAll(/\b(ARCHITECTURE\.md|README\.md|docs\/[\w./-]+\.(?:md|json))/g)) cited.add(m[1]);
  assert.ok(cited.has('ARCHITECTURE.md') && cited.has('docs/format.md') && cited.has('docs/config.md'));
  for (const c of cited) if (!c.includes('CODE')) assert.ok(existsSync(path.join(ROOT, c)), `${c} is cited but missing`);
});

test('the JSON schema of .nianbao.json lists the core\'s rule codes and is contributed for .nianbao.json', () => {
  const schema = JSON.parse(readFileSync(path.join(ROOT, 'schemas', 'nianbao.schema.json'), 'utf8'));
  assert.deepEqual(Object.keys(schema.properties.rules.properties), RULES.map((r) => r.code));
  assert.deepEqual(schema.properties.customRules.items.properties.code.not.enum, RULES.map((r) => r.code));
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  assert.deepEqual(pkg.contributes.jsonValidation, [{ fileMatch: ['.nianbao.json', '*.nianbao.json'], url: './schemas/nianbao.schema.json' }]);
  assert.ok(pkg.contributes.languages.some((l: { id: string; filenames?: string[] }) => l.id === 'jsonc' && l.filenames?.includes('.nianbao.json')));
  assert.ok(readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8').includes('!schemas/**'));
  // The schema's own top-level keys are those the loader accepts.
  assert.deepEqual(Object.keys(schema.properties).sort(), ['$schema', 'agency', 'baseline', 'customRules', 'extends', 'ignores', 'overrides', 'plugins', 'rollUp', 'rules', 'series']);
});

test('the example province profile in docs/ loads and its rules fire on a report that ignores them', () => {
  const profile = path.join(ROOT, 'docs', 'profiles', 'qinghe-province.json');
  const config = loadConfig(profile);
  assert.deepEqual(config.customRules.map((r) => r.code), ['qh-consult-phone', 'qh-no-draft', 'qh-platform-section']);
  const eff = effectiveFor(new ConfigCache(), path.join(ROOT, 'docs', 'profiles', 'report.md'), ROOT, { explicit: profile, allowPlugins: false });
  assert.equal(eff.error, null);
  let text = template({ agency: '青禾县统计局', year: 2024 });
  text = text.replace('（五）监督保障', '（五）监督保障\n本报告为征求意见稿。');
  const ps = check(parse(text), eff.settings);
  assert.deepEqual(ps.map((p) => `${p.code}:${p.severity}:${text.slice(p.span.start, p.span.end)}`), [
    'qh-platform-section:info:一、总体情况',
    'qh-no-draft:error:征求意见稿',
    'qh-consult-phone:warning:六、其他需要报告的事项',
  ]);
  const fixed = text.replace('本报告为征求意见稿。', '本局在政府网站开设公开专栏。').replace('实际收取信息处理费 0 元。', '实际收取信息处理费 0 元。咨询电话：0571-0000000。');
  assert.deepEqual(check(parse(fixed), eff.settings), []);
});
