// The report as a Word document (.docx), written with the `docx` package: the title, the section
// headings (Word's 标题 1 / 标题 2 styles, so the navigation pane lists them), the paragraphs in
// 仿宋 三号, and 表二, 表三, 表四 as printed with merged cells (gridSpan, vMerge). The layout comes from
// the export model (core/src/export/model.ts), the same the web page uses. It reads back to the same
// numbers through the Word reader (core/src/readers/docx.ts), and mammoth converts it without a
// warning. Bundled apart with the HTML writer (dist/export.js), loaded only when a report is exported.
// README.md "Export".

import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { exportModel, type ExportTable } from '../../../core/src/export/model';
import type { Report } from '../../../core/src';

/** A4 portrait with 2.54 cm margins: the text width in twentieths of a point. */
const TEXT_WIDTH = 11906 - 2 * 1440;
/** Half-points: 三号 (16 pt) for the text, 五号 (10.5 pt) for the tables, 二号 (22 pt) for the title. */
const BODY_SIZE = 32;
const TABLE_SIZE = 21;
const TITLE_SIZE = 44;
const FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋_GB2312' };
const HEADING_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '黑体' };

const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const BORDERS = { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border };

/** Column widths: the label columns share 40 % of the width (none in 表四), the number columns the rest. */
function columnWidths(t: ExportTable): number[] {
  const labels = countLabelColumns(t);
  const values = t.width - labels;
  const labelShare = labels ? Math.round(TEXT_WIDTH * 0.4) : 0;
  return Array.from({ length: t.width }, (_, k) => (k < labels ? Math.floor(labelShare / labels) : Math.floor((TEXT_WIDTH - labelShare) / Math.max(1, values))));
}

/** How many grid columns hold row labels: the width less the value columns of the widest data row. */
function countLabelColumns(t: ExportTable): number {
  let most = 0;
  for (const row of t.rows) {
    const valueCols = row.filter((c) => c.value).reduce((n, c) => n + c.colspan, 0);
    most = Math.max(most, valueCols);
  }
  return t.width - most;
}

function table(t: ExportTable): Table {
  const widths = columnWidths(t);
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: BORDERS,
    rows: t.rows.map(
      (cells) =>
        new TableRow({
          children: cells.map(
            (c) =>
              new TableCell({
                rowSpan: c.rowspan,
                columnSpan: c.colspan,
                verticalAlign: VerticalAlign.CENTER,
                children: [
                  new Paragraph({
                    alignment: c.value || (c.header && c.rowspan === 1 && c.colspan > 1) ? AlignmentType.CENTER : AlignmentType.LEFT,
                    children: [new TextRun({ text: c.text, size: TABLE_SIZE, bold: c.total })],
                  }),
                ],
              }),
          ),
        }),
    ),
  });
}

/** The .docx file's bytes. */
export async function exportDocx(report: Report): Promise<Uint8Array> {
  const model = exportModel(report);
  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.HEADING_1, alignment: AlignmentType.CENTER, children: [new TextRun({ text: model.title, size: TITLE_SIZE, font: HEADING_FONT, bold: false, color: '000000' })] }),
  ];
  for (const b of model.blocks) {
    if (b.kind === 'heading') {
      children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun({ text: b.text, size: BODY_SIZE, font: HEADING_FONT, bold: false, color: '000000' })] }));
    } else if (b.kind === 'paragraph') {
      children.push(new Paragraph({ indent: { firstLine: 640 }, children: [new TextRun({ text: b.text })] }));
    } else {
      children.push(table(b.table));
      // Word needs a paragraph between two tables, or it joins them.
      children.push(new Paragraph({ children: [] }));
    }
  }
  const doc = new Document({
    creator: 'nianbao',
    title: model.title,
    styles: { default: { document: { run: { font: FONT, size: BODY_SIZE } } } },
    sections: [{ properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1440, bottom: 1440, left: 1440, right: 1440 } } }, children }],
  });
  const buffer = await Packer.toBuffer(doc);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
