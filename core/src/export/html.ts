// The report as one self-contained web page: inline CSS, no script, no remote resource (no font, no
// image, no link), valid HTML5 (parse5 reads it without a parse error). Headings, paragraphs and
// 表二, 表三, 表四 as printed, with merged cells (rowspan/colspan), ready to paste into a site's
// editor. The page reads back to the same numbers through the HTML reader (readers/html.ts).
// README.md "Export".

import { exportModel, type ExportCell, type ExportTable } from './model';
import type { Report } from '../types';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const CSS = `
body { font-family: "FangSong", "仿宋", "仿宋_GB2312", "SimSun", serif; font-size: 16px; line-height: 1.8; max-width: 60em; margin: 2em auto; padding: 0 1em; color: #000; background: #fff; }
h1 { font-family: "SimHei", "黑体", sans-serif; font-size: 22px; text-align: center; margin: 1em 0; }
h2 { font-family: "SimHei", "黑体", sans-serif; font-size: 18px; margin: 1.2em 0 0.6em; }
p { text-indent: 2em; margin: 0.4em 0; }
table { border-collapse: collapse; width: 100%; margin: 0.8em 0; font-size: 13px; line-height: 1.4; }
th, td { border: 1px solid #000; padding: 3px 4px; vertical-align: middle; }
th { font-weight: normal; text-align: center; }
th.label { text-align: left; }
td { text-align: center; }
td.total { font-weight: bold; }
`.trim();

function cellHtml(c: ExportCell, labelColumn: boolean): string {
  const attrs: string[] = [];
  if (c.rowspan > 1) attrs.push(`rowspan="${c.rowspan}"`);
  if (c.colspan > 1) attrs.push(`colspan="${c.colspan}"`);
  const tag = c.header ? 'th' : 'td';
  if (c.total) attrs.push('class="total"');
  else if (c.header && labelColumn) attrs.push('class="label"');
  return `<${tag}${attrs.length ? ' ' + attrs.join(' ') : ''}>${escape(c.text)}</${tag}>`;
}

function tableHtml(t: ExportTable): string {
  const rows = t.rows.map((cells) => {
    // The cells before the first value cell of a data row are its labels (left-aligned).
    const firstValue = cells.findIndex((c) => c.value);
    return `<tr>${cells.map((c, i) => cellHtml(c, firstValue > 0 && i < firstValue)).join('')}</tr>`;
  });
  return `<table data-table="${t.id}">\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
}

/** The page, as a string (UTF-8 when written). */
export function exportHtml(report: Report): string {
  const model = exportModel(report);
  const body: string[] = [`<h1>${escape(model.title)}</h1>`];
  for (const b of model.blocks) {
    if (b.kind === 'heading') body.push(`<h2>${escape(b.text)}</h2>`);
    else if (b.kind === 'paragraph') body.push(`<p>${escape(b.text)}</p>`);
    else body.push(tableHtml(b.table));
  }
  return [
    '<!DOCTYPE html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escape(model.title)}</title>`,
    `<style>\n${CSS}\n</style>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
