// The exporters, bundled apart (dist/export.js) with the `docx` package, and loaded by the CLI
// (`nianbao export`) and the language server (导出为 Word 文档 / 导出为网页) only when a report is
// exported, so that neither the server's start nor the extension's activation pays for them.
export { exportHtml } from '../../../core/src/export/html';
export { exportDocx } from './docx';
export { exportModel } from '../../../core/src/export/model';
