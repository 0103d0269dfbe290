// Editor features as pure functions over a parsed report: offsets in, plain objects out.
// The language server only converts these to LSP shapes.
export { hoverAt } from './hover';
export type { HoverResult } from './hover';
export { inlayHints } from './inlay';
export type { InlayHintItem } from './inlay';
export { documentOutline, foldingSpans, tableTitle } from './outline';
export type { OutlineItem, FoldItem } from './outline';
export { tableLenses, tableViewLenses } from './lenses';
export type { LensItem } from './lenses';
export { explainCell } from './totals';
export type { Explanation } from './totals';
export { completions } from './complete';
export type { CompletionItemData } from './complete';
