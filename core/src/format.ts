// The report format as data: for each national format, the report years it applies to, its
// sections, its tables (rows, columns and the arithmetic between them) and what its prose must say.
// The parser, the rules, recompute, the template, hovers and inlay hints all read this one
// definition; nothing else names a format. Adding a format means adding a FormatDef here (or handing
// one to parse()), not code elsewhere. docs/format.md describes the format as nianbao reads it.

/** A format's id: by convention the year of the circular that fixed it. */
export type FormatId = string;

export interface SectionDef {
  ordinal: string;
  title: string;
  /** Table that must stand in this section, if any. */
  table?: string;
  /** What the section must contain (hover text). */
  contains: string;
  /** Paragraphs the new-report template puts under the heading; `{year}` is the report's year. */
  templateBody?: string[];
}

/** The canonical heading of a section: `三、收到和处理政府信息公开申请情况`. */
export const canonicalHeading = (s: SectionDef): string => `${s.ordinal}、${s.title}`;

/**
 * Something the prose of a section must say, checked by the rule `rule`: at least one of `anyOf`
 * appears in the section's body (the 2021 format's fee sentence in section 六).
 */
export interface PhraseRequirement {
  rule: string;
  /** Index into the format's sections. */
  section: number;
  anyOf: string[];
  /** What the problem says when none appears. */
  message: string;
}

export type ValueKind = 'int' | 'decimal' | 'signed';

export interface ColumnDef {
  key: string;
  /** Short name used in messages and inlay hints. */
  label: string;
  kind?: ValueKind;
}

export interface RowDef {
  key: string;
  /** The label as printed in the official format (ordinal included). */
  label: string;
  /** Other accepted spellings (matched after the same normalisation). */
  variants?: string[];
  /** Columns of this row, if not all of the table's columns. */
  columns?: string[];
  /** Group label key this row belongs to (for hovers and templates). */
  group?: string;
  /** A row with no label of its own (T4's single data row). */
  unlabelled?: boolean;
}

export interface GroupDef {
  key: string;
  label: string;
  variants?: string[];
  /** The group this one is printed inside (表三's （三）不予公开 inside 三、本年度办理结果). */
  parent?: string;
}

/**
 * A column heading as printed above the numbers: a leaf names one column (its label is the column's
 * unless given), an inner heading spans its children (表三's 法人或其他组织 over five columns).
 */
export interface ColumnHeading {
  label?: string;
  column?: string;
  children?: ColumnHeading[];
}

/** target = sum(terms), checked by `rule`; derived cells are targets. */
export interface SumRelation {
  kind: 'sum';
  rule: string;
  target: CellRef;
  terms: CellRef[];
}

/** sum(lhs) = sum(rhs); its fix sets fixTarget. */
export interface BalanceRelation {
  kind: 'balance';
  rule: string;
  lhs: CellRef[];
  rhs: CellRef[];
  /** The cell its (non-preferred) fix sets, and where the problem points. */
  fixTarget: CellRef;
}

export type Relation = SumRelation | BalanceRelation;

export interface CellRef {
  row: string;
  column: string;
}

export interface TableDef {
  id: string;
  format: FormatId;
  /** Index into the format's sections. */
  section: number;
  name: string;
  /** Short Chinese name used in messages and the outline: 表三. */
  shortName: string;
  columns: ColumnDef[];
  groups: GroupDef[];
  rows: RowDef[];
  /** Header texts (normalised) that mark where the table begins, before its first row. */
  headerMarks: string[];
  relations: Relation[];
  /** Header lines above the first row (T3, T4) or above each group's rows (T2, after the group caption), one array of cells per line. */
  templateHeader: string[][];
  /** Printed as one small table per group, under the group's caption, each with its own columns (T2's 第二十条 items). */
  itemised?: boolean;
  /** The headings over the columns as printed, when they are more than one line of column labels (T3, T4). */
  columnHeadings?: ColumnHeading[];
  /** The text of the top-left cell over the row labels (T3's note on the balance). */
  corner?: string;
  /** The heading of the row-label column (T2's 信息内容). */
  labelHeading?: string;
}

// ---------------------------------------------------------------------------
// T2 主动公开政府信息情况

const T2_LABEL_HEADING = '信息内容';

const T2_ITEMS_2021: GroupDef[] = [
  { key: 'item1', label: '第二十条第（一）项' },
  { key: 'item5', label: '第二十条第（五）项' },
  { key: 'item6', label: '第二十条第（六）项' },
  { key: 'item8', label: '第二十条第（八）项' },
];

const T2_2021: TableDef = {
  id: 'T2',
  format: '2021',
  section: 1,
  name: '主动公开政府信息情况',
  shortName: '表二',
  columns: [
    { key: 'issued', label: '本年制发件数' },
    { key: 'repealed', label: '本年废止件数' },
    { key: 'valid', label: '现行有效件数' },
    { key: 'decisions', label: '本年处理决定数量' },
    { key: 'fees', label: '本年收费金额（单位：万元）', kind: 'decimal' },
  ],
  groups: T2_ITEMS_2021,
  rows: [
    { key: 'rules', label: '规章', columns: ['issued', 'repealed', 'valid'], group: 'item1' },
    { key: 'normative', label: '行政规范性文件', columns: ['issued', 'repealed', 'valid'], group: 'item1' },
    { key: 'licensing', label: '行政许可', columns: ['decisions'], group: 'item5' },
    { key: 'penalty', label: '行政处罚', columns: ['decisions'], group: 'item6' },
    { key: 'coercion', label: '行政强制', columns: ['decisions'], group: 'item6' },
    { key: 'charges', label: '行政事业性收费', columns: ['fees'], group: 'item8' },
  ],
  headerMarks: ['第二十条第(一)项', '信息内容'],
  relations: [],
  templateHeader: [[T2_LABEL_HEADING]],
  itemised: true,
  labelHeading: T2_LABEL_HEADING,
};

const T2_2019: TableDef = {
  id: 'T2',
  format: '2019',
  section: 1,
  name: '主动公开政府信息情况',
  shortName: '表二',
  columns: [
    { key: 'made', label: '本年新制作数量' },
    { key: 'published', label: '本年新公开数量' },
    { key: 'total', label: '对外公开总数量' },
    { key: 'lastYear', label: '上一年项目数量' },
    { key: 'change', label: '本年增/减', kind: 'signed' },
    { key: 'decisions', label: '处理决定数量' },
    { key: 'purchases', label: '采购项目数量' },
    { key: 'amount', label: '采购总金额', kind: 'decimal' },
  ],
  groups: [...T2_ITEMS_2021, { key: 'item9', label: '第二十条第（九）项' }],
  rows: [
    { key: 'rules', label: '规章', columns: ['made', 'published', 'total'], group: 'item1' },
    { key: 'normative', label: '规范性文件', columns: ['made', 'published', 'total'], group: 'item1' },
    { key: 'licensing', label: '行政许可', columns: ['lastYear', 'change', 'decisions'], group: 'item5' },
    { key: 'otherServices', label: '其他对外管理服务事项', columns: ['lastYear', 'change', 'decisions'], group: 'item5' },
    { key: 'penalty', label: '行政处罚', columns: ['lastYear', 'change', 'decisions'], group: 'item6' },
    { key: 'coercion', label: '行政强制', columns: ['lastYear', 'change', 'decisions'], group: 'item6' },
    { key: 'charges', label: '行政事业性收费', columns: ['lastYear', 'change'], group: 'item8' },
    { key: 'procurement', label: '政府集中采购', columns: ['purchases', 'amount'], group: 'item9' },
  ],
  headerMarks: ['第二十条第(一)项', '信息内容'],
  relations: [],
  templateHeader: [[T2_LABEL_HEADING]],
  itemised: true,
  labelHeading: T2_LABEL_HEADING,
};

// ---------------------------------------------------------------------------
// T3 收到和处理政府信息公开申请情况

const T3_COLUMNS: ColumnDef[] = [
  { key: 'natural', label: '自然人' },
  { key: 'business', label: '商业企业' },
  { key: 'research', label: '科研机构' },
  { key: 'welfare', label: '社会公益组织' },
  { key: 'legal', label: '法律服务机构' },
  { key: 'other', label: '其他' },
  { key: 'total', label: '总计' },
];
const APPLICANTS = T3_COLUMNS.slice(0, 6).map((c) => c.key);
const T3_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
const T3_APPLICANT_HEADING = '申请人情况';
/** 申请人情况 over 自然人, 法人或其他组织 (the five kinds of organisation) and 总计. */
const T3_HEADINGS: ColumnHeading[] = [
  {
    label: T3_APPLICANT_HEADING,
    children: [
      { column: 'natural' },
      { label: '法人或其他组织', children: APPLICANTS.slice(1).map((column) => ({ column })) },
      { column: 'total' },
    ],
  },
];

const T3_GROUPS_COMMON: GroupDef[] = [
  { key: 'results', label: '三、本年度办理结果' },
  { key: 'withheld', label: '（三）不予公开', parent: 'results' },
  { key: 'unable', label: '（四）无法提供', parent: 'results' },
  { key: 'notProcessed', label: '（五）不予处理', parent: 'results' },
];

/** The disposition rows shared by both formats, up to （五）. */
const DISPOSITIONS_COMMON: RowDef[] = [
  { key: 'granted', label: '（一）予以公开', group: 'results' },
  { key: 'partial', label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', variants: ['（二）部分公开'], group: 'results' },
  { key: 'withheld1', label: '1.属于国家秘密', group: 'withheld' },
  { key: 'withheld2', label: '2.其他法律行政法规禁止公开', group: 'withheld' },
  { key: 'withheld3', label: '3.危及“三安全一稳定”', group: 'withheld' },
  { key: 'withheld4', label: '4.保护第三方合法权益', group: 'withheld' },
  { key: 'withheld5', label: '5.属于三类内部事务信息', group: 'withheld' },
  { key: 'withheld6', label: '6.属于四类过程性信息', group: 'withheld' },
  { key: 'withheld7', label: '7.属于行政执法案卷', group: 'withheld' },
  { key: 'withheld8', label: '8.属于行政查询事项', group: 'withheld' },
  { key: 'unable1', label: '1.本机关不掌握相关政府信息', group: 'unable' },
  { key: 'unable2', label: '2.没有现成信息需要另行制作', group: 'unable' },
  { key: 'unable3', label: '3.补正后申请内容仍不明确', group: 'unable' },
  { key: 'notProcessed1', label: '1.信访举报投诉类申请', group: 'notProcessed' },
  { key: 'notProcessed2', label: '2.重复申请', group: 'notProcessed' },
  { key: 'notProcessed3', label: '3.要求提供公开出版物', group: 'notProcessed' },
  { key: 'notProcessed4', label: '4.无正当理由大量反复申请', group: 'notProcessed' },
  { key: 'notProcessed5', label: '5.要求行政机关确认或重新出具已获取信息', group: 'notProcessed' },
];

const DISPOSITIONS_OTHER_2021: RowDef[] = [
  {
    key: 'other1',
    label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    variants: ['1.申请人无正当理由逾期不补正'],
    group: 'otherHandling',
  },
  {
    key: 'other2',
    label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    variants: ['2.申请人逾期未按收费通知要求缴纳费用'],
    group: 'otherHandling',
  },
  { key: 'other3', label: '3.其他', group: 'otherHandling' },
];

function t3(format: FormatId, otherRows: RowDef[], extraGroups: GroupDef[]): TableDef {
  const dispositions = [...DISPOSITIONS_COMMON, ...otherRows];
  const rows: RowDef[] = [
    { key: 'received', label: '一、本年新收政府信息公开申请数量' },
    { key: 'carriedIn', label: '二、上年结转政府信息公开申请数量' },
    ...dispositions,
    { key: 'resultTotal', label: '（七）总计', group: 'results' },
    { key: 'carriedOut', label: '四、结转下年度继续办理' },
  ];
  const relations: Relation[] = [];
  for (const row of rows) {
    relations.push({
      kind: 'sum',
      rule: 'row-total',
      target: { row: row.key, column: 'total' },
      terms: APPLICANTS.map((column) => ({ row: row.key, column })),
    });
  }
  for (const col of T3_COLUMNS) {
    relations.push({
      kind: 'sum',
      rule: 'column-total',
      target: { row: 'resultTotal', column: col.key },
      terms: dispositions.map((r) => ({ row: r.key, column: col.key })),
    });
  }
  for (const col of T3_COLUMNS) {
    relations.push({
      kind: 'balance',
      rule: 'balance',
      lhs: [
        { row: 'received', column: col.key },
        { row: 'carriedIn', column: col.key },
      ],
      rhs: [
        { row: 'resultTotal', column: col.key },
        { row: 'carriedOut', column: col.key },
      ],
      fixTarget: { row: 'carriedOut', column: col.key },
    });
  }
  return {
    id: 'T3',
    format,
    section: 2,
    name: '收到和处理政府信息公开申请情况',
    shortName: '表三',
    columns: T3_COLUMNS,
    groups: [...T3_GROUPS_COMMON, ...extraGroups],
    rows,
    headerMarks: ['(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)', '申请人情况'],
    relations,
    templateHeader: [
      [T3_NOTE, T3_APPLICANT_HEADING],
      ['', ...T3_COLUMNS.map((c) => c.label)],
    ],
    columnHeadings: T3_HEADINGS,
    corner: T3_NOTE,
  };
}

const T3_2021 = t3('2021', DISPOSITIONS_OTHER_2021, [{ key: 'otherHandling', label: '（六）其他处理', parent: 'results' }]);
const T3_2019 = t3('2019', [{ key: 'otherHandling', label: '（六）其他处理', group: 'results' }], []);

// ---------------------------------------------------------------------------
// T4 政府信息公开行政复议、行政诉讼情况: one data row of fifteen numbers.

const OUTCOMES = [
  ['upheld', '结果维持'],
  ['corrected', '结果纠正'],
  ['otherResult', '其他结果'],
  ['pending', '尚未审结'],
  ['total', '总计'],
] as const;
/** Each group of five columns: its key, its headings as printed from the top, the rule of its total. */
const T4_GROUPS = [
  ['review', ['行政复议'], 'review-total'],
  ['direct', ['行政诉讼', '未经复议直接起诉'], 'litigation-total'],
  ['afterReview', ['行政诉讼', '复议后起诉'], 'litigation-total'],
] as const;

/** A group's name in messages: 行政复议, 行政诉讼（未经复议直接起诉）. */
const t4GroupName = (path: readonly string[]) => (path.length > 1 ? `${path[0]}（${path.slice(1).join('')}）` : path[0]);

const T4_COLUMNS: ColumnDef[] = T4_GROUPS.flatMap(([g, path]) =>
  OUTCOMES.map(([o, ol]) => ({ key: `${g}.${o}`, label: `${t4GroupName(path)}·${ol}` })),
);

/** 行政复议 over its five outcomes; 行政诉讼 over 未经复议直接起诉 and 复议后起诉, each over five. */
function t4Headings(): ColumnHeading[] {
  const top: ColumnHeading[] = [];
  for (const [g, path] of T4_GROUPS) {
    let level = top;
    for (const label of path) {
      let node = level.find((h) => h.label === label);
      if (!node) level.push((node = { label, children: [] }));
      level = node.children!;
    }
    level.push(...OUTCOMES.map(([o, ol]) => ({ label: ol, column: `${g}.${o}` })));
  }
  return top;
}

function t4(format: FormatId): TableDef {
  return {
    id: 'T4',
    format,
    section: 3,
    name: '政府信息公开行政复议、行政诉讼情况',
    shortName: '表四',
    columns: T4_COLUMNS,
    groups: [],
    rows: [{ key: 'data', label: '', unlabelled: true }],
    headerMarks: ['行政复议'],
    columnHeadings: t4Headings(),
    relations: T4_GROUPS.map(([g, , rule]) => ({
      kind: 'sum' as const,
      rule,
      target: { row: 'data', column: `${g}.total` },
      terms: OUTCOMES.slice(0, 4).map(([o]) => ({ row: 'data', column: `${g}.${o}` })),
    })),
    templateHeader: [
      ['行政复议', '', '', '', '', '行政诉讼'],
      ['', '', '', '', '', '未经复议直接起诉', '', '', '', '', '复议后起诉'],
      ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计', '结果维持', '结果纠正', '其他结果', '尚未审结', '总计', '结果维持', '结果纠正', '其他结果', '尚未审结', '总计'],
    ],
  };
}

// ---------------------------------------------------------------------------
// The six sections. Both national formats have the same six; the 2021 format adds the fee sentence
// to section 六.

const SECTION_1: SectionDef = {
  ordinal: '一',
  title: '总体情况',
  contains: '总体情况：主动公开、依申请公开、政府信息管理、平台建设、监督保障等方面的工作概述。',
  templateBody: ['（一）主动公开', '', '（二）依申请公开', '', '（三）政府信息管理', '', '（四）平台建设', '', '（五）监督保障', ''],
};
const SECTION_2: SectionDef = { ordinal: '二', title: '主动公开政府信息情况', table: 'T2', contains: '主动公开政府信息情况：表二，条例第二十条第（一）（五）（六）（八）项的统计。' };
const SECTION_3: SectionDef = { ordinal: '三', title: '收到和处理政府信息公开申请情况', table: 'T3', contains: '收到和处理政府信息公开申请情况：表三，申请的新收、结转与办理结果，勾稽关系须平衡。' };
const SECTION_4: SectionDef = { ordinal: '四', title: '政府信息公开行政复议、行政诉讼情况', table: 'T4', contains: '政府信息公开行政复议、行政诉讼情况：表四，复议和诉讼的结果与总计。' };
const SECTION_5: SectionDef = {
  ordinal: '五',
  title: '存在的主要问题及改进情况',
  contains: '存在的主要问题及改进情况：问题与改进措施（文字）。',
  templateBody: ['（一）存在的主要问题', '', '（二）改进情况', ''],
};

const SECTIONS_2021: readonly SectionDef[] = [
  SECTION_1,
  SECTION_2,
  SECTION_3,
  SECTION_4,
  SECTION_5,
  {
    ordinal: '六',
    title: '其他需要报告的事项',
    contains: '其他需要报告的事项：说明信息处理费的收取情况（收费通知件数、金额、实收金额）。',
    templateBody: ['本机关{year}年度发出收费通知 0 件，总金额 0 元，实际收取信息处理费 0 元。', ''],
  },
];

const SECTIONS_2019: readonly SectionDef[] = [
  SECTION_1,
  SECTION_2,
  SECTION_3,
  SECTION_4,
  SECTION_5,
  { ordinal: '六', title: '其他需要报告的事项', contains: '其他需要报告的事项：其他需要报告的事项（文字）。', templateBody: ['无。', ''] },
];

// ---------------------------------------------------------------------------
// The formats

export interface FormatDef {
  id: FormatId;
  /** How messages name it: `2021 年` (messages add 格式). */
  name: string;
  /** Name of the circular that fixes the format. */
  source: string;
  /** The report years it applies to, both ends included; no `to` means every later year. */
  years: { from: number; to?: number };
  sections: readonly SectionDef[];
  /** The tables, in the order the parser looks for them (the most distinctive first). */
  tables: Record<string, TableDef>;
  /** What its prose must say. */
  requirements: readonly PhraseRequirement[];
}

export const FORMAT_2021: FormatDef = {
  id: '2021',
  name: '2021 年',
  source: '国办公开办函〔2021〕30号',
  years: { from: 2021 },
  sections: SECTIONS_2021,
  tables: { T3: T3_2021, T2: T2_2021, T4: t4('2021') },
  requirements: [
    {
      rule: 'fee-missing',
      section: 5,
      anyOf: ['信息处理费', '处理费', '收费通知'],
      message: '第六部分未说明信息处理费的收取情况（2021 年格式要求写明收费通知件数、金额和实收金额）',
    },
  ],
};

export const FORMAT_2019: FormatDef = {
  id: '2019',
  name: '2019 年',
  source: '国办公开办函〔2019〕60号',
  years: { from: 2019, to: 2020 },
  sections: SECTIONS_2019,
  tables: { T3: T3_2019, T2: T2_2019, T4: t4('2019') },
  requirements: [],
};

/** The national formats, newest first: the order in which they are tried when the year does not decide. */
export const DEFAULT_FORMATS: readonly FormatDef[] = [FORMAT_2021, FORMAT_2019];

/** The built-in formats by id. */
export const FORMATS: Readonly<Record<FormatId, FormatDef>> = Object.fromEntries(DEFAULT_FORMATS.map((f) => [f.id, f]));

/** Whether a format applies to reports of `year`. */
export function appliesTo(format: FormatDef, year: number): boolean {
  return year >= format.years.from && (format.years.to === undefined || year <= format.years.to);
}

/** The format that applies to reports of `year`, if any of `formats` does (the most recent when several do). */
export function formatForYear(year: number | null, formats: readonly FormatDef[] = DEFAULT_FORMATS): FormatDef | undefined {
  if (year === null) return undefined;
  let best: FormatDef | undefined;
  for (const f of formats) if (appliesTo(f, year) && (!best || f.years.from > best.years.from)) best = f;
  return best;
}

/** Whether format `a` was fixed before format `b` (applies to earlier years). */
export function olderThan(a: FormatDef, b: FormatDef): boolean {
  return a.years.from < b.years.from;
}

/** The short Chinese name of a table (表三), from whichever built-in format defines it. */
export function tableShortName(id: string): string {
  for (const f of DEFAULT_FORMATS) if (f.tables[id]) return f.tables[id].shortName;
  return id;
}

export function rowDef(table: TableDef, key: string): RowDef | undefined {
  return table.rows.find((r) => r.key === key);
}

export function columnsOf(table: TableDef, row: RowDef): ColumnDef[] {
  if (!row.columns) return table.columns;
  return row.columns.map((k) => table.columns.find((c) => c.key === k)!);
}

export function columnDef(table: TableDef, key: string): ColumnDef | undefined {
  return table.columns.find((c) => c.key === key);
}

/** Cells whose value follows from others (targets of a sum relation): what recompute fills. */
export function isDerived(table: TableDef, ref: CellRef): boolean {
  return table.relations.some((r) => r.kind === 'sum' && r.target.row === ref.row && r.target.column === ref.column);
}

/** A short human name for a cell, for messages: `（七）总计 · 自然人`. */
export function cellName(table: TableDef, ref: CellRef): string {
  const row = rowDef(table, ref.row);
  const col = columnDef(table, ref.column);
  const rowName = row && !row.unlabelled ? shortLabel(row.label) : '';
  return rowName ? `“${rowName}”${col ? `·${col.label}` : ''}` : col?.label ?? ref.column;
}

/** Label without a trailing parenthetical note, for messages. */
export function shortLabel(label: string): string {
  return label.replace(/（[^（）]*）$/, '') || label;
}
