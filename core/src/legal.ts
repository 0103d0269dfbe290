// What each disposition row of table T3 means in law, for the hover on its label and for the rule docs.
// Source: docs/format.md §6 (our reading of 《中华人民共和国政府信息公开条例》, 2019 revision; there
// is no official row → article table). Where the statute has no article of its own for a row, the
// basis says so instead of naming one. Pure data: no VS Code or LSP imports.

export interface DispositionInfo {
  /** Category name as printed, e.g. '属于三类内部事务信息'. */
  category: string;
  /** Group it belongs to, e.g. '（三）不予公开'; '' for （一）（二）. */
  group: string;
  /** Legal basis, e.g. '《中华人民共和国政府信息公开条例》第十六条第一款'. */
  basis: string;
  /** 'must' (应当不予公开/不得公开), 'may' (可以不予公开), 'redirect' (告知通过法定途径查询), or 'n/a'. */
  obligation: 'must' | 'may' | 'redirect' | 'n/a';
  /** Plain-words meaning. */
  meaning: string;
  /** When an agency may use it. */
  whenToUse: string;
  /** A typical misuse. */
  misuse: string;
  /** Counting convention, e.g. 部分公开 counts only there. */
  counting: string;
}

const STATUTE = '《中华人民共和国政府信息公开条例》';

/** Shared by every row: why a row is counted once only (the table's own balance depends on it). */
const ONCE = '每件申请在办理结果中只计一次，否则（七）总计与勾稽关系对不上';

const WITHHELD = '（三）不予公开';
const UNABLE = '（四）无法提供';
const NOT_PROCESSED = '（五）不予处理';
const OTHER = '（六）其他处理';

/** Keyed by the T3 row keys of core/src/format.ts. */
export const DISPOSITIONS: Record<string, DispositionInfo> = {
  granted: {
    category: '（一）予以公开',
    group: '',
    basis: `${STATUTE}第三十六条第（一）、（二）项`,
    obligation: 'n/a',
    meaning: '全部提供所申请的信息，或告知申请人该信息已主动公开及获取的方式和途径。',
    whenToUse: '所申请的信息全部可以公开时。',
    misuse: '部分内容未提供却计入本行（应计入“（二）部分公开”）。',
    counting: `全部公开的申请计入本行；${ONCE}。`,
  },
  partial: {
    category: '（二）部分公开',
    group: '',
    basis: `${STATUTE}第三十七条`,
    obligation: 'n/a',
    meaning: '区分处理：提供可以公开的部分，对不予公开的部分说明理由。',
    whenToUse: '申请的信息中含有不应公开或不属于政府信息的内容，但能够区分处理时。',
    misuse: '能区分处理却整件不予公开；或同一件申请既计入本行、又计入不予公开的某一项。',
    counting: '区分处理的只计入本行，不再计入被拒部分所依据的理由（表头注明“只计这一情形，不计其他情形”）。',
  },
  withheld1: {
    category: '属于国家秘密',
    group: WITHHELD,
    basis: `${STATUTE}第十四条（公开前的保密审查：第十七条）`,
    obligation: 'must',
    meaning: '依法确定为国家秘密的信息，第十四条规定“不予公开”。',
    whenToUse: '所申请的信息已按法定程序定密时。',
    misuse: '把从未定密、只是“敏感”的信息说成国家秘密。',
    counting: `整件不予公开且理由为本项时计入；部分公开的计入“（二）部分公开”；${ONCE}。`,
  },
  withheld2: {
    category: '其他法律行政法规禁止公开',
    group: WITHHELD,
    basis: `${STATUTE}第十四条`,
    obligation: 'must',
    meaning: '某一部法律或行政法规明确禁止公开的信息。',
    whenToUse: '能指出禁止公开的具体法律或行政法规条文时。',
    misuse: '以规章、地方性规定或内部文件为依据（只有法律、行政法规才算）。',
    counting: `整件不予公开且理由为本项时计入；部分公开的计入“（二）部分公开”；${ONCE}。`,
  },
  withheld3: {
    category: '危及“三安全一稳定”',
    group: WITHHELD,
    basis: `${STATUTE}第十四条`,
    obligation: 'must',
    meaning: '公开后可能危及国家安全、公共安全、经济安全（三安全）或社会稳定（一稳定）的信息。',
    whenToUse: '能具体说明公开会造成哪种危害时。',
    misuse: '把只是令人难堪或可能引起批评的信息套用本项，当作兜底理由。',
    counting: `整件不予公开且理由为本项时计入；部分公开的计入“（二）部分公开”；${ONCE}。`,
  },
  withheld4: {
    category: '保护第三方合法权益',
    group: WITHHELD,
    basis: `${STATUTE}第十五条（征求第三方意见的程序：第三十二条）`,
    obligation: 'must',
    meaning: '涉及商业秘密、个人隐私等、公开会损害第三方合法权益的信息不得公开；但第三方同意公开，或行政机关认为不公开会对公共利益造成重大影响的，予以公开（第十五条）。依申请办理时，行政机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的内容和理由书面告知第三方（第三十二条）。',
    whenToUse: '已按第三十二条书面征求第三方意见（第三方15个工作日内答复），第三方不同意公开且有合理理由时；第三方逾期未提出意见的，由行政机关依照条例规定决定是否公开，不等于不同意。',
    misuse: '不征求第三方意见就拒绝；第三方一反对就拒绝，不看是否有合理理由；把第三方逾期未提出意见当作不同意；以“个人隐私”为由拒绝申请人查询其本人的信息。',
    counting: `整件不予公开且理由为本项时计入；部分公开的计入“（二）部分公开”；${ONCE}。`,
  },
  withheld5: {
    category: '属于三类内部事务信息',
    group: WITHHELD,
    basis: `${STATUTE}第十六条第一款`,
    obligation: 'may',
    meaning: '行政机关的人事管理、后勤管理、内部工作流程等内部事务信息，第十六条第一款规定“可以不予公开”。',
    whenToUse: '信息只涉及机关内部管理、对外部的公众没有影响时；是否公开由机关裁量。',
    misuse: '对外部公众的权利义务有影响的信息（如对外办事流程）也以“内部事务”为由拒绝。',
    counting: `整件不予公开且理由为本项时计入；部分公开的计入“（二）部分公开”；${ONCE}。`,
  },
  withheld6: {
    category: '属于四类过程性信息',
    group: WITHHELD,
    basis: `${STATUTE}第十六条第二款`,
    obligation: 'may',
    meaning: '履职过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息：第十六条第二款的列举以“等”结尾，不限于这四种，“四类”只是年报格式的行名；法律、法规、规章规定应当公开的，从其规定。',
    whenToUse: '信息确属决策或办理过程中的材料时；是否公开由机关裁量。',
    misuse: '把已作出的最终决定、或过程已经结束的文件也当作过程性信息拒绝。',
    counting: `整件不予公开且理由为本项时计入；部分公开的计入“（二）部分公开”；${ONCE}。`,
  },
  withheld7: {
    category: '属于行政执法案卷',
    group: WITHHELD,
    basis: `${STATUTE}第十六条第二款`,
    obligation: 'may',
    meaning: '行政执法案卷信息；法律、法规、规章规定应当公开的，从其规定。',
    whenToUse: '申请的是执法案卷材料、且没有法律、法规、规章要求公开时；是否公开由机关裁量。',
    misuse: '有法律、法规、规章要求公开（如行政处罚决定）时仍一律拒绝。',
    counting: `整件不予公开且理由为本项时计入；部分公开的计入“（二）部分公开”；${ONCE}。`,
  },
  withheld8: {
    category: '属于行政查询事项',
    group: WITHHELD,
    basis: `${STATUTE}第三十六条第（七）项`,
    obligation: 'redirect',
    meaning: '工商、不动产登记资料等，法律、行政法规对获取另有特别规定的信息：告知申请人按那些规定办理。',
    whenToUse: '确有法律、行政法规规定的专门查询程序时。',
    misuse: '没有法定的专门查询程序，也以“行政查询”为由不提供。',
    counting: `按本项告知申请人另行查询的计入本行；${ONCE}。`,
  },
  unable1: {
    category: '本机关不掌握相关政府信息',
    group: UNABLE,
    basis: `${STATUTE}第三十六条第（四）、（五）项`,
    obligation: 'n/a',
    meaning: '经检索没有所申请的信息，或该信息不属于本机关负责公开。',
    whenToUse: '认真检索后确实没有；或属于其他机关负责（能确定的，告知该机关名称和联系方式）。',
    misuse: '未认真检索就答复“不掌握”；知道由哪个机关负责却不告知。',
    counting: `以上两种情况都计入本行；${ONCE}。`,
  },
  unable2: {
    category: '没有现成信息需要另行制作',
    group: UNABLE,
    basis: `${STATUTE}第三十八条`,
    obligation: 'may',
    meaning: '需要对现有信息进行加工、分析才能答复的，可以不予提供；能区分处理的除外。',
    whenToUse: '申请人要的是需要重新汇总、统计、分析而成的新材料时。',
    misuse: '把简单检索、摘录已有信息也当作“另行制作”拒绝。',
    counting: ONCE + '。',
  },
  unable3: {
    category: '补正后申请内容仍不明确',
    group: UNABLE,
    basis: `${STATUTE}第二十九条第二款（申请应写明的内容）、第三十条（一次性告知补正，逾期不补正视为放弃）；“补正后仍不明确”条例没有专门条款，本行是年度报告格式列出的统计类别`,
    obligation: 'n/a',
    meaning: '申请内容不明确，经指导释明并一次性告知补正，申请人补正了，但补正后仍然无法确定要什么信息。第三十条只规定一次性告知补正和申请人不补正的情形，对补正后仍不明确没有专门规定。',
    whenToUse: '已在收到申请之日起7个工作日内一次性告知补正事项和合理期限，申请人补正后仍不明确时；答复中不要引用并不存在的条款。',
    misuse: '未履行指导释明和一次性告知补正，就以“内容不明确”结束办理。',
    counting: `申请人逾期不补正的不在此计，计入“（六）其他处理”；${ONCE}。`,
  },
  notProcessed1: {
    category: '信访举报投诉类申请',
    group: NOT_PROCESSED,
    basis: `${STATUTE}第三十九条第一款`,
    obligation: 'n/a',
    meaning: '以信息公开申请的形式进行信访、投诉、举报，不作为信息公开申请处理。',
    whenToUse: '申请实质上是反映问题、提出诉求，而不是要求获取信息时；告知不作为申请处理，可告知通过相应渠道提出。',
    misuse: '申请本是要信息，只因措辞带有投诉意味就按信访处理。',
    counting: ONCE + '。',
  },
  notProcessed2: {
    category: '重复申请',
    group: NOT_PROCESSED,
    basis: `${STATUTE}第三十六条第（六）项`,
    obligation: 'n/a',
    meaning: '已就申请作出答复后，申请人再次申请公开相同的信息，告知不予重复处理。',
    whenToUse: '前一次申请已经答复，且本次所申请的信息相同时。',
    misuse: '内容或时段不同的申请也当作重复申请；前一次尚未答复就认定重复。',
    counting: ONCE + '。',
  },
  notProcessed3: {
    category: '要求提供公开出版物',
    group: NOT_PROCESSED,
    basis: `${STATUTE}第三十九条第二款`,
    obligation: 'n/a',
    meaning: '要求提供政府公报、报刊、书籍等公开出版物的，可以告知获取的途径。',
    whenToUse: '所要的内容确已在公开出版物中刊载、可以获取时。',
    misuse: '所要信息并不在公开出版物中，或出版物已无从获取，仍以此为由不处理。',
    counting: ONCE + '。',
  },
  notProcessed4: {
    category: '无正当理由大量反复申请',
    group: NOT_PROCESSED,
    basis: `${STATUTE}第三十五条`,
    obligation: 'n/a',
    meaning: '申请的数量、频次明显超过合理范围，经要求说明理由后，理由不合理的，告知不予处理。',
    whenToUse: '已要求申请人说明理由、并认定理由不合理时；理由合理但来不及答复的，可确定合理的延期。',
    misuse: '不先要求说明理由，只因申请多就直接不予处理。',
    counting: ONCE + '。',
  },
  notProcessed5: {
    category: '要求行政机关确认或重新出具已获取信息',
    group: NOT_PROCESSED,
    basis: `${STATUTE}对此无专门条款（未作专门规定），本行是年度报告格式列出的统计类别`,
    obligation: 'n/a',
    meaning: '申请人已经获得某信息，要求机关对其真实性作确认，或重新盖章出具一份。',
    whenToUse: '申请人要的不是新的信息，而是对已获取信息的确认或再次出具时；答复中不要引用并不存在的条款。',
    misuse: '申请人要的是新的信息，却按本项不予处理；或在答复中编造条例条款作为依据。',
    counting: ONCE + '。',
  },
  other1: {
    category: '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    group: OTHER,
    basis: `${STATUTE}第三十条`,
    obligation: 'n/a',
    meaning: '申请人无正当理由逾期不补正，视为放弃申请，机关不再处理。',
    whenToUse: '已书面告知补正事项和合理期限，期满仍未补正时。',
    misuse: '补正通知没有写明补正事项或期限，就按逾期不补正结束。',
    counting: `2021年格式的一行（2019年格式合在“（六）其他处理”一行）；${ONCE}。`,
  },
  other2: {
    category: '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    group: OTHER,
    basis: `${STATUTE}第四十二条；《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）`,
    obligation: 'n/a',
    meaning: '第四十二条：依申请提供政府信息不收取费用；只有申请的数量、频次明显超过合理范围的，才可以收取信息处理费。已发出收费通知，申请人20个工作日内未缴费，视为放弃申请。',
    whenToUse: '收费达到109号的标准时：按件计收，同一申请人一个自然月内累计申请10件以下（含10件）不收费，11—30件的部分每件100元，31件以上的部分每10件为一档、每档每件加收100元；按量计收，同一申请30页以下（含30页）不收费，31—100页每页10元，101—200页每页20元，201页以上每页40元。',
    misuse: '低于上述标准就收费（如申请一件、几页也发收费通知）；未依法发出收费通知就按本项处理；本行有数字，第六部分却不说明信息处理费情况。',
    counting: `2021年格式的一行；本行不为 0 意味着发过收费通知，第六部分应写明；${ONCE}。`,
  },
  other3: {
    category: '其他',
    group: OTHER,
    basis: `${STATUTE}对此无专门条款，是兜底类别`,
    obligation: 'n/a',
    meaning: '申请人撤回申请等，不属于前面任何一项的其他情形。',
    whenToUse: '确实无法归入前面各项时。',
    misuse: '把本应归入前面各项的结果都放进“其他”，使统计失去意义。',
    counting: `2021年格式的一行；${ONCE}。`,
  },
  otherHandling: {
    category: '（六）其他处理',
    group: '',
    basis: `2019年格式的合并行：逾期不补正见${STATUTE}第三十条，收费见第四十二条，其他情形条例无专门条款；《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）自2021年1月1日起施行，2019、2020年度的“逾期未缴费”在109号中没有依据`,
    obligation: 'n/a',
    meaning: '2019年格式（国办公开办函〔2019〕60号）中不分项的“其他处理”，包括逾期不补正、撤回申请等；收费只能依第四十二条（数量、频次明显超过合理范围），109号的收费标准和“逾期未缴费”要到2021年才适用。',
    whenToUse: '仅用于2019、2020年度报告；2021年格式已拆分为三行：逾期不补正、逾期未缴费、其他。',
    misuse: '2021年度及以后的报告仍只用这一行（应拆分为三行，见 format-outdated）；2019、2020年度以109号为依据按“逾期未缴费”结束办理。',
    counting: ONCE + '。',
  },
};

const NATURE: Record<DispositionInfo['obligation'], string> = {
  must: '应当不予公开（强制性规定，不得公开，没有裁量余地）',
  may: '可以不予公开（裁量：由行政机关权衡是否公开）',
  redirect: '告知申请人依照有关法律、行政法规规定的途径查询（不是拒绝公开）',
  'n/a': '不适用（不是“不予公开”的决定）',
};

/** Rows whose nature needs more than the generic line of NATURE. */
const NATURE_OVERRIDE: Record<string, string> = {
  withheld4: '不得公开（强制性规定）；例外由行政机关判断：第三方同意公开，或行政机关认为不公开会对公共利益造成重大影响的，予以公开；依申请时为“可以决定予以公开”并书面告知第三方（第三十二条）',
  unable2: '可以不予提供（裁量：能区分处理的仍应提供）',
};

/** The ordinal printed before a sub-item label: withheld5 → 5. */
function itemNumber(rowKey: string): string {
  const m = /(\d+)$/.exec(rowKey);
  return m ? m[1] : '';
}

/** Markdown for a hover on that row's label (Chinese), or null for an unknown key. */
export function dispositionHover(rowKey: string): string | null {
  if (!Object.prototype.hasOwnProperty.call(DISPOSITIONS, rowKey)) return null;
  const d = DISPOSITIONS[rowKey];
  const n = itemNumber(rowKey);
  const title = d.group ? `${d.group} · ${n ? `${n}. ` : ''}${d.category}` : d.category;
  return [
    `**${title}**`,
    '',
    `- 法律依据：${d.basis}`,
    `- 性质：${NATURE_OVERRIDE[rowKey] ?? NATURE[d.obligation]}`,
    `- 含义：${d.meaning}`,
    `- 何时适用：${d.whenToUse}`,
    `- 常见误用：${d.misuse}`,
    `- 统计口径：${d.counting}`,
  ].join('\n');
}

// ---------------------------------------------------------------------------
// The other rows and columns a hover explains: the balance rows of 表三, its group rows, 表二's rows
// (the item of 条例第二十条 each comes from) and 表四's outcome columns.

/** 表三's rows that stand in its balance (第一项 + 第二项 = 第三项（七）总计 + 第四项). */
export const BALANCE_ROWS: Record<string, { term: string; meaning: string }> = {
  received: { term: '第一项', meaning: '本年度新收到的政府信息公开申请件数（不含上年结转）。' },
  carriedIn: { term: '第二项', meaning: '上一年度收到、结转到本年度继续办理的申请件数；应等于上一年度报告的“四、结转下年度继续办理”。' },
  resultTotal: { term: '第三项', meaning: '本年度办结的申请件数：（一）至（六）各行之和，每件申请只计一次。' },
  carriedOut: { term: '第四项', meaning: '年底尚未办结、结转到下一年度继续办理的申请件数；不为 0 时，正文不宜说“均已办结”。' },
};

/** 表三's group rows （三）（四）（五）（六）: what the group is and what its sub-rows sum to. */
export const GROUP_HOVERS: Record<string, { title: string; basis: string; meaning: string }> = {
  withheld: {
    title: '（三）不予公开',
    basis: `${STATUTE}第十四条、第十五条、第十六条、第三十六条第（三）（七）项`,
    meaning: '决定不公开所申请信息的八种理由；1—4 为应当不予公开（第十五条有例外），5—7 为可以不予公开，8 为告知另行查询。本组之和计入（七）总计。',
  },
  unable: {
    title: '（四）无法提供',
    basis: `${STATUTE}第三十六条第（四）（五）项、第三十八条、第三十条`,
    meaning: '不是拒绝公开，而是信息不存在、不归本机关、需要另行制作或申请内容不明确，无从提供。本组之和计入（七）总计。',
  },
  notProcessed: {
    title: '（五）不予处理',
    basis: `${STATUTE}第三十五条、第三十六条第（六）项、第三十九条`,
    meaning: '申请不作为政府信息公开申请处理（信访举报投诉、重复申请、公开出版物、大量反复申请、确认或重新出具）。本组之和计入（七）总计。',
  },
  otherHandling: {
    title: '（六）其他处理',
    basis: `${STATUTE}第三十条、第四十二条；其他情形条例无专门条款`,
    meaning: '2021年格式分三行：逾期不补正、逾期未按收费通知缴费、其他（如撤回申请）。本组之和计入（七）总计。',
  },
};

/** 表二's rows: the item of 条例第二十条 each comes from. */
export const T2_ROWS: Record<string, string> = {
  rules: '第二十条第（一）项：行政法规、规章和规范性文件。本行统计规章的本年制发、废止和现行有效件数。',
  normative: '第二十条第（一）项：行政法规、规章和规范性文件。本行统计行政规范性文件的本年制发、废止和现行有效件数。',
  licensing: '第二十条第（五）项：办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果。本行统计本年作出的行政许可决定数量。',
  otherServices: '第二十条第（五）项：办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果（2019年格式单列其他对外管理服务事项）。',
  penalty: '第二十条第（六）项：实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定。本行统计本年作出的行政处罚决定数量。',
  coercion: '第二十条第（六）项：实施行政处罚、行政强制的依据、条件、程序。本行统计本年作出的行政强制决定数量。',
  charges: '第二十条第（八）项：行政事业性收费项目及其依据、标准。本行统计本年收费金额（万元）。',
  procurement: '第二十条第（九）项：政府集中采购项目的目录、标准及实施情况（2019年格式）。',
};

/** 表四's outcome columns. */
export const T4_OUTCOMES: Record<string, string> = {
  upheld: '复议机关或法院维持本机关的答复（含驳回复议申请、驳回诉讼请求）。',
  corrected: '本机关的答复被撤销、确认违法或责令重新答复等，即被纠正。',
  otherResult: '申请人撤回、复议终止、法院裁定驳回起诉等，既未维持也未纠正的结果。',
  pending: '年底尚未作出复议决定或裁判的案件；不为 0 时，正文不宜说复议诉讼“均已审结”。',
  total: '本类案件的总数：维持、纠正、其他结果、尚未审结四列之和。',
};

/** 表四's column groups. */
export const T4_GROUPS: Record<string, string> = {
  review: '行政复议：申请人对本机关的政府信息公开答复不服，申请行政复议的案件（本机关为被申请人，不是作为复议机关办理的案件）。',
  direct: '行政诉讼（未经复议直接起诉）：申请人不经复议，直接以本机关为被告起诉的案件。',
  afterReview: '行政诉讼（复议后起诉）：经过行政复议后又起诉的案件。',
};
