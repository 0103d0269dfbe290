// Writes the invented fixture reports test/fixtures/prop-* used by the property tests and the fuzz run.
// Agency and numbers are made up; the layouts reproduce what real reports look like when pasted:
// one cell per line (tab indent, blank lines, wrapped labels, NBSP / U+3000 padding), one row per
// line (tab-separated), a Markdown pipe table, and a 2019-format report.
// Run: node test/fuzz/make-prop-fixtures.mjs   (the output is committed; rerun only to change it)
import { writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const PAD = ['', '　　', ' ', '\u00a0', '', ' ', '\u3000', ''];
let padN = 0;
const pad = (v) => {
  const p = PAD[padN++ % PAD.length];
  return padN % 2 ? p + v : v + p;
};

const AGENCY = '青川县自然资源局';
const sum = (a) => a.reduce((x, y) => x + y, 0);
const withTotal = (a) => [...a, sum(a)];

// T3 applicant numbers (six columns), totals computed.
const T3 = {
  received: [14, 3, 0, 1, 2, 0],
  carriedIn: [2, 0, 0, 0, 0, 0],
  granted: [6, 1, 0, 0, 1, 0],
  partial: [2, 1, 0, 0, 0, 0],
  withheld4: [1, 0, 0, 0, 0, 0],
  unable1: [3, 0, 0, 1, 0, 0],
  notProcessed2: [1, 0, 0, 0, 0, 0],
  other1: [1, 0, 0, 0, 0, 0],
};
const Z = [0, 0, 0, 0, 0, 0];
const rowNums = (k) => T3[k] ?? Z;

const DISP_2021 = [
  ['（一）予以公开', 'granted', '三、本年度办理结果'],
  ['（二）部分公开（区分处理的，只计这一情形，不计其他情形）', 'partial'],
  ['1.属于国家秘密', 'withheld1', '（三）不予公开'],
  ['2.其他法律行政法规禁止公开', 'withheld2'],
  ['3.危及“三安全一稳定”', 'withheld3'],
  ['4.保护第三方合法权益', 'withheld4'],
  ['5.属于三类内部事务信息', 'withheld5'],
  ['6.属于四类过程性信息', 'withheld6'],
  ['7.属于行政执法案卷', 'withheld7'],
  ['8.属于行政查询事项', 'withheld8'],
  ['1.本机关不掌握相关政府信息', 'unable1', '（四）无法提供'],
  ['2.没有现成信息需要另行制作', 'unable2'],
  ['3.补正后申请内容仍不明确', 'unable3'],
  ['1.信访举报投诉类申请', 'notProcessed1', '（五）不予处理'],
  ['2.重复申请', 'notProcessed2'],
  ['3.要求提供公开出版物', 'notProcessed3'],
  ['4.无正当理由大量反复申请', 'notProcessed4'],
  ['5.要求行政机关确认或重新出具已获取信息', 'notProcessed5'],
];
const OTHER_2021 = [
  ['1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', 'other1', '（六）其他处理'],
  ['2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', 'other2'],
  ['3.其他', 'other3'],
];
const OTHER_2019 = [['（六）其他处理', 'other1']];

function t3Rows(format) {
  const disp = [...DISP_2021, ...(format === '2021' ? OTHER_2021 : OTHER_2019)];
  const result = [0, 1, 2, 3, 4, 5].map((c) => sum(disp.map(([, k]) => rowNums(k)[c])));
  const carriedOut = [0, 1, 2, 3, 4, 5].map((c) => T3.received[c] + T3.carriedIn[c] - result[c]);
  return [
    { label: '一、本年新收政府信息公开申请数量', nums: withTotal(T3.received) },
    { label: '二、上年结转政府信息公开申请数量', nums: withTotal(T3.carriedIn) },
    ...disp.map(([label, key, group]) => ({ label, group, nums: withTotal(rowNums(key)) })),
    { label: '（七）总计', nums: withTotal(result) },
    { label: '四、结转下年度继续办理', nums: withTotal(carriedOut) },
  ];
}
const T4 = [...withTotal([2, 1, 0, 1]), ...withTotal([1, 0, 0, 1]), ...withTotal([0, 0, 0, 0])];

const T2_2021 = [
  ['第二十条第（一）项', ['本年制发件数', '本年废止件数', '现行有效件数'], [['规章', [0, 0, 2]], ['行政规范性文件', [5, 1, 38]]]],
  ['第二十条第（五）项', ['本年处理决定数量'], [['行政许可', [212]]]],
  ['第二十条第（六）项', ['本年处理决定数量'], [['行政处罚', [27]], ['行政强制', [3]]]],
  ['第二十条第（八）项', ['本年收费金额（单位：万元）'], [['行政事业性收费', [0]]]],
];
const T2_2019 = [
  ['第二十条第（一）项', ['本年新\n制作数量', '本年新\n公开数量', '对外公开总数量'], [['规章', [0, 0, 2]], ['规范性文件', [4, 4, 35]]]],
  ['第二十条第（五）项', ['上一年项目数量', '本年增/减', '处理决定数量'], [['行政许可', [120, -3, 210]], ['其他对外管理服务事项', [15, 2, 40]]]],
  ['第二十条第（六）项', ['上一年项目数量', '本年增/减', '处理决定数量'], [['行政处罚', [30, 5, 27]], ['行政强制', [2, 0, 3]]]],
  ['第二十条第（八）项', ['上一年项目数量', '本年增/减'], [['行政事业性收费', [4, -1]]]],
  ['第二十条第（九）项', ['采购项目数量', '采购总金额'], [['政府集中采购', [6, 128.5]]]],
];

function head(year) {
  return [
    `${AGENCY}${year}年政府信息公开工作年度报告`,
    '',
    `本报告依据《中华人民共和国政府信息公开条例》编制，所列数据的统计期限从${year}年1月1日到12月31日。如有疑问请与${AGENCY}办公室联系（电话：0000-11112222）。`,
    '',
    '一、总体情况',
    '（一）主动公开',
    '本局通过县政府门户网站及时发布土地征收、规划许可、矿业权出让等信息。',
    '',
    '（二）依申请公开',
    `本局全年新收申请${sum(T3.received)}件，均在法定期限内答复。`,
    '（三）政府信息管理',
    '落实发布前保密审查，动态更新规范性文件库。',
    '（四）平台建设',
    '优化门户网站栏目设置。',
    '（五）监督保障',
    '将政务公开纳入年度考核。',
    '',
  ];
}
const TAIL = [
  '',
  '五、存在的主要问题及改进情况',
  '政策解读形式仍较单一。下一步将丰富图解、问答等解读形式。',
  '六、其他需要报告的事项',
  '本年度本局未收取信息处理费，未发出收费通知。',
  '',
];

// --- one cell per line ---------------------------------------------------------------------------
function cellLayout(format, year) {
  padN = 0;
  const L = head(year);
  L.push('二、主动公开政府信息情况');
  for (const [item, cols, rows] of format === '2021' ? T2_2021 : T2_2019) {
    L.push(`\t${item}`, '', '\t信息内容', ...cols.map((c) => `\t${c}`), '');
    for (const [label, nums] of rows) L.push(`\t${label}`, ...nums.map((n) => `\t${pad(String(n))}`), '');
  }
  L.push('', '三、收到和处理政府信息公开申请情况', '');
  L.push('\t（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '\t申请人情况', '');
  L.push('\t', '\t自然人', '\t法人或其他组织', '\t总计', '');
  L.push('\t', '\t', '\t商业\n企业', '\t科研\n机构', '\t社会公益组织', '\t法律服务机构', '\t其他', '\t', '');
  for (const r of t3Rows(format)) {
    if (r.group === '三、本年度办理结果') L.push(`\t${r.group}`);
    else if (r.group) {
      const g = r.group.replace('）', '）\n\n').replace(/（.）\n\n(..)(..)/, (m, a, b) => `${m.slice(0, 3)}\n\n${a}\n\n${b}`);
      L.push('\t', '\t', `\t${g}`);
    } else if (/^（|^\d\./.test(r.label) && !r.label.startsWith('（七）')) L.push('\t', '\t', '\t');
    else if (r.label.startsWith('（七）')) L.push('\t', '\t');
    L.push(`\t${r.label}`, ...r.nums.map((n) => `\t${pad(String(n))}`), '');
  }
  L.push('', '', '四、政府信息公开行政复议、行政诉讼情况', '');
  L.push('\t行政复议', '\t行政诉讼', '');
  L.push('\t结果维持', '\t结果\n纠正', '\t其他\n结果', '\t尚未\n审结', '\t总计', '\t未经复议直接起诉', '\t复议后起诉', '');
  L.push('\t', '\t', '\t', '\t', '\t');
  for (let k = 0; k < 2; k++) L.push('\t结果\n维持', '\t结果\n纠正', '\t其他\n结果', '\t尚未\n审结', '\t总计');
  L.push('', ...T4.map((n) => `\t${pad(String(n))}`), '');
  L.push(...TAIL);
  return L.join('\n');
}

// --- one row per line (tabs) ---------------------------------------------------------------------
function rowLayout(format, year) {
  const L = head(year);
  L.push('二、主动公开政府信息情况');
  for (const [item, cols, rows] of format === '2021' ? T2_2021 : T2_2019) {
    L.push(item, ['信息内容', ...cols].join('\t'));
    for (const [label, nums] of rows) L.push([label, ...nums].join('\t'));
    L.push('');
  }
  L.push('三、收到和处理政府信息公开申请情况', '');
  L.push('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况');
  L.push('\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计');
  for (const r of t3Rows(format)) L.push([...(r.group ? [r.group] : []), r.label, ...r.nums].join('\t'));
  L.push('', '四、政府信息公开行政复议、行政诉讼情况', '');
  L.push('行政复议\t\t\t\t\t行政诉讼');
  L.push('\t\t\t\t\t未经复议直接起诉\t\t\t\t\t复议后起诉');
  L.push(Array(3).fill('结果维持\t结果纠正\t其他结果\t尚未审结\t总计').join('\t'));
  L.push(T4.join('\t'));
  L.push(...TAIL);
  return L.join('\n');
}

// --- Markdown pipe tables -------------------------------------------------------------------------
function markdownLayout(format, year) {
  const md = (cells) => `| ${cells.join(' | ')} |`;
  const L = head(year).map((l) => (/^[一二三四五六]、/.test(l) ? `## ${l}` : l));
  L[0] = `# ${L[0]}`;
  L.push('## 二、主动公开政府信息情况', '');
  for (const [item, cols, rows] of format === '2021' ? T2_2021 : T2_2019) {
    L.push(item, '', md(['信息内容', ...cols.map((c) => c.replace('\n', ''))]), md(Array(cols.length + 1).fill('---')));
    for (const [label, nums] of rows) L.push(md([label, ...nums]));
    L.push('');
  }
  L.push('## 三、收到和处理政府信息公开申请情况', '');
  L.push(md(['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '申请人情况', '', '', '', '', '', '']));
  L.push(md(Array(8).fill('---')));
  L.push(md(['', '自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计']));
  for (const r of t3Rows(format)) L.push(md([r.label, ...r.nums]));
  L.push('', '## 四、政府信息公开行政复议、行政诉讼情况', '');
  L.push(md(['行政复议', '', '', '', '', '行政诉讼', '', '', '', '', '', '', '', '', '']));
  L.push(md(Array(15).fill('---')));
  L.push(md(['', '', '', '', '', '未经复议直接起诉', '', '', '', '', '复议后起诉', '', '', '', '']));
  L.push(md(Array(3).fill(['结果维持', '结果纠正', '其他结果', '尚未审结', '总计']).flat()));
  L.push(md(T4));
  L.push(...TAIL.map((l) => (/^[一二三四五六]、/.test(l) ? `## ${l}` : l)));
  return L.join('\n');
}

writeFileSync(join(OUT, 'prop-cell-2021.txt'), cellLayout('2021', 2023));
writeFileSync(join(OUT, 'prop-rows-2021.txt'), rowLayout('2021', 2023));
writeFileSync(join(OUT, 'prop-markdown-2021.md'), markdownLayout('2021', 2023));
writeFileSync(join(OUT, 'prop-cell-2019.txt'), cellLayout('2019', 2020));
