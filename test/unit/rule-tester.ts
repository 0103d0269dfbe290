// A rule tester in the manner of markdownlint's and textlint's: for one rule code, texts that must
// give no problem of that rule (valid) and texts that must give exactly these problems (invalid:
// message, the text the problem points at, and the text after its quick fix). Problems of other
// rules are ignored. The texts start from the 2021 skeleton in the one-row-per-line layout, which
// checks clean, and change one thing. A case with `read` checks the document that reader makes of the
// text (crawler text, an HTML page), with problems on the source as the editor shows them.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, check, checkDocument, parse, template, type Document, type Problem, type Settings } from '../../core/src';

/** A clean 2024 report, one table row per line (cells separated by tabs). */
export const BASE = template({ agency: '青禾县统计局', year: 2024, layout: 'row' });

/** `text` with `from` replaced once by `to`; throws when `from` is not there (a test that tests nothing). */
export function swap(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at === -1) throw new Error(`not in the text: ${from}`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** `text` with the cells of the row labelled `label` (the line's last label field) set to `cells`. */
export function row(text: string, label: string, cells: (string | number)[]): string {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => {
    const fields = l.split('\t');
    const labels = fields.filter((f) => f !== '' && !/^[0-9.]+$/.test(f));
    return labels[labels.length - 1] === label && fields.length > labels.length;
  });
  if (i === -1) throw new Error(`no row ${label}`);
  const fields = lines[i].split('\t');
  const labelCount = fields.findIndex((f) => /^[0-9.]+$/.test(f));
  lines[i] = [...fields.slice(0, labelCount), ...cells.map(String)].join('\t');
  return lines.join('\n');
}

export interface Expected {
  message?: string;
  severity?: Problem['severity'];
  /** The text the problem points at. */
  text?: string;
  /** The whole text after applying this problem's quick fix (none: the problem has no fix). */
  fixed?: string | null;
}

export interface Case {
  name: string;
  text: string;
  settings?: Settings;
  /** Read the text with this reader (e.g. readText) instead of parsing it as it is. */
  read?: (text: string) => Document;
  /** No problem of any other rule either (the case changes one thing in a report that checks clean). */
  alone?: boolean;
}

function problemsOf(c: Case, code: string): Problem[] {
  const all = c.read ? checkDocument(c.read(c.text), c.settings) : check(parse(c.text), c.settings);
  if (c.alone) assert.deepEqual(all.filter((p) => p.code !== code).map((p) => `${p.code} ${p.message}`), [], 'other rules');
  return all.filter((p) => p.code === code);
}

export function ruleTests(code: string, cases: { valid: Case[]; invalid: (Case & { errors: Expected[] })[] }): void {
  describe(`rule ${code}`, () => {
    for (const c of cases.valid) {
      test(`valid: ${c.name}`, () => {
        const found = problemsOf(c, code);
        assert.deepEqual(found.map((p) => p.message), []);
      });
    }
    for (const c of cases.invalid) {
      test(`invalid: ${c.name}`, () => {
        const found = problemsOf(c, code);
        assert.equal(found.length, c.errors.length, JSON.stringify(found.map((p) => p.message)));
        c.errors.forEach((e, i) => {
          const p = found[i];
          if (e.message !== undefined) assert.equal(p.message, e.message);
          if (e.severity !== undefined) assert.equal(p.severity, e.severity);
          if (e.text !== undefined) assert.equal(c.text.slice(p.span.start, p.span.end), e.text);
          if (e.fixed === null) assert.equal(p.fix, undefined);
          else if (e.fixed !== undefined) assert.equal(applyEdits(c.text, p.fix!.edits), e.fixed);
        });
      });
    }
  });
}
