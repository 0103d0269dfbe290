// Writes schemas/nianbao.schema.json, the JSON schema of .nianbao.json (docs/config.md), from the
// core's rule list. Run after `npm run compile-tests` (it reads out/core/src):
//   npm run compile-tests && node scripts/gen-schema.mjs
// test/unit/sources.test.ts fails when the committed schema and the core disagree.
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const { RULES } = require('../out/core/src/index.js');
const codes = RULES.map((r) => r.code);
const severity = { type: 'string', enum: ['off', 'info', 'warning', 'error'] };
const rules = {
  type: 'object',
  description: '各规则的级别（off 关闭）。内置规则见 nianbao explain；自定义规则用其 code；插件规则形如 插件名/规则名。',
  properties: Object.fromEntries(RULES.map((r) => [r.code, { ...severity, description: `${r.description}（默认 ${r.severity}）` }])),
  additionalProperties: severity,
  propertyNames: { pattern: '^[a-z0-9][a-z0-9-]*(/[a-z0-9-]+)?$' },
};
const strings = { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] };
const customRule = {
  type: 'object',
  required: ['code', 'kind', 'message'],
  additionalProperties: false,
  properties: {
    code: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$', not: { enum: codes }, description: '规则代码（小写字母、数字、连字符），不得与内置规则重名' },
    kind: {
      enum: ['required-section', 'required-phrase', 'forbidden-phrase'],
      description: 'required-section：必须有某个章节；required-phrase：必须写到某个说法（正则表达式）；forbidden-phrase：不得出现某个说法',
    },
    severity: { enum: ['info', 'warning', 'error'], default: 'warning' },
    message: { type: 'string', minLength: 1, description: '问题的说明文字' },
    description: { type: 'string' },
    docs: { type: 'string', description: '说明文档的网址' },
    title: { type: 'string', description: 'required-section：章节标题（不含序号）' },
    pattern: { type: 'string', format: 'regex', description: 'required-phrase / forbidden-phrase：正则表达式（JavaScript 语法，按 Unicode 匹配）' },
    section: { type: 'string', description: '只在这一部分中查找：序号（如 六）或标题；省略则查全文' },
  },
  allOf: [{ if: { properties: { kind: { const: 'required-section' } } }, then: { required: ['title'] }, else: { required: ['pattern'] } }],
};
const schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'nianbao.schema.json',
  title: 'nianbao 配置文件（.nianbao.json）',
  description: '政务公开年报检查器的配置：docs/config.md',
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    extends: { ...strings, description: '先读入的预设文件（相对本文件的路径），如省级配置；本文件的设置优先' },
    rules,
    ignores: { type: 'array', items: { type: 'string' }, description: '不检查的文件（glob，相对本文件所在目录），如 "drafts/**"' },
    overrides: {
      type: 'array',
      description: '对部分文件另设规则级别',
      items: { type: 'object', required: ['files'], additionalProperties: false, properties: { files: { ...strings, description: 'glob，相对本文件所在目录' }, rules } },
    },
    agency: { type: 'string', description: '机关名称（跨年度检查所用的提示）' },
    series: { type: 'string', description: '年报系列的标识（跨年度检查所用的提示）' },
    rollUp: {
      type: 'array',
      description: '汇总关系（roll-up 规则）：汇总报告的表三、表四应等于各被汇总报告之和（同一年度）。每项写文件名（可用通配符，相对本文件所在目录）或机关名称',
      items: {
        type: 'object',
        required: ['report', 'sums'],
        additionalProperties: false,
        properties: {
          report: { type: 'string', minLength: 1, description: '汇总报告：文件名或通配符（如 "区政府/*.txt"），或机关名称（如 "青禾市柳溪区人民政府"）' },
          sums: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 }, description: '被汇总的报告：每项是机关名称，或文件名、通配符（如 "towns/*.txt"，匹配到的同一年度报告都计入）' },
        },
      },
    },
    plugins: { type: 'array', items: { type: 'string' }, description: '插件规则模块（相对路径或包名）。插件是可执行代码：VS Code 中只在受信任的工作区加载，命令行需加 --plugin' },
    customRules: { type: 'array', items: customRule, description: '无需写代码的自定义规则' },
    baseline: { type: 'string', description: '已接受问题的基线文件（相对本文件），默认 .nianbao-baseline.json' },
  },
};
writeFileSync(new URL('../schemas/nianbao.schema.json', import.meta.url), JSON.stringify(schema, null, 2) + '\n');
console.log(`schemas/nianbao.schema.json: ${codes.length} rule codes`);
