// Bundles the three entry points with esbuild: each is one file in dist/.
//   client  -> dist/client.js  (VS Code extension host; `vscode` stays external)
//   server  -> dist/server-main.js (language server), started by dist/server.js (`node dist/server.js
//              --stdio`), a copy of server/boot/main.js that loads it with a V8 code cache
//   cli     -> dist/cli.js     (the `nianbao` command, started by bin/nianbao.js)
import { build } from 'esbuild';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';

/**
 * pdf.js's worker side builds its Brotli decoder (unpacking a 122 kB dictionary) as it loads, for
 * the rare PDF with a BrotliDecode stream: a tenth of loading dist/pdfjs.js, at every PDF read. In
 * the bundle it is built on first use instead (the same function). A pdf.js that no longer has
 * that line is bundled as it is, with a warning.
 */
const lazyBrotli = {
  name: 'lazy-brotli',
  setup(b) {
    b.onLoad({ filter: /pdfjs-dist[\\/]legacy[\\/]build[\\/]pdf\.worker\.mjs$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const eager = 'let BrotliDecode = makeBrotliDecode();';
      if (!text.includes(eager)) return { contents: text, loader: 'js', warnings: [{ text: 'pdf.js: the Brotli decoder is built as pdf.js loads (lazy-brotli found nothing to change)' }] };
      return { contents: text.replace(eager, 'let BrotliDecode = (...args) => (BrotliDecode = makeBrotliDecode())(...args);'), loader: 'js' };
    });
  },
};

const production = !process.argv.includes('--dev');
const entries = [
  { in: 'client/src/extension.ts', out: 'dist/client.js', external: ['vscode'] },
  { in: 'server/src/server.ts', out: 'dist/server-main.js', external: [] },
  { in: 'cli/src/main.ts', out: 'dist/cli.js', external: [] },
  // The HTML reader (with parse5), loaded by the server only when a page is checked.
  { in: 'core/src/readers/html.ts', out: 'dist/html.js', external: [] },
  // The Word reader (fflate, saxes), loaded by the CLI and the 导入 Word 年报 command only when a .docx is read.
  { in: 'core/src/readers/docx.ts', out: 'dist/docx.js', external: [] },
  // The worker thread that runs those readers off the server's main thread (node/src/readers-worker.ts).
  { in: 'node/src/reader-worker.ts', out: 'dist/reader-worker.js', external: [] },
  // The exporters (the `docx` package, the web page writer), loaded by the CLI and the server only when a report is exported.
  { in: 'node/src/export/index.ts', out: 'dist/export.js', external: [] },
  // The series page writer (core/src/report-page.ts), loaded by `nianbao report` only when a page is made.
  { in: 'core/src/report-page.ts', out: 'dist/report-page.js', external: [] },
  // The pdf.js side of the PDF reader (CLI only, run in a worker thread): pdf.js stays in node_modules.
  { in: 'node/src/pdf-worker.ts', out: 'dist/pdf-worker.js', external: ['pdfjs-dist'] },
  // pdf.js and its worker side as one CommonJS file, which that worker loads with a V8 code cache
  // (node/src/pdfjs-bundle.ts); not in the extension. pdf.js asks for `import.meta.url` to find its
  // optional @napi-rs/canvas: the bundle's own file URL.
  {
    in: 'node/src/pdfjs-bundle.ts',
    out: 'dist/pdfjs.js',
    external: [],
    minify: true,
    sourcemap: false,
    define: { 'import.meta.url': '__pdfjs_url' },
    banner: { js: "var __pdfjs_url = require('node:url').pathToFileURL(__filename).href;" },
    plugins: [lazyBrotli],
  },
  // The table view: the extension side, loaded the first time nianbao.showTables runs.
  { in: 'client/src/tables.ts', out: 'dist/tables.js', external: ['vscode'] },
  // The series page (年报汇总页): the extension side and the page writer, loaded the first time it is shown.
  { in: 'client/src/series-page.ts', out: 'dist/series-page.js', external: ['vscode'] },
].filter((e) => existsSync(e.in));

// The table view's page runs in the webview (a browser): its script and its style sheet.
const webview = [
  { in: 'client/webview/tables-view.js', out: 'dist/tables-view.js' },
  { in: 'client/webview/tables-view.css', out: 'dist/tables-view.css' },
].filter((e) => existsSync(e.in));

await Promise.all(
  entries.map((e) =>
    build({
      entryPoints: [e.in],
      outfile: e.out,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node18',
      external: e.external,
      minify: e.minify ?? production,
      sourcemap: e.sourcemap ?? !production,
      define: e.define,
      banner: e.banner,
      plugins: e.plugins,
      legalComments: 'none',
      // jsonc-parser's default (UMD) build requires its parts at run time, which a bundle cannot
      // follow: take its ES module build instead.
      alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
      logLevel: 'warning',
    }),
  ),
);
await Promise.all(
  webview.map((e) =>
    build({ entryPoints: [e.in], outfile: e.out, bundle: true, platform: 'browser', format: 'iife', target: 'es2020', minify: production, legalComments: 'none', logLevel: 'warning' }),
  ),
);
copyFileSync('server/boot/main.js', 'dist/server.js');
console.log(`built dist/server.js, ${[...entries, ...webview].map((e) => e.out).join(', ')}`);
