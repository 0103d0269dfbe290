// The HTML reader's tokenizer and tree (core/src/readers/html-tree.ts). The fast paths of the
// tokenizer (a run of ordinary characters in one slice) must give exactly the tokens of parse5's own
// tokenizer, locations included, on the fixture page, on pages made of the pieces published pages
// are made of, and on the real pages of ../shared/examples/ when they are there. The tree follows
// the HTML5 tree construction where it changes what the reader reads.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import type { TokenHandler } from 'parse5';
import { buildTree, tokenize, type TreeNode } from '../../core/src/readers/html-tree';
import { readHtml } from '../../core/src/readers/html';
import { fixture } from './cli-helpers';

/**
 * Every token with every field the reader could use, as one string each. keepAttrs false: the
 * reader's mode, in which usual tags carry no attributes, so that none is listed for any tag.
 */
function tokens(src: string, fast: boolean, keepAttrs = true): string[] {
  const out: string[] = [];
  const loc = (l: { startOffset: number; endOffset: number } | null) => (l ? `@${l.startOffset}-${l.endOffset}` : '@-');
  const h: TokenHandler = {
    onStartTag: (t) => out.push(`<${t.tagName}${t.selfClosing ? '/' : ''} ${keepAttrs ? JSON.stringify(t.attrs) : ''} ${loc(t.location)}`),
    onEndTag: (t) => out.push(`</${t.tagName} ${loc(t.location)}`),
    onCharacter: (t) => out.push(`c${JSON.stringify(t.chars)} ${loc(t.location)}`),
    onWhitespaceCharacter: (t) => out.push(`w${JSON.stringify(t.chars)} ${loc(t.location)}`),
    onNullCharacter: (t) => out.push(`n${JSON.stringify(t.chars)} ${loc(t.location)}`),
    onComment: (t) => out.push(`!${JSON.stringify(t.data)} ${loc(t.location)}`),
    onDoctype: (t) => out.push(`d${t.name} ${loc(t.location)}`),
    onEof: (t) => out.push(`eof ${loc(t.location)}`),
    onParseError: null,
  };
  tokenize(src, h, fast, keepAttrs);
  return out;
}

/** The fast tokenizer's tokens are parse5's, with the attributes kept and (as the reader reads) without. */
const same = (src: string) => {
  assert.deepEqual(tokens(src, true), tokens(src, false));
  assert.deepEqual(tokens(src, true, false), tokens(src, false, false));
};

test('the fast tokenizer gives parse5 tokenizer\'s tokens on the fixture page and its pieces', () => {
  same(fixture('page-2021.html'));
  for (const s of [
    '<P Style="A:b" data-X=\'y\' z=w>文本&nbsp;and&amp;more&#49;2</P>',
    'a\r\nb\rc\n\td\f',
    '<div title="a&quot;b&#x27;c <d> \r\n e">x</div>',
    'x😀y&#x1F600;z\ud800w\ufdd0v\u0001u\u007fq\u0000r',
    '<!-- c -- > --><!DOCTYPE html><![CDATA[x]]>',
    '<a b c=d e=\'f\'/><br/><x-y:z a_b-c:d="1">',
    '<tag', '<p a="unterminated', 'text &', '&nbsp', '&notit; &amp &#xZZ;',
    // The usual tags and references the fast paths take in one step, and their near misses.
    '<a b = c><a b=c/><a A=1 a=2><br/ ><td  class=x ></td ></p x><img src=a/b.png/><p\tid=x>',
    '<a b=\'\'><a b=""><a b=`x`><A HREF="X"><a b="&amp;"><a b=><a b\'c><a b="x"c><a b="x"/c><a/>',
    '&lt;&gt;&quot;&#32;&#x20;&#0;&#128;&#xD800;&#65534;&#1234567;&#x;&#X3000;&#12288;x',
    ' \n\t\f \r\n \n\r x\n\n',
  ]) {
    same(s);
  }
});

test('the fast tokenizer gives parse5 tokenizer\'s tokens on a page past the tokenizer\'s 64 kB buffer', () => {
  const page = fixture('page-2021.html');
  const para = '<p style="text-indent: 2em;"><span style="font-size: 16px;">本局围绕群众关切，&nbsp;持续做好&#12288;政策解读。</span></p>\n  \n';
  const at = page.indexOf('</body>');
  same(page.slice(0, at) + para.repeat(3000) + page.slice(at));
});

test('the fast tokenizer gives parse5 tokenizer\'s tokens on 300 pages of published-page pieces (seed 11)', () => {
  const piece = fc.constantFrom(
    '<p style="text-indent: 2em;">', '</p>', '<span style=\'font-family: 黑体\'>', '</span>', '<td rowspan="2" colspan=3>', '</td>',
    '<tr>', '</tr>', '<table border="1">', '</table>', '&nbsp;', '&amp;', '&#12288;', '&#x3000;', '&bogus', '<br>', '<br/>',
    '一、总体情况', '本年新收', '230', ' ', '\n', '\r\n', '\t', '<', '>', '&', '"', "'", '=', '<!--', '-->', '<script>', '</script>',
    '<style>', '</style>', '<title>', '</title>', '<textarea>', '</textarea>', '\u0000', '😀', '<DIV CLASS=X>', '</ DIV>', '<a href=x>',
    '&lt;', '&quot;', '&#32;', '&#x1F600;', '&#128;', '<br/>', '<td class=x/>', '<p a b=\'1\' a="2">', '</td >', '  ', '\f', '<a b=c d>',
  );
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 60 }), (parts) => {
      same(parts.join(''));
    }),
    { seed: 11, numRuns: 300 },
  );
});

test('the fast tokenizer gives parse5 tokenizer\'s tokens on the real pages of ../shared/examples/ (skipped when absent)', (t) => {
  const dir = path.join(__dirname, '../../../../shared/examples');
  if (!fs.existsSync(dir)) {
    t.skip('../shared/examples/ is not there');
    return;
  }
  const pages = fs.readdirSync(dir).filter((f) => f.endsWith('.html'));
  assert.ok(pages.length > 0);
  for (const f of pages) same(fs.readFileSync(path.join(dir, f), 'latin1'));
});

/** The tree as `name(children)`, text as its value. */
function shape(n: TreeNode): string {
  if (n.nodeName === '#text') return JSON.stringify(n.value);
  const kids = (n.childNodes ?? []).map(shape).join(' ');
  return n.nodeName === '#document' ? kids : `${n.nodeName}(${kids})`;
}

test('the tree: implied ends of cells, rows and paragraphs; stray cells ignored; text in a table put before it', () => {
  assert.equal(shape(buildTree('<table><tr><td>a<td>1<tr><td>b</table>')), 'table(tr(td("a") td("1")) tr(td("b")))');
  assert.equal(shape(buildTree('<table><td>1</td></table>')), 'table(tr(td("1")))');
  assert.equal(shape(buildTree('<p>x<table><tr><td>1</table>y')), 'p("x") table(tr(td("1"))) "y"');
  assert.equal(shape(buildTree('<table>note<tr><td>1</table>')), '"note" table(tr(td("1")))');
  assert.equal(shape(buildTree('<table><p>note</p><tr><td>1</table>')), 'p("note") table(tr(td("1")))');
  assert.equal(shape(buildTree('<td>1</td><tr>x')), '"1x"');
  assert.equal(shape(buildTree('<ul><li>a<li>b</ul>')), 'ul(li("a") li("b"))');
  assert.equal(shape(buildTree('<p>a<div>b</div>c</p>')), 'p("a") div("b") "c" p()');
  // An end tag does not close across a cell; `</table>` closes all that is open in the table.
  assert.equal(shape(buildTree('<div><table><tr><td>a</div>b</table>c')), 'div(table(tr(td("ab"))) "c")');
  // Raw text and skipped elements: no content; a table tag ends a `<select>` left open in a cell.
  assert.equal(shape(buildTree('<script>if (a<b) "</p>"</script><style>p{}</style>z')), 'script() style() "z"');
  assert.equal(shape(buildTree('<svg><svg></svg><text>x</text></svg>y<svg/>z')), 'svg() "y" svg() "z"');
  assert.equal(shape(buildTree('<table><tr><td><select><option>a<td>2</table>')), 'table(tr(td(select()) td("2")))');
  // Text is one node across entities and blanks, with the span of its source.
  const doc = buildTree('<p>a&nbsp;b c</p>');
  const text = doc.childNodes![0].childNodes![0];
  assert.deepEqual([text.value, text.sourceCodeLocation.startOffset, text.sourceCodeLocation.endOffset], ['a\u00a0b c', 3, 13]);
});

test('the reader on the tree: a table split by the tree builder reads the same as a closed one', () => {
  const closed = readHtml('<table><tr><td>本年新收政府信息公开申请数量</td><td>5</td></tr></table>');
  const open = readHtml('<table><tr><td>本年新收政府信息公开申请数量<td>5</table>');
  assert.equal(open.text, closed.text);
});
