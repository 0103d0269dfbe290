// The errors of the HTML reader's limits (LIMITS.html in limits.ts, README.md "Limits"). The reader
// checks them while it builds its tree (html-tree.ts): nesting depth, elements, table cells. That
// tree has none of the costs an HTML parser's full tree construction has on hostile pages (a
// 100,000-deep page, or `<p><b id=1>x</p><p><b id=2>x</p>…`, whose formatting elements a full
// parser rebuilds in every paragraph): each tag costs at most maxDepth steps, so a page past a
// limit is refused in milliseconds.

import { LimitError, limitLine } from './limits';

export const depthError = (max: number) =>
  new LimitError('html.maxDepth', limitLine('html.maxDepth', `网页标签嵌套超过 ${max} 层`, `elements nested deeper than ${max}`));
export const cellsError = (max: number) =>
  new LimitError('html.maxCells', limitLine('html.maxCells', `网页表格单元格超过 ${max} 个`, `more than ${max} table cells`));
export const elementsError = (max: number) =>
  new LimitError('html.maxElements', limitLine('html.maxElements', `网页元素超过 ${max} 个`, `more than ${max} elements`));
