// The shape of a rule: one file per rule, an object with its code, default severity, a one-line
// description, whether it is fixable, and check(ctx). The index registers them.

import type { Report, Problem, Severity, Span, Fix, RelatedInfo } from '../types';

export interface ProblemExtras {
  /** A lower severity than the rule's for this finding (a report only just begun). Never raises it. */
  severity?: Severity;
  alternativeFixes?: Fix[];
  related?: RelatedInfo[];
}

export interface RuleContext {
  report: Report;
  /** Report a problem of this rule; code and severity are filled in by check(). */
  report_(span: Span, message: string, fix?: Fix, extras?: ProblemExtras): void;
  /** Whether a rule is switched on for this check (the arithmetic rules share one analysis). */
  enabled(code: string): boolean;
}

export interface Rule {
  code: string;
  severity: Severity;
  description: string;
  fixable: boolean;
  check(ctx: RuleContext): void;
}

export type { Problem };
