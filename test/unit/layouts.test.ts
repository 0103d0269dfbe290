// Published layouts read into the same report model: flattened group labels, crawler text with
// run-together cells, HTML pages. Each gives the numbers of the one-cell-per-line version.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, check, type Report } from '../../core/src';
import { fixture } from '../helpers';

/** Every number of every table, as `T3 received|natural=41`. */
export function numbers(r: Report): string[] {
  return r.tables.flatMap((t) => t.rows.flatMap((row) => row.cells.map((c) => `${t.id} ${row.key}|${c.column}=${c.value}`)));
}

const CLEAN = fixture('clean-2021.txt');
const MD = fixture('clean-2021.md');
const ROWS = fixture('clean-2021.rows.txt');
const GROUP_ROW = /^\| (（[三四五六]）)(不予公开|无法提供|不予处理|其他处理) \|.*\n/gm;

/** Markdown with each group's rowspan flattened into its rows: `| （三） 1.属于国家秘密 | 0 | … |`. */
function flattenMarkdown(md: string, form: 'ordinal' | 'group'): string {
  let group = '';
  return md
    .split('\n')
    .map((line) => {
      const g = /^\| (（[三四五六]）)(不予公开|无法提供|不予处理|其他处理) \|/.exec(line);
      if (g) {
        group = form === 'ordinal' ? g[1] : g[1] + g[2];
        return null;
      }
      if (group && /^\| [0-9]\./.test(line)) return line.replace('| ', `| ${group} `);
      if (/^\| （七）|^\| 三、本年度办理结果/.test(line)) group = '';
      if (/^\| （[一二]）/.test(line)) return line.replace('| ', '| 三、本年度办理结果 ');
      return line;
    })
    .filter((l): l is string => l !== null)
    .join('\n');
}

test('flattened group labels in Markdown: （三） 1.…, （四）无法提供 1.…, 三、本年度办理结果 （一）…', () => {
  const base = numbers(parse(CLEAN));
  for (const form of ['ordinal', 'group'] as const) {
    const md = flattenMarkdown(MD, form);
    assert.match(md, form === 'ordinal' ? /\| （三） 1\.属于国家秘密 \|/ : /\| （四）无法提供 1\.本机关不掌握相关政府信息 \|/);
    assert.match(md, /\| 三、本年度办理结果 （一）予以公开 \|/);
    assert.equal(md.match(GROUP_ROW), null);
    assert.deepEqual(numbers(parse(md)), base, form);
    assert.deepEqual(check(parse(md)).map((p) => p.code), [], form);
  }
});

test('flattened group labels in tab rows, and a wrong group ordinal is not taken for the row', () => {
  const base = numbers(parse(CLEAN));
  const rows = ROWS.split('\n');
  let group = '';
  const flat = rows
    .map((line) => {
      const g = /^(（[三四五六]）)(不予公开|无法提供|不予处理|其他处理)\t(.*)$/.exec(line);
      if (g) {
        group = g[1];
        return `${group}\t${g[3]}`;
      }
      if (group && /^[0-9]\./.test(line)) return `${group} ${line}`;
      return line;
    })
    .join('\n');
  assert.match(flat, /^（三） 2\.其他法律行政法规禁止公开\t/m);
  assert.deepEqual(numbers(parse(flat)), base);
  // （四） in front of a row of （三）: not that row.
  const wrong = flat.replace('（三） 2.其他法律行政法规禁止公开', '（四） 2.其他法律行政法规禁止公开');
  assert.ok(check(parse(wrong)).some((p) => p.code === 'table-shape'));
});
