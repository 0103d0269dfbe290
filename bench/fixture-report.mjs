// The benchmark's own fixture: a typical 2021-format annual report (8–10 KB of UTF-8) in the
// one-cell-per-line layout of reports copied from agency web pages (cells indented with a tab,
// a blank line between rows, header labels wrapped such as 商业/企业). The agency, the prose and
// every number are invented; the numbers are consistent (T3 row totals, column totals and the
// balance 一 + 二 = （七） + 四 hold, T4 totals hold, the prose restates the table figures), so a
// clean report gives no diagnostics and the checker does its full work.
//
//   makeReport({ seed, agency, year, targetBytes })  → string
//     targetBytes: repeat the paragraphs of section 一 until the report reaches that many UTF-8 bytes
//   variedAgency(i)                                  → an invented agency name for report i
//   utf8Bytes(text)                                  → byte length

/** Small deterministic PRNG (mulberry32) so that every run generates the same inputs. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const utf8Bytes = (s) => Buffer.byteLength(s, 'utf8');

const CITIES = ['青岚市', '云溪市', '白鹭州', '临川府', '望海市', '松涛市', '石桥市', '柳岸市', '金沙州', '雁回市'];
const DISTRICTS = ['东城区', '西湖区', '北岭县', '南浦区', '清河县', '枫林区', '长汀县', '栖霞区', '丰源县', '溪口镇'];
const OFFICES = [
  '住房和城乡建设局',
  '人民政府办公室',
  '市场监督管理局',
  '自然资源和规划局',
  '交通运输局',
  '生态环境分局',
  '卫生健康局',
  '教育局',
  '农业农村局',
  '人力资源和社会保障局',
];

export function variedAgency(i) {
  return CITIES[i % 10] + DISTRICTS[Math.floor(i / 10) % 10] + OFFICES[Math.floor(i / 100) % 10];
}

const APPLICANTS = 6; // 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 (then 总计)

// T3 disposition rows of the 2021 format: [group label or null, row label]. A group label is written
// on the line before its first row, as in the copied reports.
const DISPOSITIONS = [
  [null, '（一）予以公开'],
  [null, '（二）部分公开（区分处理的，只计这一情形，不计其他情形）'],
  ['（三）不予公开', '1.属于国家秘密'],
  [null, '2.其他法律行政法规禁止公开'],
  [null, '3.危及“三安全一稳定”'],
  [null, '4.保护第三方合法权益'],
  [null, '5.属于三类内部事务信息'],
  [null, '6.属于四类过程性信息'],
  [null, '7.属于行政执法案卷'],
  [null, '8.属于行政查询事项'],
  ['（四）无法提供', '1.本机关不掌握相关政府信息'],
  [null, '2.没有现成信息需要另行制作'],
  [null, '3.补正后申请内容仍不明确'],
  ['（五）不予处理', '1.信访举报投诉类申请'],
  [null, '2.重复申请'],
  [null, '3.要求提供公开出版物'],
  [null, '4.无正当理由大量反复申请'],
  [null, '5.要求行政机关确认或重新出具已获取信息'],
  ['（六）其他处理', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'],
  [null, '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'],
  [null, '3.其他'],
];

// How likely each applicant column is to be non-zero, and how large (natural persons dominate).
const COLUMN_WEIGHT = [1, 0.5, 0.05, 0.05, 0.15, 0.1];
// How likely each disposition is to be non-zero (予以公开 and 不掌握 dominate).
const ROW_WEIGHT = [1, 0.5, 0.05, 0.1, 0.05, 0.3, 0.1, 0.2, 0.05, 0.15, 0.8, 0.2, 0.15, 0.3, 0.3, 0.1, 0.05, 0.1, 0.2, 0.05, 0.25];

/** Invented, consistent figures for one report. */
export function makeNumbers(seed) {
  const r = rng(seed);
  const int = (max) => Math.floor(r() * (max + 1));
  const disp = DISPOSITIONS.map((_, i) =>
    COLUMN_WEIGHT.map((w, c) => (r() < ROW_WEIGHT[i] * w ? 1 + int(Math.round(30 * ROW_WEIGHT[i] * w)) : 0)),
  );
  const resultTotal = COLUMN_WEIGHT.map((_, c) => disp.reduce((s, row) => s + row[c], 0));
  const carriedOut = COLUMN_WEIGHT.map((w) => (r() < 0.6 * w ? 1 + int(4) : 0));
  const carriedIn = COLUMN_WEIGHT.map((w, c) => Math.min(r() < 0.5 * w ? 1 + int(4) : 0, resultTotal[c] + carriedOut[c]));
  // balance: received + carriedIn = resultTotal + carriedOut
  const received = COLUMN_WEIGHT.map((_, c) => resultTotal[c] + carriedOut[c] - carriedIn[c]);
  const withTotal = (row) => [...row, row.reduce((s, v) => s + v, 0)];
  const group = () => {
    const four = [int(3), int(2), int(1), int(2)];
    return [...four, four.reduce((s, v) => s + v, 0)];
  };
  return {
    t2: {
      rules: [int(2), int(1), 3 + int(10)],
      normative: [2 + int(15), int(8), 20 + int(120)],
      licensing: int(3000),
      penalty: int(400),
      coercion: int(40),
      fees: (int(500) / 10).toFixed(1),
    },
    t3: {
      received: withTotal(received),
      carriedIn: withTotal(carriedIn),
      disp: disp.map(withTotal),
      resultTotal: withTotal(resultTotal),
      carriedOut: withTotal(carriedOut),
    },
    t4: [...group(), ...group(), ...group()],
    web: 300 + int(2000),
    docs: 5 + int(40),
    briefings: 1 + int(8),
    trainings: 1 + int(5),
    hotline: 100 + int(900),
  };
}

const cells = (values) => values.map((v) => `\t${v}`).join('\n');

function t2(n) {
  return [
    '\t第二十条第（一）项',
    '',
    '\t信息内容\n\t本年制发件数\n\t本年废止件数\n\t现行有效件数',
    '',
    `\t规章\n${cells(n.rules)}`,
    '',
    `\t行政规范性文件\n${cells(n.normative)}`,
    '',
    '\t第二十条第（五）项',
    '',
    '\t信息内容\n\t本年处理决定数量',
    '',
    `\t行政许可\n\t${n.licensing}`,
    '',
    '\t第二十条第（六）项',
    '',
    '\t信息内容\n\t本年处理决定数量',
    '',
    `\t行政处罚\n\t${n.penalty}`,
    '',
    `\t行政强制\n\t${n.coercion}`,
    '',
    '\t第二十条第（八）项',
    '',
    '\t信息内容\n\t本年收费金额（单位：万元）',
    '',
    `\t行政事业性收费\n\t${n.fees}`,
  ].join('\n');
}

function t3(n) {
  const out = [
    '\t（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
    '\t申请人情况',
    '',
    '\t\n\t自然人\n\t法人或其他组织\n\t总计',
    '',
    '\t\n\t\n\t商业\n企业\n\t科研\n机构\n\t社会公益组织\n\t法律服务机构\n\t其他\n\t',
    '',
    `\t一、本年新收政府信息公开申请数量\n${cells(n.received)}`,
    '',
    `\t二、上年结转政府信息公开申请数量\n${cells(n.carriedIn)}`,
    '',
    '\t三、本年度办理结果',
  ];
  DISPOSITIONS.forEach(([group, label], i) => {
    const lead = i === 0 ? '' : group ? '\t\n' : '\t\n\t\n';
    out.push(`${lead}${group ? `\t${group}\n` : ''}\t${label}\n${cells(n.disp[i])}`, '');
  });
  out.push(`\t\n\t（七）总计\n${cells(n.resultTotal)}`, '', `\t四、结转下年度继续办理\n${cells(n.carriedOut)}`);
  return out.join('\n');
}

function t4(values) {
  const outcomes = '\t结果\n维持\n\t结果\n纠正\n\t其他\n结果\n\t尚未\n审结\n\t总计';
  return [
    '\t行政复议\n\t行政诉讼',
    '',
    '\t结果维持\n\t结果\n纠正\n\t其他\n结果\n\t尚未\n审结\n\t总计\n\t未经复议直接起诉\n\t复议后起诉',
    '',
    `\t\n\t\n\t\n\t\n\t\n${outcomes}\n${outcomes}`,
    '',
    cells(values),
  ].join('\n');
}

/** The paragraphs of section 一 (sub-heading line, then its paragraph). */
function overviewParagraphs(a, y, n) {
  const total = (row) => row[APPLICANTS];
  const t = n.t3;
  const reviews = n.t4[4];
  const suits = n.t4[9] + n.t4[14];
  return [
    `${y}年，${a}坚持以人民为中心的发展思想，把政务公开作为转变职能、提升治理能力的重要抓手，围绕年度重点任务细化责任清单，由办公室统筹、各科室分工落实，做到公开工作与业务工作同部署、同检查、同考核。全年召开专题会议${n.briefings}次研究公开工作，组织业务培训${n.trainings}场，各项工作总体平稳有序。`,
    '（一）主动公开',
    `依托门户网站“信息公开”专栏，持续做好机构职能、政策文件、规划计划、财政预决算、行政执法、重大项目等重点领域信息发布，全年主动公开各类信息${n.web}条。对新制发的${n.t2.normative[0]}件行政规范性文件，一律随文同步发布图文解读和要点问答，并在公开后及时跟踪社会关注点。全年发布行政许可决定${n.t2.licensing}条、行政处罚决定${n.t2.penalty}条，做到执法结果依法及时上网。`,
    `围绕群众关注度高的住房保障、城市更新、工程建设招投标、安全生产监管等领域，坚持“应公开尽公开”，按季度更新保障性住房分配结果、老旧小区改造计划及实施进度，逐项公开重大建设项目批准、实施和竣工验收信息。对涉及群众切身利益的重要决策，事前通过网站公开征求意见，事后集中反馈意见采纳情况，全年开展决策预公开${n.briefings + 2}次，邀请利益相关方、专家和群众代表列席有关会议${n.trainings + 1}次。`,
    '（二）依申请公开',
    `进一步规范申请接收、登记、审核、答复、送达、归档全流程管理，严格执行法定答复期限。全年新收政府信息公开申请${total(t.received)}件，上年结转${total(t.carriedIn)}件，办结${total(t.resultTotal)}件，结转下年度继续办理${total(t.carriedOut)}件。对答复口径存在疑问的申请，坚持由法律顾问提前把关，有效降低了复议诉讼风险。本年度发生政府信息公开行政复议${reviews}件，行政诉讼${suits}件。`,
    '（三）政府信息管理',
    `建立公文公开属性源头认定机制，拟文时同步明确“主动公开、依申请公开、不予公开”属性，发布前落实保密审查和个人信息保护审查。开展行政规范性文件集中清理，现行有效文件目录在网站集中公布并动态更新，全年废止文件${n.t2.normative[1]}件。`,
    `坚持政府信息公开与档案管理相衔接，按照年度归档范围对政策文件、答复材料和送达凭证统一整理编号，做到一件一档、全程留痕。定期检查网站已发布信息的准确性和有效性，对已失效、已废止的文件在显著位置加注说明，避免误导公众。`,
    '（四）平台建设',
    `持续优化政府网站栏目设置，完成无障碍和适老化改造，上线站内智能检索功能；政务新媒体严格执行内容三审制度，全年发布信息${n.docs * 10}条；政务服务热线受理群众咨询${n.hotline}人次，均在规定时限内办理回复。`,
    `加强与融媒体中心、街道社区的协同，通过政务公开专区、社区公告栏和线上直播等渠道，把政策送到群众身边；在政务服务大厅设置政务公开查阅点，配备查询终端和纸质资料，方便老年人等群体就近查阅，全年接待现场查阅群众${n.hotline - 50}人次。`,
    '（五）监督保障',
    `将政务公开纳入年度绩效考核，实行月度自查、季度通报；聘请社会监督员对公开栏目进行体验评议，收集意见建议${n.docs}条并逐条整改落实。对照上级评估指标查漏补缺，确保公开内容全面准确、更新及时。`,
  ];
}

/**
 * One report. With targetBytes, the paragraphs of section 一 (not the sub-headings) are repeated
 * until the whole report has at least that many UTF-8 bytes, each copy numbered so that no two are
 * the same text; the result is still a valid report.
 */
export function makeReport({ seed = 1, agency = '青岚市云溪区住房和城乡建设局', year = 2024, targetBytes = 0, numbers } = {}) {
  const n = numbers ?? makeNumbers(seed);
  const a = agency;
  const y = year;
  const head = [
    a,
    '',
    `${y}年政府信息公开工作年度报告`,
    '',
    `本报告依据《中华人民共和国政府信息公开条例》和国务院办公厅政府信息公开办公室关于年度报告格式的要求，结合本机关${y}年度政府信息公开工作实际编制。全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。本报告所列数据的统计期限为${y}年1月1日至${y}年12月31日。如对本报告有疑问，请与${a}办公室联系（联系电话：0000-12345678）。`,
    '',
    '一、总体情况',
  ].join('\n');
  const overview = overviewParagraphs(a, y, n);
  const tail = [
    '二、主动公开政府信息情况',
    '',
    t2(n.t2),
    '',
    '',
    '三、收到和处理政府信息公开申请情况',
    t3(n.t3),
    '',
    '',
    '四、政府信息公开行政复议、行政诉讼情况',
    '',
    t4(n.t4),
    '',
    '',
    '五、存在的主要问题及改进情况',
    `一是政策解读的形式还不够丰富，图解、视频等群众喜闻乐见的方式运用不多；二是部分科室对公开属性认定把握不准，个别信息发布不够及时；三是基层工作人员业务能力参差不齐，培训覆盖面有待扩大；四是依申请公开答复文书的说理还不够充分，对申请人的释法说明有待加强，个别答复在告知救济途径时表述不够规范。`,
    '',
    `下一步，${a}将围绕上述问题逐项整改：一是丰富解读形式，重要政策文件做到一文一解读；二是完善公开属性审查清单，压实科室主体责任；三是分层分类开展业务培训，推动政务公开工作提质增效。`,
    '',
    '六、其他需要报告的事项',
    `本机关${y}年度未向申请人发出收费通知，未收取信息处理费。${a}按照上级要求落实政务公开工作要点，相关任务均已按期完成。`,
    '',
  ].join('\n');
  const build = (paragraphs) => [head, ...paragraphs, tail].join('\n');
  let text = build(overview);
  if (targetBytes > 0) {
    const prose = overview.filter((p) => !p.startsWith('（'));
    const paragraphs = [...overview];
    let bytes = utf8Bytes(text);
    for (let i = 0; bytes < targetBytes; i++) {
      // Each sentence numbered, so that no two sentences are the same text: the readings of a
      // sentence are kept (memo.ts), and a repeated one would be read once.
      const p = prose[i % prose.length]
        .split(/(?<=。)/)
        .map((sentence, j) => `【${i + 1}.${j + 1}】${sentence}`)
        .join('');
      paragraphs.splice(paragraphs.length - 2, 0, p); // before the last sub-part (（五）监督保障)
      bytes += utf8Bytes(p) + 1;
    }
    text = build(paragraphs);
  }
  return text;
}

/** The same report with some derived totals wrong, for recompute (row, column and T4 totals). */
export function makeWrongTotals(opts) {
  const numbers = makeNumbers(opts?.seed ?? 1);
  numbers.t3.disp[0][APPLICANTS] += 3; // row total of （一）予以公开
  numbers.t3.resultTotal[0] += 1; // column total of 自然人
  numbers.t3.resultTotal[1] += 2; // column total of 商业企业
  numbers.t4[4] += 1; // 行政复议 总计
  return makeReport({ ...opts, numbers });
}
