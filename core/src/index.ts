// The checking core: pure functions over report text. No I/O, no VS Code or LSP imports anywhere
// below (ARCHITECTURE.md); core/tsconfig.json compiles it without Node's types to keep it so.
export * from './types';
export * from './format';
export { parse, looksLikeReport } from './parse';
export type { ParseOptions } from './parse';
export { check, RULES } from './rules';
export type { Rule, RuleMeta, RuleContext } from './rules/rule';
export { declarativeRule } from './rules/declarative';
export type { DeclarativeRuleDef } from './rules/declarative';
export { fixAll, recompute, applyEdits } from './fix';
export type { RecomputeResult, RecomputeChange } from './fix';
export { template, tableTemplate } from './template';
export { positionAt, offsetAt, lineStarts } from './text';
export { fingerprints } from './fingerprint';
export { cellAt, rowAt } from './query';
export { tableDefOf } from './relations';
export { Document, TextBuilder, placeName, plainDocument, documentOf, layoutOf, checkDocument, fixAllDocument } from './document';
export type { SourceLayout, Reading, Place, PlacedRange } from './document';
export { readText } from './readers/runtext';
export { tableGrid, formatGrids, fillGrid, reportGrids, cellKey } from './grid';
export type { GridCell, GridCellKind, GridRow, TableGrid, CellProblem, CellState, FilledTable } from './grid';
export { agencyKey, seriesKeyOf, seriesMember, groupSeries, placeIn, checkAcrossYears, checkSeries, checkRollUp, isAgency, isFileEntry, SERIES_RULES } from './series';
export type { RollUpPart, SeriesHints, SeriesMember, Series, SeriesPlace } from './series';
