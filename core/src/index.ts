// The checking core: pure functions over report text. No VS Code or LSP imports anywhere below.
export * from './types';
export * from './format';
export { parse, looksLikeReport } from './parse';
export { check, RULES, ruleMeta } from './rules';
export type { RuleMeta } from './rules';
export { fixAll, recompute, applyEdits } from './fix';
export type { RecomputeResult, RecomputeChange } from './fix';
export { template, tableTemplate } from './template';
export { positionAt, offsetAt, lineStarts } from './text';
export { tableDefOf, cellAt, rowAt } from './query';
