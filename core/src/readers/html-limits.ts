// The limits of the HTML reader (LIMITS.html in limits.ts, README.md "Limits"), checked in two steps:
//
//  1. `scanHtml`, before the parse: one linear pass over the tags that keeps the stack of open
//     elements the way an HTML parser would in the common cases (an end tag closes what it names and
//     everything opened inside it; `<p>`, `<li>`, `<td>`, `<tr>`… close the previous one of their
//     kind; formatting elements such as `<b>` or `<font>` closed implicitly are reopened in the next
//     text, as the parser's "active formatting elements" are). The parser's tree building costs up
//     to (depth × elements): 100,000 nested `<div>` take minutes and a few kilobytes of
//     `<p><b id=1>x</p><p><b id=2>x</p>…` make it rebuild thousands of elements per paragraph. The
//     scan refuses such a page in milliseconds, before the parser sees it.
//  2. `checkTree`, after the parse: the real depth and the number of table cells, walked without
//     recursion, so that the reader's own recursive walk never goes deeper than maxDepth.
//
// Either throws a LimitError naming the limit; nothing else is thrown.

import { LIMITS, LimitError, limitLine } from './limits';

const VOID = new Set([
  'area', 'base', 'basefont', 'bgsound', 'br', 'col', 'embed', 'frame', 'hr', 'image', 'img', 'input', 'keygen', 'link', 'meta',
  'param', 'source', 'track', 'wbr', 'menuitem',
]);
/** Elements whose content is not markup (read up to their own end tag). */
const RAW = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript']);
const FORMATTING = new Set(['a', 'b', 'big', 'code', 'em', 'font', 'i', 'nobr', 's', 'small', 'strike', 'strong', 'tt', 'u']);
/** Elements that start a new scope of active formatting elements. */
const MARKERS = new Set(['td', 'th', 'caption', 'applet', 'object', 'marquee', 'template']);
/** Start tags that close an open `<p>`. */
const CLOSES_P = new Set([
  'address', 'article', 'aside', 'blockquote', 'center', 'details', 'dialog', 'dir', 'div', 'dl', 'fieldset', 'figcaption', 'figure',
  'footer', 'header', 'hgroup', 'main', 'menu', 'nav', 'ol', 'p', 'section', 'summary', 'ul', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre',
  'listing', 'form', 'table', 'hr', 'li', 'dd', 'dt',
]);
/** Where the search for an open `<p>` stops. */
const P_SCOPE = ['table', 'td', 'th', 'caption', 'button', 'html', 'applet', 'marquee', 'object', 'template'];
const P = ['p'];
/** A start tag of the key closes an open element of the value's kinds, looking no further down than the boundaries. */
const SAME_KIND: Record<string, { kinds: string[]; stop: string[] }> = {
  td: { kinds: ['td', 'th'], stop: ['tr', 'table'] },
  th: { kinds: ['td', 'th'], stop: ['tr', 'table'] },
  tr: { kinds: ['tr'], stop: ['table'] },
  thead: { kinds: ['thead', 'tbody', 'tfoot'], stop: ['table'] },
  tbody: { kinds: ['thead', 'tbody', 'tfoot'], stop: ['table'] },
  tfoot: { kinds: ['thead', 'tbody', 'tfoot'], stop: ['table'] },
  li: { kinds: ['li'], stop: ['ul', 'ol', 'table', 'td', 'th'] },
  dt: { kinds: ['dt', 'dd'], stop: ['dl', 'table', 'td', 'th'] },
  dd: { kinds: ['dt', 'dd'], stop: ['dl', 'table', 'td', 'th'] },
  option: { kinds: ['option'], stop: ['select'] },
};

interface El {
  name: string;
  /** Formatting elements: name and attributes, for the parser's "at most three alike" rule. */
  key?: string;
  open: boolean;
  /** Still in the list of active formatting elements. */
  active: boolean;
}

const depthError = (max: number) =>
  new LimitError('html.maxDepth', limitLine('html.maxDepth', `网页标签嵌套超过 ${max} 层`, `elements nested deeper than ${max}`));
const cellsError = (max: number) =>
  new LimitError('html.maxCells', limitLine('html.maxCells', `网页表格单元格超过 ${max} 个`, `more than ${max} table cells`));
const elementsError = (max: number) =>
  new LimitError('html.maxElements', limitLine('html.maxElements', `网页元素超过 ${max} 个`, `more than ${max} elements`));

const rawEnd = new Map<string, RegExp>();

/** The pre-parse scan (step 1 above). Linear in the page's length, times at most maxDepth. */
export function scanHtml(src: string, limits = LIMITS.html): void {
  const stack: El[] = [];
  /** Active formatting elements; null is a marker. */
  let afe: (El | null)[] = [];
  /** Formatting elements after the last marker that are closed but still active (reopened by the next text). */
  let closed = 0;
  const saved: number[] = [];
  let elements = 0;
  let cells = 0;

  const tooDeep = () => stack.length + closed > limits.maxDepth;
  const clearToMarker = () => {
    while (afe.length) {
      const e = afe.pop();
      if (e === null || e === undefined) break;
      e.active = false;
    }
    closed = saved.pop() ?? 0;
  };
  /** Pop the stack down to (and including) index k. */
  const popTo = (k: number) => {
    while (stack.length > k) {
      const e = stack.pop()!;
      e.open = false;
      if (e.active) closed++;
      if (MARKERS.has(e.name)) clearToMarker();
    }
  };
  const find = (names: string[], stop: string[]): number => {
    for (let k = stack.length - 1; k >= 0; k--) {
      const n = stack[k].name;
      if (names.includes(n)) return k;
      if (stop.includes(n)) return -1;
    }
    return -1;
  };
  const text = () => {
    // The parser reopens the closed active formatting elements before any text.
    if (!closed) return;
    let k = afe.length - 1;
    while (k >= 0 && afe[k] !== null) k--;
    for (let j = k + 1; j < afe.length; j++) {
      const e = afe[j]!;
      if (e.open) continue;
      const again: El = { name: e.name, key: e.key, open: true, active: true };
      afe[j] = again;
      e.active = false;
      stack.push(again);
      elements++;
    }
    closed = 0;
    if (elements > limits.maxElements) throw elementsError(limits.maxElements);
    if (tooDeep()) throw depthError(limits.maxDepth);
  };
  const start = (name: string, attrs: string) => {
    elements++;
    if (elements > limits.maxElements) throw elementsError(limits.maxElements);
    if (name === 'td' || name === 'th') {
      cells++;
      if (cells > limits.maxCells) throw cellsError(limits.maxCells);
    }
    const same = SAME_KIND[name];
    if (same) {
      const k = find(same.kinds, same.stop);
      if (k >= 0) popTo(k);
    }
    if (CLOSES_P.has(name)) {
      const k = find(P, P_SCOPE);
      if (k >= 0) popTo(k);
    }
    if (VOID.has(name)) return;
    const el: El = { name, open: true, active: false };
    stack.push(el);
    if (FORMATTING.has(name)) {
      el.key = name + ' ' + attrs.trim().replace(/\s+/g, ' ');
      // At most three alike after the last marker: the earliest goes.
      let alike = 0;
      let first = -1;
      for (let j = afe.length - 1; j >= 0 && afe[j] !== null; j--) {
        if (afe[j]!.key === el.key) {
          alike++;
          first = j;
        }
      }
      if (alike >= 3) {
        const gone = afe.splice(first, 1)[0]!;
        gone.active = false;
        if (!gone.open) closed--;
      }
      el.active = true;
      afe.push(el);
    } else if (MARKERS.has(name)) {
      afe.push(null);
      saved.push(closed);
      closed = 0;
    }
    if (tooDeep()) throw depthError(limits.maxDepth);
  };
  const end = (name: string) => {
    if (FORMATTING.has(name)) {
      for (let j = afe.length - 1; j >= 0 && afe[j] !== null; j--) {
        const e = afe[j]!;
        if (e.name !== name) continue;
        afe.splice(j, 1);
        e.active = false;
        if (e.open) popTo(stack.lastIndexOf(e));
        else closed--;
        return;
      }
      return;
    }
    const stop = name === 'td' || name === 'th' || name === 'tr' ? ['table'] : [];
    const k = find([name], stop);
    if (k >= 0) popTo(k);
  };

  const n = src.length;
  let i = 0;
  while (i < n) {
    const lt = src.indexOf('<', i);
    const stop = lt < 0 ? n : lt;
    if (stop > i) text();
    if (lt < 0) break;
    i = lt + 1;
    const c = src.charCodeAt(i);
    if (src.startsWith('!--', i)) {
      const e = src.indexOf('-->', i + 3);
      i = e < 0 ? n : e + 3;
      continue;
    }
    if (c === 0x21 /* ! */ || c === 0x3f /* ? */) {
      const e = src.indexOf('>', i);
      i = e < 0 ? n : e + 1;
      continue;
    }
    const isEnd = c === 0x2f; /* / */
    let j = isEnd ? i + 1 : i;
    const c0 = src.charCodeAt(j) | 0x20;
    if (c0 < 0x61 || c0 > 0x7a) continue; // not a tag: a `<` in the text
    const nameStart = j;
    while (j < n && !/[\s/>]/.test(src[j])) j++;
    const name = src.slice(nameStart, j).toLowerCase();
    // The rest of the tag: `>` ends it, except inside a quoted attribute value.
    let q = 0;
    const attrsStart = j;
    while (j < n) {
      const ch = src.charCodeAt(j);
      if (q) {
        if (ch === q) q = 0;
      } else if (ch === 0x3e /* > */) break;
      else if ((ch === 0x22 || ch === 0x27) && /[=\s]/.test(src[j - 1])) q = ch;
      j++;
    }
    const attrs = src.slice(attrsStart, j);
    i = j + 1;
    if (isEnd) {
      end(name);
      continue;
    }
    start(name, attrs);
    if (name === 'plaintext') break;
    if (RAW.has(name)) {
      let re = rawEnd.get(name);
      if (!re) rawEnd.set(name, (re = new RegExp(`</${name}[\\s/>]`, 'ig')));
      re.lastIndex = i;
      const m = re.exec(src);
      i = m ? m.index : n;
    }
  }
}

/** The few fields of a parse5 node this check reads. */
interface TreeNode {
  nodeName: string;
  childNodes?: TreeNode[];
  content?: TreeNode;
}

/** The parsed tree's depth and table cells (step 2 above), walked with an explicit stack. */
export function checkTree(root: TreeNode, limits = LIMITS.html): void {
  const nodes: TreeNode[] = [root];
  const depths: number[] = [0];
  let cells = 0;
  while (nodes.length) {
    const node = nodes.pop()!;
    const d = depths.pop()!;
    if (d > limits.maxDepth) throw depthError(limits.maxDepth);
    if (node.nodeName === 'td' || node.nodeName === 'th') {
      cells++;
      if (cells > limits.maxCells) throw cellsError(limits.maxCells);
    }
    const kids = node.nodeName === 'template' ? node.content?.childNodes : node.childNodes;
    if (kids) {
      for (const k of kids) {
        nodes.push(k);
        depths.push(d + 1);
      }
    }
  }
}
