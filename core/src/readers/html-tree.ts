// The element tree the HTML reader walks (readers/html.ts), built in one pass over parse5's HTML5
// tokenizer. parse5's own tree builder keeps far more than the reader needs (every attribute, line
// and column of every tag, the list of active formatting elements) and, on a 200 kB page, cost four
// times the tokenizer. This builder keeps only what the reader reads: element names, text, and the
// source offsets of each element, its start tag's end and its end tag's start, in the shape of
// parse5's nodes (nodeName, childNodes, sourceCodeLocation). It follows the parts of the HTML5 tree
// construction that decide what a reader sees:
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

import { Tokenizer, TokenizerMode, Token, type TokenHandler, type TokenizerOptions } from 'parse5';
import { LIMITS } from './limits';
import { cellsError, depthError, elementsError } from './html-limits';

/** A node in parse5's shape (the fields readers/html.ts reads). */
export interface TreeNode {
  nodeName: string;
  /** A table that holds another table (a layout table), set as the tree is built. */
  hasTable?: boolean;
  tagName?: string;
  value?: string;
  childNodes?: TreeNode[];
  sourceCodeLocation: {
    startOffset: number;
    endOffset: number;
    startTag?: { endOffset: number };
    endTag?: { startOffset: number };
  };
}

// ---------------------------------------------------------------------------
// The tokenizer

/** The parts of parse5's Tokenizer the fast paths use (public in JavaScript, not in its typings). */
interface TokenizerInternals {
  state: number;
  inForeignNode: boolean;
  preprocessor: { html: string; pos: number; line: number; lineStartPos: number; isEol: boolean };
  consumedAfterSnapshot: number;
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

/** A character of a usual tag or attribute name (ASCII: lower-casing it is the tokenizer's ASCII lower-casing). */
const nameChar = (c: number): boolean =>
  (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x5f || c === 0x3a;

const asciiLetter = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);

/** A character of an unquoted attribute value that the tokenizer only copies (it ends at a blank or `>`). */
const plainUnquoted = (c: number): boolean => plain(c) && c !== 0x3e && c !== 0x22 && c !== 0x27 && c !== 0x3d && c !== 0x60;

/** A blank the data state groups into one whitespace token (a carriage return is not: the preprocessor rewrites it). */
const blank = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0c;

/** The named references taken on the spot (with their `;`; what follows `&`), and the code point each stands for. */
const NAMED: [string, number][] = [['nbsp;', 0xa0], ['amp;', 0x26], ['lt;', 0x3c], ['gt;', 0x3e], ['quot;', 0x22]];

/** A code point a numeric reference stands for as it is (no replacement, no parse error, not a blank or a control). */
const asIs = (c: number): boolean => (c > 0x20 && c < 0x7f) || (c >= 0xa0 && c < 0xd800) || (c >= 0xe000 && c < 0xfdd0) || (c >= 0xfdf0 && c < 0xfffe);

const Base = Tokenizer as unknown as new (options: TokenizerOptions, handler: TokenHandler) => TokenizerInternals;

/** parse5's tokenizer, taking runs of ordinary characters, usual tags and usual references in one step (the same tokens). */
class FastTokenizer extends Base {
  /**
   * The run of characters from the current one that `ok` accepts, handed to `take` while the
   * preprocessor is still at its first one (a new token's location starts there); then the
   * preprocessor moves to its last one.
   */
  private run(ok: (c: number) => boolean, take: (s: string) => void): void {
    const pp = this.preprocessor;
    const h = pp.html;
    const p = pp.pos;
    let j = p + 1;
    while (j < h.length && ok(h.charCodeAt(j))) j++;
    take(h.slice(p, j));
    // Taking the run may drop the parsed part of the buffer (the preprocessor's pos moves back with it).
    pp.pos += j - 1 - p;
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
    const name = h.slice(p, j).toLowerCase();
    const attrs: { name: string; value: string }[] = [];
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
      const attr = { name: h.slice(a, j).toLowerCase(), value: '' };
      for (const x of attrs) if (x.name === attr.name) return false;
      attrs.push(attr);
      if (h.charCodeAt(j) !== 0x3d /* = */) continue;
      const q = h.charCodeAt(++j);
      if (q === 0x22 || q === 0x27) {
        const v = j + 1;
        j = v;
        while (plainInValue(h.charCodeAt(j), q)) j++;
        if (h.charCodeAt(j) !== q) return false;
        attr.value = h.slice(v, j++);
      } else {
        const v = j;
        while (plainUnquoted(h.charCodeAt(j))) j++;
        if (j === v) return false;
        attr.value = h.slice(v, j);
      }
    }
    if (end) this._createEndTagToken();
    else this._createStartTagToken();
    const token = this.currentToken!;
    token.tagName = name;
    token.attrs = attrs;
    token.selfClosing = selfClosing;
    pp.pos += j - p;
    this.consumedAfterSnapshot += j - p;
    this.state = TokenizerMode.DATA;
    this.emitCurrentTagToken();
    return true;
  }

  override _stateData(cp: number): void {
    if (plain(cp)) this.run(plain, (r) => this._emitChars(r));
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
    if (nameChar(cp)) this.run(nameChar, (r) => (this.currentToken!.tagName += r.toLowerCase()));
    else super._stateTagName(cp);
  }

  override _stateAttributeName(cp: number): void {
    if (nameChar(cp)) this.run(nameChar, (r) => (this.currentAttr.name += r.toLowerCase()));
    else super._stateAttributeName(cp);
  }

  override _stateAttributeValueDoubleQuoted(cp: number): void {
    if (plainInValue(cp, 0x22)) this.run((c) => plainInValue(c, 0x22), (r) => (this.currentAttr.value += r));
    else super._stateAttributeValueDoubleQuoted(cp);
  }

  override _stateAttributeValueSingleQuoted(cp: number): void {
    if (plainInValue(cp, 0x27)) this.run((c) => plainInValue(c, 0x27), (r) => (this.currentAttr.value += r));
    else super._stateAttributeValueSingleQuoted(cp);
  }
}

/** Tokenize `src` with the fast tokenizer (for the differential test). */
export function tokenize(src: string, handler: TokenHandler, fast = true): void {
  const t = fast ? new FastTokenizer({ sourceCodeLocationInfo: true }, handler) : (new Tokenizer({ sourceCodeLocationInfo: true }, handler) as unknown as TokenizerInternals);
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

/**
 * Build the tree of `src` (a document or a fragment): a `#document` node whose children are the
 * page's elements and text; it ends where the body does (`</body>`, else the end of the page).
 */
export function buildTree(src: string, limits = LIMITS.html): TreeNode {
  const doc: TreeNode = { nodeName: '#document', childNodes: [], sourceCodeLocation: { startOffset: 0, endOffset: src.length } };
  const stack: TreeNode[] = [doc];
  /** Inside an element kept empty: its name and how many of its kind are open inside it. */
  let skip: string | null = null;
  let skipDepth = 0;
  let cells = 0;
  let elements = 0;
  // eslint-disable-next-line prefer-const
  let tokenizer: TokenizerInternals;

  const top = () => stack[stack.length - 1];
  const close = (k: number, at: number) => {
    // Pop down to (and including) stack[k]: each ends where the closing token starts.
    while (stack.length > k) stack.pop()!.sourceCodeLocation.endOffset = at;
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
  /** In table stack[t]: close what is open above its open body, head or foot (or above the table). */
  const closeToSection = (t: number, at: number) => {
    const sec = find((n) => n === 'tbody' || n === 'thead' || n === 'tfoot', (n) => n === 'table');
    close(sec > 0 ? sec + 1 : t + 1, at);
  };
  /** A table tag ends an open `<select>` (the parser's "in select in table" mode). */
  const endSkip = (at: number) => {
    skip = null;
    close(find((n) => n === 'select', () => false), at);
  };
  const tableAt = () => find((n) => n === 'table', (n) => n === 'html' || n === 'template');
  /** The element new content goes in, and the index to put it at (before an open table when the content is fostered). */
  const append = (node: TreeNode, foster: boolean) => {
    let parent = top();
    if (foster && TABLE_PARTS.has(parent.nodeName)) {
      const t = tableAt();
      if (t > 0) {
        parent = stack[t - 1];
        const kids = parent.childNodes!;
        const at = kids.lastIndexOf(stack[t]);
        kids.splice(at < 0 ? kids.length : at, 0, node);
        return;
      }
    }
    parent.childNodes!.push(node);
  };
  /** Text goes into the text node before it, as the parser's do (the tokenizer cuts text at blanks and entities). */
  const text = (tok: Token.CharacterToken, foster: boolean) => {
    const loc = tok.location!;
    let parent = top();
    let at = -1;
    if (foster && TABLE_PARTS.has(parent.nodeName)) {
      const t = tableAt();
      if (t > 0) {
        parent = stack[t - 1];
        at = parent.childNodes!.lastIndexOf(stack[t]);
      }
    }
    const kids = parent.childNodes!;
    const before = kids[at < 0 ? kids.length - 1 : at - 1];
    if (before?.nodeName === '#text') {
      before.value += tok.chars;
      before.sourceCodeLocation.endOffset = loc.endOffset;
      return;
    }
    const node: TreeNode = { nodeName: '#text', value: tok.chars, sourceCodeLocation: { startOffset: loc.startOffset, endOffset: loc.endOffset } };
    if (at < 0) kids.push(node);
    else kids.splice(at, 0, node);
  };
  const push = (name: string, tok: Token.TagToken) => {
    if (++elements > limits.maxElements) throw elementsError(limits.maxElements);
    const loc = tok.location!;
    const el: TreeNode = {
      nodeName: name,
      tagName: name,
      childNodes: [],
      sourceCodeLocation: { startOffset: loc.startOffset, endOffset: loc.endOffset, startTag: { endOffset: loc.endOffset } },
    };
    append(el, !IN_TABLE.has(name));
    if (name === 'table') for (const open of stack) if (open.nodeName === 'table') open.hasTable = true;
    // Void elements, and self-closed SVG or MathML, have no content.
    if (VOID.has(name) || (tok.selfClosing && (name === 'svg' || name === 'math'))) return;
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
        const open = find((n) => n === 'td' || n === 'th', (n) => n === 'table');
        if (open > 0) close(open, at);
        const row = find((n) => n === 'tr', (n) => n === 'table');
        if (row > 0) close(row + 1, at);
        else {
          closeToSection(t, at);
          push('tr', tok);
        }
      } else if (name === 'tr') {
        const t = tableAt();
        if (t < 0) return;
        const open = find((n) => n === 'tr', (n) => n === 'table');
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
        const kinds = name === 'li' ? (n: string) => n === 'li' : (n: string) => n === 'dt' || n === 'dd';
        const k = find(kinds, (n) => SCOPE.has(n) || n === 'ul' || n === 'ol' || n === 'dl');
        if (k > 0) close(k, at);
      }
      if (CLOSES_P.has(name)) {
        const k = find((n) => n === 'p', (n) => SCOPE.has(n) || n === 'button');
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
        if (name === 'body') doc.sourceCodeLocation.endOffset = loc.endOffset;
        return;
      }
      if (name === 'br') {
        // `</br>` is read as `<br>`.
        append({ nodeName: 'br', tagName: 'br', childNodes: [], sourceCodeLocation: { startOffset: loc.startOffset, endOffset: loc.endOffset } }, true);
        return;
      }
      const k =
        name === 'table'
          ? tableAt()
          : find((n) => n === name, name === 'td' || name === 'th' || name === 'tr' || TABLE_PARTS.has(name) ? (n) => n === 'table' : (n) => SCOPE.has(n));
      if (k <= 0) {
        // `</p>` with no open paragraph makes an empty one (a line break); other stray end tags are ignored.
        if (name === 'p') append({ nodeName: 'p', tagName: 'p', childNodes: [], sourceCodeLocation: { startOffset: loc.startOffset, endOffset: loc.endOffset } }, true);
        return;
      }
      close(k + 1, loc.startOffset);
      const el = stack.pop()!;
      el.sourceCodeLocation.endOffset = loc.endOffset;
      el.sourceCodeLocation.endTag = { startOffset: loc.startOffset };
    },
    onCharacter(tok) {
      if (!skip) text(tok, true);
    },
    onWhitespaceCharacter(tok) {
      // Blanks in a table outside its cells stay in the table, where the reader does not look.
      if (!skip && !TABLE_PARTS.has(top().nodeName)) text(tok, false);
    },
    onNullCharacter() {},
    onComment() {},
    onDoctype() {},
    onEof(tok) {
      close(1, tok.location?.startOffset ?? src.length);
    },
    onParseError: null,
  };
  tokenizer = new FastTokenizer({ sourceCodeLocationInfo: true }, handler);
  tokenizer.write(src, true);
  return doc;
}
