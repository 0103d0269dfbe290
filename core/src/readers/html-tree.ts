// The element tree the HTML reader walks (readers/html.ts), built in one pass over parse5's HTML5
// tokenizer. parse5's own tree builder keeps far more than the reader needs (every attribute, line
// and column of every tag, the list of active formatting elements) and, on a 200 kB page, cost four
// times the tokenizer. This builder keeps only what the reader reads: element names, text, and the
// source offsets of each element, its start tag's end and its end tag's start, one flat object per
// node. And it keeps only tables: the page's top level (its prose, headings, blocks) is handed to
// the reader as it is read (readFlow and its FlowSink), in the order of the tree's nodes; each table
// is handed on whole when it closes. It follows the parts of the HTML5 tree construction that
// decide what a reader sees:
//   - raw text (script, style, textarea, title…): the tokenizer is switched as the parser would;
//   - implied ends: a `<td>` closes the open cell, `<tr>` the open row, `<p>`-closing blocks and
//     `<table>` close an open `<p>`, `<li>`/`<dt>`/`<dd>` close their kind; an end tag never closes
//     across a table or a cell; `</table>` closes everything inside it;
//   - a cell outside a row gets a row, a row or cell outside any table is ignored;
//   - text and elements in a table but outside its cells are put before the table (foster parenting);
//   - elements the reader skips (script, svg, select…) keep no content.
// Elements it leaves out (formatting elements reopened by the adoption agency) change no text.
//
// The tokenizer is parse5's, with fast paths that produce the same tokens (offsets included) with
// fewer steps: a run of ordinary characters (text, blanks, a tag or attribute name, a quoted
// attribute value) is taken in one slice instead of one character at a time; a usual tag (`<p
// style="a">`, `<br/>`, `</td>`: names, one-space gaps, quoted or plain values, no entity in a
// value) is read in one step; the usual character references (`&nbsp;`, `&amp;`, `&#12288;`…) are
// decoded on the spot. Anything else takes parse5's own states. Attribute locations are not kept
// (the tree never reads them). test/unit/html-tree.test.ts checks the tokens against parse5's own tokenizer.
//
// Nesting deeper than LIMITS.html.maxDepth, more than maxElements elements or more than maxCells
// table cells throws a LimitError while the tree is built, so that the reader's recursive walk never
// goes deeper than maxDepth. Every step is linear in the page, times at most maxDepth.

import { Tokenizer, TokenizerMode, Token, html, type TokenHandler, type TokenizerOptions } from 'parse5';
import { LIMITS } from './limits';
import { cellsError, depthError, elementsError } from './html-limits';

/**
 * A node of the tree: an element (`childNodes`) or text (`nodeName` `#text`, `value`), with the
 * source span [start, end). Flat, one object per node: a long page's tables are kept whole until
 * they close, and what stays alive while a page is read is what costs (the garbage collector copies it).
 */
export class TreeNode {
  /** A table that holds another table (a layout table), set as the tree is built. */
  hasTable = false;
  /** Where its start tag ends and where its end tag starts (-1: no such tag); a cell's content is between. */
  tagEnd = -1;
  endTagStart = -1;
  /** At the top level (its content is handed to the sink, not kept). */
  flow = false;
  /** A table whose parent is at the top level: handed to the sink whole when it closes. */
  outer = false;

  constructor(
    readonly nodeName: string,
    public start: number,
    public end: number,
    readonly childNodes: TreeNode[] | null,
    public value: string | null = null,
  ) {}

  /** The span in parse5's shape (for the tests). */
  get sourceCodeLocation(): { startOffset: number; endOffset: number } {
    return { startOffset: this.start, endOffset: this.end };
  }
}

// ---------------------------------------------------------------------------
// The tokenizer

/** The parts of parse5's Tokenizer the fast paths use (public in JavaScript, not in its typings). */
interface TokenizerInternals {
  state: number;
  inForeignNode: boolean;
  preprocessor: { html: string; pos: number; line: number; lineStartPos: number; isEol: boolean; readonly col: number; readonly offset: number; dropParsedChunk(): void };
  consumedAfterSnapshot: number;
  handler: TokenHandler;
  lastStartTagName: string;
  prepareToken(token: Token.TagToken): void;
  currentAttr: { name: string; value: string };
  currentToken: { tagName: string; attrs: { name: string; value: string }[]; selfClosing: boolean } | null;
  write(chunk: string, isLastChunk: boolean): void;
  _emitChars(ch: string): void;
  _emitCodePoint(cp: number): void;
  _appendCharToCurrentCharacterToken(type: Token.TokenType, ch: string): void;
  _createStartTagToken(): void;
  _createEndTagToken(): void;
  emitCurrentTagToken(): void;
  _stateData(cp: number): void;
  _stateTagOpen(cp: number): void;
  _stateEndTagOpen(cp: number): void;
  _stateAttributeValueDoubleQuoted(cp: number): void;
  _stateAttributeValueSingleQuoted(cp: number): void;
  _stateTagName(cp: number): void;
  _stateAttributeName(cp: number): void;
}

/**
 * A character the data state only copies: not markup (`<`, `&`), not blank or a control character
 * (the tokenizer groups blanks apart), not NUL, not a surrogate (the preprocessor pairs those), not
 * a noncharacter (it reports those).
 */
const plain = (c: number): boolean => c > 0x20 && c !== 0x3c && c !== 0x26 && (c < 0x7f || (c > 0x9f && c < 0xd800) || (c > 0xdfff && c < 0xfdd0));

/** What the preprocessor passes as is inside a quoted attribute value, but the closing quote. */
const plainInValue = (c: number, quote: number): boolean => c !== quote && (c === 0x20 || c === 0x3c || plain(c));
const plainInDouble = (c: number): boolean => plainInValue(c, 0x22);
const plainInSingle = (c: number): boolean => plainInValue(c, 0x27);

/** A character of a usual tag or attribute name (ASCII: lower-casing it is the tokenizer's ASCII lower-casing). */
const nameChar = (c: number): boolean =>
  (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x5f || c === 0x3a;

export const asciiLetter = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);

/** A character of an unquoted attribute value that the tokenizer only copies (it ends at a blank or `>`). */
const plainUnquoted = (c: number): boolean => plain(c) && c !== 0x3e && c !== 0x22 && c !== 0x27 && c !== 0x3d && c !== 0x60;

/** A blank the data state groups into one whitespace token (a carriage return is not: the preprocessor rewrites it). */
const blank = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0c;

/** The named references taken on the spot (with their `;`; what follows `&`), and the code point each stands for. */
const NAMED: [string, number][] = [['nbsp;', 0xa0], ['amp;', 0x26], ['lt;', 0x3c], ['gt;', 0x3e], ['quot;', 0x22]];

/** A code point a numeric reference stands for as it is (no replacement, no parse error, not a blank or a control). */
const asIs = (c: number): boolean => (c > 0x20 && c < 0x7f) || (c >= 0xa0 && c < 0xd800) || (c >= 0xe000 && c < 0xfdd0) || (c >= 0xfdf0 && c < 0xfffe);

/**
 * The usual tag and attribute names, by length and first letter: a name read from the page is
 * taken as one of these strings (lower case) instead of a new copy of its characters, so that the
 * tree builder's and the reader's comparisons and set lookups meet the same strings every time.
 */
const USUAL = new Map<number, string[]>();
for (const n of [
  'p', 'span', 'td', 'tr', 'th', 'table', 'tbody', 'thead', 'tfoot', 'div', 'br', 'b', 'strong', 'font', 'a', 'img', 'li', 'ul', 'ol',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'u', 'em', 'sup', 'sub', 'center', 'col', 'colgroup', 'caption', 'html', 'head', 'body',
  'meta', 'link', 'title', 'style', 'script', 'section', 'article', 'header', 'footer', 'nav', 'main', 'form', 'input', 'label',
  'dl', 'dt', 'dd', 'pre', 'blockquote', 'small', 'big', 'o:p', 'class', 'id', 'width', 'height', 'colspan', 'rowspan', 'align',
  'valign', 'border', 'href', 'src', 'alt', 'cellspacing', 'cellpadding', 'lang', 'name', 'content', 'charset', 'type', 'rel',
  'bgcolor', 'face', 'size', 'color', 'target', 'http-equiv', 'data-id',
]) {
  const key = n.length * 128 + n.charCodeAt(0);
  USUAL.set(key, [...(USUAL.get(key) ?? []), n]);
}

/** h[p, j) (name characters) in lower case, as one of the usual names when it is one. */
function nameAt(h: string, p: number, j: number): string {
  const list = USUAL.get((j - p) * 128 + (h.charCodeAt(p) | 0x20));
  if (list) {
    next: for (const n of list) {
      // Name characters are ASCII letters, digits, `-`, `_`, `:`: `| 0x20` lowers a letter and maps no other onto one.
      for (let k = 1; k < n.length; k++) if ((h.charCodeAt(p + k) | 0x20) !== n.charCodeAt(k)) continue next;
      return n;
    }
  }
  return h.slice(p, j).toLowerCase();
}

/** The attributes of a token whose attributes are not kept (never added to). */
const NO_ATTRS: { name: string; value: string }[] = [];

const Base = Tokenizer as unknown as new (options: TokenizerOptions, handler: TokenHandler) => TokenizerInternals;

const tagToken = (type: Token.TokenType.START_TAG | Token.TokenType.END_TAG): Token.TagToken => ({
  type,
  tagName: '',
  tagID: html.TAG_ID.UNKNOWN,
  selfClosing: false,
  ackSelfClosing: false,
  attrs: [],
  location: { startLine: -1, startCol: -1, startOffset: -1, endLine: -1, endCol: -1, endOffset: -1 },
});

/**
 * parse5's tokenizer, taking runs of ordinary characters, usual tags and usual references in one
 * step (the same tokens). A usual tag's token is one object reused from tag to tag: a handler
 * copies what it keeps (the tree builder keeps offsets and names).
 */
class FastTokenizer extends Base {
  private readonly startToken = tagToken(Token.TokenType.START_TAG);
  private readonly endToken = tagToken(Token.TokenType.END_TAG);

  /** keepAttrs false: the usual tags' tokens carry no attributes (the tree never reads them; parse5's own states still keep theirs). */
  constructor(options: TokenizerOptions, handler: TokenHandler, private readonly keepAttrs = true) {
    super(options, handler);
  }

  /** Where the run of characters from the current one that `ok` accepts ends. */
  private runEnd(ok: (c: number) => boolean): number {
    const h = this.preprocessor.html;
    let j = this.preprocessor.pos + 1;
    while (j < h.length && ok(h.charCodeAt(j))) j++;
    return j;
  }

  /**
   * Past the run [p, j) just taken (the preprocessor at its last character). Taking it may have
   * dropped the parsed part of the buffer: pos moved back with it, so the move is relative.
   */
  private skip(p: number, j: number): void {
    this.preprocessor.pos += j - 1 - p;
    this.consumedAfterSnapshot += j - 1 - p;
  }

  /** A run of blanks as one whitespace token, counting its lines as the preprocessor does. */
  private blanks(): void {
    const pp = this.preprocessor;
    const h = pp.html;
    const p = pp.pos;
    let j = p + 1;
    let line = pp.line;
    let lineStart = pp.lineStartPos;
    let eol = pp.isEol;
    for (let c = h.charCodeAt(j); blank(c); c = h.charCodeAt(++j)) {
      if (eol) {
        line++;
        lineStart = j;
        eol = false;
      }
      if (c === 0x0a) eol = true;
    }
    this._appendCharToCurrentCharacterToken(Token.TokenType.WHITESPACE_CHARACTER, h.slice(p, j));
    // Taking the run may drop the parsed part of the buffer (pos and lineStartPos move back with it).
    const shift = p - pp.pos;
    pp.pos = j - 1 - shift;
    this.consumedAfterSnapshot += j - 1 - p;
    pp.line = line;
    pp.lineStartPos = lineStart - shift;
    pp.isEol = eol;
  }

  /** `&nbsp;`, `&amp;`…, `&#12288;`, `&#x3000;` at the current `&`, decoded as parse5's decoder would; false for any other. */
  private reference(): boolean {
    const pp = this.preprocessor;
    const h = pp.html;
    const p = pp.pos;
    let cp = -1;
    let j = p + 1;
    if (h.charCodeAt(j) === 0x23 /* # */) {
      const hex = (h.charCodeAt(j + 1) | 0x20) === 0x78;
      j += hex ? 2 : 1;
      const from = j;
      let v = 0;
      for (;;) {
        const c = h.charCodeAt(j);
        const d = c >= 0x30 && c <= 0x39 ? c - 0x30 : hex && (c | 0x20) >= 0x61 && (c | 0x20) <= 0x66 ? (c | 0x20) - 0x57 : -1;
        if (d < 0) break;
        v = v * (hex ? 16 : 10) + d;
        j++;
      }
      if (j === from || j - from > 6 || h.charCodeAt(j) !== 0x3b /* ; */ || !asIs(v)) return false;
      cp = v;
    } else {
      for (const [name, code] of NAMED) {
        if (h.startsWith(name, j)) {
          cp = code;
          j += name.length - 1;
          break;
        }
      }
      if (cp < 0) return false;
    }
    // As parse5's decoder: the position moves to the reference's last character before the character is emitted.
    pp.pos += j - p;
    this.consumedAfterSnapshot += j - p;
    this._emitCodePoint(cp);
    return true;
  }

  /**
   * A usual tag from its first letter (`<p style="a" id=x>`, `<br/>`, `</td>`): emitted as parse5
   * emits it, in one step. False, with nothing changed, for anything else (a blank other than a
   * space, an entity or a line break in a value, a duplicate attribute, an end tag with more than
   * its name, the end of the page): parse5's states read it.
   */
  private tag(end: boolean): boolean {
    const pp = this.preprocessor;
    const h = pp.html;
    const p = pp.pos;
    let j = p + 1;
    while (nameChar(h.charCodeAt(j))) j++;
    const name = nameAt(h, p, j);
    const keep = this.keepAttrs;
    const attrs: { name: string; value: string }[] = keep ? [] : NO_ATTRS;
    let selfClosing = false;
    for (;;) {
      let c = h.charCodeAt(j);
      if (c === 0x3e /* > */) break;
      if (end) return false;
      if (c === 0x2f /* / */) {
        if (h.charCodeAt(j + 1) !== 0x3e) return false;
        selfClosing = true;
        j++;
        break;
      }
      if (c !== 0x20) return false;
      while (c === 0x20) c = h.charCodeAt(++j);
      if (c === 0x3e || c === 0x2f) continue;
      if (!nameChar(c)) return false;
      const a = j;
      while (nameChar(h.charCodeAt(j))) j++;
      const attr = keep ? { name: nameAt(h, a, j), value: '' } : null;
      if (attr) {
        for (const x of attrs) if (x.name === attr.name) return false;
        attrs.push(attr);
      }
      if (h.charCodeAt(j) !== 0x3d /* = */) continue;
      const q = h.charCodeAt(++j);
      if (q === 0x22 || q === 0x27) {
        const v = j + 1;
        j = v;
        while (plainInValue(h.charCodeAt(j), q)) j++;
        if (h.charCodeAt(j) !== q) return false;
        if (attr) attr.value = h.slice(v, j);
        j++;
      } else {
        const v = j;
        while (plainUnquoted(h.charCodeAt(j))) j++;
        if (j === v) return false;
        if (attr) attr.value = h.slice(v, j);
      }
    }
    // The token parse5 would emit, in one object reused from tag to tag (the tree builder copies what it keeps).
    const token = end ? this.endToken : this.startToken;
    const loc = token.location!;
    const back = end ? 2 : 1;
    loc.startLine = pp.line;
    loc.startCol = pp.col - back;
    loc.startOffset = pp.offset - back;
    token.tagName = name;
    token.attrs = attrs;
    token.selfClosing = selfClosing;
    pp.pos += j - p;
    this.consumedAfterSnapshot += j - p;
    this.state = TokenizerMode.DATA;
    // As parse5's emitCurrentTagToken: the text before ends here, the token ends after `>`.
    this.prepareToken(token);
    token.tagID = html.getTagID(name);
    if (end) this.handler.onEndTag(token);
    else {
      this.lastStartTagName = name;
      this.handler.onStartTag(token);
    }
    pp.dropParsedChunk();
    return true;
  }

  override _stateData(cp: number): void {
    if (plain(cp)) {
      const p = this.preprocessor.pos;
      const j = this.runEnd(plain);
      this._emitChars(this.preprocessor.html.slice(p, j));
      this.skip(p, j);
    }
    else if (blank(cp) && this.preprocessor.html.charCodeAt(this.preprocessor.pos) === cp) this.blanks();
    else if (!(cp === 0x26 && this.reference())) super._stateData(cp);
  }

  override _stateTagOpen(cp: number): void {
    if (!(asciiLetter(cp) && this.tag(false))) super._stateTagOpen(cp);
  }

  override _stateEndTagOpen(cp: number): void {
    if (!(asciiLetter(cp) && this.tag(true))) super._stateEndTagOpen(cp);
  }

  override _stateTagName(cp: number): void {
    if (nameChar(cp)) {
      const p = this.preprocessor.pos;
      const j = this.runEnd(nameChar);
      this.currentToken!.tagName += this.preprocessor.html.slice(p, j).toLowerCase();
      this.skip(p, j);
    } else super._stateTagName(cp);
  }

  override _stateAttributeName(cp: number): void {
    if (nameChar(cp)) {
      const p = this.preprocessor.pos;
      const j = this.runEnd(nameChar);
      this.currentAttr.name += this.preprocessor.html.slice(p, j).toLowerCase();
      this.skip(p, j);
    } else super._stateAttributeName(cp);
  }

  override _stateAttributeValueDoubleQuoted(cp: number): void {
    if (plainInDouble(cp)) this.value(plainInDouble);
    else super._stateAttributeValueDoubleQuoted(cp);
  }

  override _stateAttributeValueSingleQuoted(cp: number): void {
    if (plainInSingle(cp)) this.value(plainInSingle);
    else super._stateAttributeValueSingleQuoted(cp);
  }

  private value(ok: (c: number) => boolean): void {
    const p = this.preprocessor.pos;
    const j = this.runEnd(ok);
    this.currentAttr.value += this.preprocessor.html.slice(p, j);
    this.skip(p, j);
  }
}

/** Tokenize `src` with the fast tokenizer (for the differential test). */
export function tokenize(src: string, handler: TokenHandler, fast = true, keepAttrs = true): void {
  const t = fast ? new FastTokenizer({ sourceCodeLocationInfo: true }, handler, keepAttrs) : (new Tokenizer({ sourceCodeLocationInfo: true }, handler) as unknown as TokenizerInternals);
  t.write(src, true);
}

// ---------------------------------------------------------------------------
// The tree

/** Content the tokenizer reads as text up to the element's end tag (the parser's switch, scripting on). */
const RAW: Record<string, number> = {
  script: TokenizerMode.SCRIPT_DATA,
  style: TokenizerMode.RAWTEXT,
  xmp: TokenizerMode.RAWTEXT,
  iframe: TokenizerMode.RAWTEXT,
  noembed: TokenizerMode.RAWTEXT,
  noframes: TokenizerMode.RAWTEXT,
  noscript: TokenizerMode.RAWTEXT,
  textarea: TokenizerMode.RCDATA,
  title: TokenizerMode.RCDATA,
  plaintext: TokenizerMode.PLAINTEXT,
};
/** Elements whose content the reader never reads (html.ts SKIP): kept empty. */
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'select', 'textarea']);
const VOID = new Set([
  'area', 'base', 'basefont', 'bgsound', 'br', 'col', 'embed', 'frame', 'hr', 'image', 'img', 'input', 'keygen', 'link', 'meta',
  'param', 'source', 'track', 'wbr', 'menuitem',
]);
/** Start tags that close an open `<p>` (in button scope). */
const CLOSES_P = new Set([
  'address', 'article', 'aside', 'blockquote', 'center', 'details', 'dialog', 'dir', 'div', 'dl', 'fieldset', 'figcaption', 'figure',
  'footer', 'header', 'hgroup', 'main', 'menu', 'nav', 'ol', 'p', 'section', 'summary', 'ul', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre',
  'listing', 'form', 'table', 'hr', 'li', 'dd', 'dt', 'plaintext', 'xmp',
]);
/** Where a search for an open element stops (the parser's scope boundaries). */
const SCOPE = new Set(['table', 'td', 'th', 'caption', 'html', 'template', 'applet', 'marquee', 'object']);
/** Table tags that end a `<select>` left open in a table. */
const SELECT_ENDS = new Set(['table', 'tbody', 'thead', 'tfoot', 'tr', 'td', 'th', 'caption']);
const TABLE_PARTS = new Set(['table', 'tbody', 'thead', 'tfoot', 'tr']);
/** Elements a table keeps in place; anything else in a table outside its cells goes before the table. */
const IN_TABLE = new Set(['caption', 'colgroup', 'col', 'tbody', 'thead', 'tfoot', 'tr', 'td', 'th', 'table', 'script', 'style', 'template', 'input', 'form']);
/** The document's own elements: one of each, none in the tree (their text is the page's). */
const ROOTS = new Set(['html', 'head', 'body']);

// What the searches of the open elements look for and where they stop (the parser's scopes).
const isTable = (n: string) => n === 'table';
const isSection = (n: string) => n === 'tbody' || n === 'thead' || n === 'tfoot';
const isSelect = (n: string) => n === 'select';
const isCell = (n: string) => n === 'td' || n === 'th';
const isRow = (n: string) => n === 'tr';
const isP = (n: string) => n === 'p';
const isLi = (n: string) => n === 'li';
const isDtDd = (n: string) => n === 'dt' || n === 'dd';
const never = () => false;
const isHtmlOrTemplate = (n: string) => n === 'html' || n === 'template';
const inScope = (n: string) => SCOPE.has(n);
const buttonScope = (n: string) => SCOPE.has(n) || n === 'button';
const listScope = (n: string) => SCOPE.has(n) || n === 'ul' || n === 'ol' || n === 'dl';

/**
 * Where the builder hands the page's top level (what is not inside a table) as it reads it, so that
 * the prose of a long page is never kept as a tree: text (adjacent runs merged, as a tree merges
 * them), elements opening and closing (a void element opens and closes at once), and each table
 * when it closes, as a tree (a table is read as a whole: whether it holds another table is known
 * only at its end). The calls come in the order of the tree's nodes: content the HTML5 parser puts
 * before an open table (foster parenting) comes before the table.
 */
export interface FlowSink {
  text(value: string, start: number, end: number): void;
  open(name: string, start: number): void;
  close(name: string, end: number): void;
  table(node: TreeNode): void;
}

/**
 * Read `src` (a document or a fragment) into `sink`; returns where the page's body ends (`</body>`,
 * else the end of the page).
 */
export function readFlow(src: string, sink: FlowSink, limits = LIMITS.html): number {
  const doc = new TreeNode('#document', 0, src.length, null);
  doc.flow = true;
  const stack: TreeNode[] = [doc];
  /** Inside an element kept empty: its name and how many of its kind are open inside it. */
  let skip: string | null = null;
  let skipDepth = 0;
  let cells = 0;
  let elements = 0;
  /** Top-level text not handed on yet (more may join it): value and source span. */
  let text: string | null = null;
  let textStart = 0;
  let textEnd = 0;
  // eslint-disable-next-line prefer-const
  let tokenizer: TokenizerInternals;

  const flush = () => {
    if (text === null) return;
    sink.text(text, textStart, textEnd);
    text = null;
  };
  const top = () => stack[stack.length - 1];
  /** An element is done: a top-level one closes, a top-level table is handed on. */
  const done = (n: TreeNode) => {
    if (n.flow) {
      flush();
      sink.close(n.nodeName, n.end);
    } else if (n.outer) {
      flush();
      sink.table(n);
    }
  };
  const close = (k: number, at: number) => {
    // Pop down to (and including) stack[k]: each ends where the closing token starts.
    while (stack.length > k) {
      const n = stack.pop()!;
      n.end = at;
      done(n);
    }
  };
  /** The open element named `name`, searched from the top, not past a scope boundary (unless `stop` says otherwise). */
  const find = (names: (n: string) => boolean, stop: (n: string) => boolean): number => {
    for (let k = stack.length - 1; k > 0; k--) {
      const n = stack[k].nodeName;
      if (names(n)) return k;
      if (stop(n)) return -1;
    }
    return -1;
  };
  const findNamed = (name: string, stop: (n: string) => boolean): number => {
    for (let k = stack.length - 1; k > 0; k--) {
      const n = stack[k].nodeName;
      if (n === name) return k;
      if (stop(n)) return -1;
    }
    return -1;
  };
  /** In table stack[t]: close what is open above its open body, head or foot (or above the table). */
  const closeToSection = (t: number, at: number) => {
    const sec = find(isSection, isTable);
    close(sec > 0 ? sec + 1 : t + 1, at);
  };
  /** A table tag ends an open `<select>` (the parser's "in select in table" mode). */
  const endSkip = (at: number) => {
    skip = null;
    close(find(isSelect, never), at);
  };
  const tableAt = () => find(isTable, isHtmlOrTemplate);
  /**
   * The element new content goes in, and the index to put it at: the end (-1), or before an open
   * table when the content is fostered. A table's parent is the open element below it.
   */
  const target = (foster: boolean): [TreeNode, number] => {
    const parent = top();
    if (foster && TABLE_PARTS.has(parent.nodeName)) {
      const t = tableAt();
      if (t > 0) {
        const p = stack[t - 1];
        return [p, p.flow ? -1 : p.childNodes!.lastIndexOf(stack[t])];
      }
    }
    return [parent, -1];
  };
  const insert = (parent: TreeNode, at: number, node: TreeNode) => {
    const kids = parent.childNodes!;
    if (at < 0) kids.push(node);
    else kids.splice(at, 0, node);
  };
  /** An element with no content (`</br>`, a stray `</p>`), fostered when it is in a table. */
  const leaf = (name: string, start: number, end: number) => {
    const [parent, at] = target(true);
    if (parent.flow) {
      flush();
      sink.open(name, start);
      sink.close(name, end);
    } else insert(parent, at, new TreeNode(name, start, end, []));
  };
  /** Text goes into the text node before it, as the parser's do (the tokenizer cuts text at blanks and entities). */
  const addText = (tok: Token.CharacterToken, foster: boolean) => {
    const loc = tok.location!;
    const [parent, at] = target(foster);
    if (parent.flow) {
      if (text === null) {
        text = tok.chars;
        textStart = loc.startOffset;
      } else text += tok.chars;
      textEnd = loc.endOffset;
      return;
    }
    const kids = parent.childNodes!;
    const before = kids[at < 0 ? kids.length - 1 : at - 1];
    if (before?.nodeName === '#text') {
      before.value += tok.chars;
      before.end = loc.endOffset;
      return;
    }
    insert(parent, at, new TreeNode('#text', loc.startOffset, loc.endOffset, null, tok.chars));
  };
  const push = (name: string, tok: Token.TagToken) => {
    if (++elements > limits.maxElements) throw elementsError(limits.maxElements);
    const loc = tok.location!;
    // Void elements, and self-closed SVG or MathML, have no content.
    const empty = VOID.has(name) || (tok.selfClosing && (name === 'svg' || name === 'math'));
    const [parent, at] = target(!IN_TABLE.has(name));
    let el: TreeNode;
    if (parent.flow && name !== 'table') {
      flush();
      sink.open(name, loc.startOffset);
      if (empty) {
        sink.close(name, loc.endOffset);
        return;
      }
      el = new TreeNode(name, loc.startOffset, loc.endOffset, null);
      el.flow = true;
    } else {
      el = new TreeNode(name, loc.startOffset, loc.endOffset, []);
      el.tagEnd = loc.endOffset;
      if (parent.flow) el.outer = true;
      else insert(parent, at, el);
      if (name === 'table') for (const open of stack) if (open.nodeName === 'table') open.hasTable = true;
      if (empty) return;
    }
    stack.push(el);
    if (stack.length - 1 > limits.maxDepth) throw depthError(limits.maxDepth);
  };

  const handler: TokenHandler = {
    onStartTag(tok) {
      const name = tok.tagName;
      const at = tok.location!.startOffset;
      // The tokenizer reads raw text as the parser would tell it to (not in SVG or MathML).
      const mode = RAW[name];
      if (mode !== undefined && !tokenizer.inForeignNode) tokenizer.state = mode;
      if (skip) {
        if (skip === 'select' && SELECT_ENDS.has(name)) endSkip(at);
        else {
          if (name === skip && !tok.selfClosing) skipDepth++;
          return;
        }
      }
      if (ROOTS.has(name)) return;
      if (name === 'td' || name === 'th') {
        if (++cells > limits.maxCells) throw cellsError(limits.maxCells);
        const t = tableAt();
        if (t < 0) return;
        const open = find(isCell, isTable);
        if (open > 0) close(open, at);
        const row = find(isRow, isTable);
        if (row > 0) close(row + 1, at);
        else {
          closeToSection(t, at);
          push('tr', tok);
        }
      } else if (name === 'tr') {
        const t = tableAt();
        if (t < 0) return;
        const open = find(isRow, isTable);
        if (open > 0) close(open, at);
        else closeToSection(t, at);
      } else if (name === 'tbody' || name === 'thead' || name === 'tfoot' || name === 'caption' || name === 'colgroup') {
        const t = tableAt();
        if (t < 0) return;
        close(t + 1, at);
      } else if (name === 'table' && TABLE_PARTS.has(top().nodeName)) {
        // A table where a table's row or cell is due closes the open table (the parser's "in table" mode).
        close(tableAt(), at);
      } else if (name === 'li' || name === 'dt' || name === 'dd') {
        const kinds = name === 'li' ? isLi : isDtDd;
        const k = find(kinds, listScope);
        if (k > 0) close(k, at);
      }
      if (CLOSES_P.has(name)) {
        const k = find(isP, buttonScope);
        if (k > 0) close(k, at);
      }
      push(name, tok);
      if (SKIP.has(name) && !(tok.selfClosing && (name === 'svg' || name === 'math'))) {
        skip = name;
        skipDepth = 0;
        tokenizer.inForeignNode = name === 'svg' || name === 'math';
      }
    },
    onEndTag(tok) {
      const name = tok.tagName;
      const loc = tok.location!;
      if (skip) {
        if (skip === 'select' && SELECT_ENDS.has(name)) endSkip(loc.startOffset);
        else {
          if (name !== skip) return;
          if (skipDepth-- > 0) return;
          skip = null;
          tokenizer.inForeignNode = false;
        }
      }
      if (ROOTS.has(name)) {
        if (name === 'body') doc.end = loc.endOffset;
        return;
      }
      if (name === 'br') {
        // `</br>` is read as `<br>`.
        leaf('br', loc.startOffset, loc.endOffset);
        return;
      }
      const k =
        name === 'table'
          ? tableAt()
          : findNamed(name, name === 'td' || name === 'th' || name === 'tr' || TABLE_PARTS.has(name) ? isTable : inScope);
      if (k <= 0) {
        // `</p>` with no open paragraph makes an empty one (a line break); other stray end tags are ignored.
        if (name === 'p') leaf('p', loc.startOffset, loc.endOffset);
        return;
      }
      close(k + 1, loc.startOffset);
      const el = stack.pop()!;
      el.end = loc.endOffset;
      el.endTagStart = loc.startOffset;
      done(el);
    },
    onCharacter(tok) {
      if (!skip) addText(tok, true);
    },
    onWhitespaceCharacter(tok) {
      // Blanks in a table outside its cells stay in the table, where the reader does not look.
      if (!skip && !TABLE_PARTS.has(top().nodeName)) addText(tok, false);
    },
    onNullCharacter() {},
    onComment() {},
    onDoctype() {},
    onEof(tok) {
      close(1, tok.location?.startOffset ?? src.length);
      flush();
    },
    onParseError: null,
  };
  tokenizer = new FastTokenizer({ sourceCodeLocationInfo: true }, handler, false);
  tokenizer.write(src, true);
  return doc.end;
}

/** The whole page as a tree: a `#document` node whose children are the page's elements and text (for the tests). */
export function buildTree(src: string, limits = LIMITS.html): TreeNode {
  const doc = new TreeNode('#document', 0, src.length, []);
  const open = [doc];
  const into = (n: TreeNode) => open[open.length - 1].childNodes!.push(n);
  doc.end = readFlow(
    src,
    {
      text: (value, start, end) => into(new TreeNode('#text', start, end, null, value)),
      open: (name, start) => {
        const el = new TreeNode(name, start, start, []);
        into(el);
        open.push(el);
      },
      close: (_, end) => (open.pop()!.end = end),
      table: into,
    },
    limits,
  );
  return doc;
}
