// Core shapes (offsets) to LSP shapes (positions). Nothing else.

import { DiagnosticSeverity } from 'vscode-languageserver/node';
import type { Diagnostic, Range, TextEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Edit, Problem, RuleMeta, Severity, Span } from '../../core/src';
import { positionAt, RULES } from '../../core/src';
import { docsHref } from '../../node/src/docs';

export const SOURCE = 'nianbao';

/** The link of a rule's page (RuleMeta.docs), or undefined for a code no rule has. */
export function ruleDocHref(code: string, rules: readonly RuleMeta[] = RULES): string | undefined {
  const meta = rules.find((r) => r.code === code);
  return meta ? docsHref(meta) : undefined;
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

/** Another file related information points into (RelatedInfo.file): its URI and positions. */
export type OtherFile = (file: string) => { uri: string; positions: Positions } | undefined;

/**
 * `uri`: where related information points, the same document (the failed sums behind a located
 * cell); `other`: the file of an entry that names one (last year's report, for the cross-year rules).
 */
export function toDiagnostic(doc: Positions, p: Problem, rules: readonly RuleMeta[] = RULES, uri?: string, other?: OtherFile): Diagnostic {
  const href = ruleDocHref(p.code, rules);
  const d: Diagnostic = {
    range: toRange(doc, p.span),
    severity: SEVERITY[p.severity] ?? DiagnosticSeverity.Warning,
    code: p.code,
    ...(href ? { codeDescription: { href } } : {}),
    source: SOURCE,
    message: p.message,
  };
  if (uri && p.related?.length) {
    d.relatedInformation = p.related.flatMap((r) => {
      if (r.file === undefined) return [{ location: { uri, range: toRange(doc, r.span) }, message: r.message }];
      const o = other?.(r.file);
      return o ? [{ location: { uri: o.uri, range: toRange(o.positions, r.span) }, message: r.message }] : [];
    });
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
