// The shape of a rule: one file per rule, an object with its metadata (code, default severity, a
// one-line description, its documentation, whether it is fixable) and check(ctx). The index
// registers the built-in rules; plugins export objects of the same shape (ARCHITECTURE.md).

import type { Report, Severity, Span, Fix, RelatedInfo } from '../types';

export interface ProblemExtras {
  /** A lower severity than the rule's for this finding (a report only just begun). Never raises it. */
  severity?: Severity;
  /** Further fixes, one per other candidate cell. */
  alternativeFixes?: Fix[];
  /** The failed sums behind a located wrong cell. */
  related?: RelatedInfo[];
}

export interface RuleContext {
  report: Report;
  /** Add a problem of this rule; its code and severity are filled in by check(). */
  add(span: Span, message: string, fix?: Fix, extras?: ProblemExtras): void;
  /** Whether a rule is switched on for this check (the arithmetic rules share one analysis). */
  enabled(code: string): boolean;
}

export interface RuleMeta {
  code: string;
  /** Default severity. */
  severity: Severity;
  description: string;
  /**
   * The rule's documentation: a URL (`https://…`), or a path relative to the package root for the
   * pages that ship with nianbao (`docs/rules/row-total.md`), resolved by the CLI and the server.
   */
  docs: string;
  fixable: boolean;
}

export interface Rule extends RuleMeta {
  check(ctx: RuleContext): void;
}

/** Where the page of a built-in rule is, relative to the package root. */
export const builtinDocs = (code: string): string => `docs/rules/${code}.md`;
