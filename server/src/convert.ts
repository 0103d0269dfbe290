// Core shapes (offsets) to LSP shapes (positions). Nothing else.

import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import type { Diagnostic, Range, TextEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Edit, Problem, Severity, Span } from '../../core/src';
import { positionAt } from '../../core/src';

export const SOURCE = 'nianbao';

/**
 * The rule pages ship inside the extension (docs/rules next to dist/), so the link works offline.
 * In the bundle __dirname is dist/.
 */
export function ruleDocHref(code: string): string {
  return pathToFileURL(path.join(__dirname, '..', 'docs', 'rules', `${code}.md`)).href;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export interface Positions {
  positionAt(offset: number): { line: number; character: number };
}

export function toRange(doc: Positions, span: Span): Range {
  return { start: doc.positionAt(span.start), end: doc.positionAt(span.end) };
}

/** `uri` is where related information points: the same document (the failed sums behind a located cell). */
export function toDiagnostic(doc: Positions, p: Problem, uri?: string): Diagnostic {
  const d: Diagnostic = {
    range: toRange(doc, p.span),
    severity: SEVERITY[p.severity] ?? DiagnosticSeverity.Warning,
    code: p.code,
    codeDescription: { href: ruleDocHref(p.code) },
    source: SOURCE,
    message: p.message,
  };
  if (uri && p.related?.length) {
    d.relatedInformation = p.related.map((r) => ({ location: { uri, range: toRange(doc, r.span) }, message: r.message }));
  }
  return d;
}

export function toTextEdit(doc: Positions, e: Edit): TextEdit {
  return { range: toRange(doc, e), newText: e.newText };
}

/** A TextDocument-like view of a plain string (for texts that are not open documents). */
export function positionsOf(doc: TextDocument | string): Positions {
  if (typeof doc !== 'string') return doc;
  return { positionAt: (offset: number) => positionAt(doc, offset) };
}

export function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

export function intersects(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
