// Whether a page is a report, decided on its text before any HTML parse (the language server asks
// this of every HTML document; the reader itself, with parse5, loads only for those that are).

/** A report title (政府信息公开…年度报告) in the first 20,000 characters of the page's text. */
export function htmlLooksLikeReport(src: string): boolean {
  return /政府信息公开[^<>]{0,20}年度报告/.test(src.slice(0, 20000).replace(/<[^>]*>|&nbsp;|\s/g, ''));
}
