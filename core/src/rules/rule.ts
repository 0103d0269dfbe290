// The shape of a rule: one file per rule, an object with its code, default severity, a one-line
// description, whether it is fixable, and check(ctx). The index registers them.

import type { Report, Problem, Severity, Span, Fix } from '../types';

export interface RuleContext {
  report: Report;
  /** Report a problem of this rule; code and severity are filled in by check(). */
  report_(span: Span, message: string, fix?: Fix): void;
}

export interface Rule {
  code: string;
  severity: Severity;
  description: string;
  fixable: boolean;
  check(ctx: RuleContext): void;
}

export type { Problem };
