// `nianbao convert --to cells|rows|markdown|2021 FILE [--write]`: the report with its tables re-laid
// (core/src/convert-layout.ts) or its 2019 tables rewritten as 2021 tables (core/src/draft.ts), on
// stdout or written back in place. README.md "Layout conversion" and "Across years".

import * as fs from 'node:fs';
import * as path from 'node:path';
import { convertLayout, describeConversion, type TextLayout } from '../../core/src/convert-layout';
import { applyEdits } from '../../core/src';
import { convertTo2021 } from '../../core/src/draft';
import { FORMAT_2021 } from '../../core/src/format';
import type { Options } from './args';
import { collect } from './inputs';
import type { Input } from './inputs';
import { IoError } from './io';
import { encode } from './encode';

export interface Io {
  out: (s: string | Uint8Array) => void;
  err: (s: string) => void;
}

/**
 * Write a file so that a reader never sees it half written and a failure leaves the old file whole:
 * the bytes go to a temporary file beside it, which then replaces it (one rename).
 */
export function writeFileSafely(file: string, bytes: Uint8Array): void {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    let mode: number | undefined;
    try {
      mode = fs.statSync(file).mode & 0o777;
    } catch {
      mode = undefined;
    }
    fs.writeFileSync(tmp, bytes, mode === undefined ? undefined : { mode });
    fs.renameSync(tmp, file);
  } catch (err) {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // nothing left to clean
    }
    const code = (err as NodeJS.ErrnoException).code;
    throw new IoError(file, code === 'EACCES' || code === 'EPERM' ? '没有写入权限 (permission denied)' : `写入失败 (cannot write: ${(err as Error).message.split('\n')[0]})`);
  }
}

/** The one report a command reads (convert and export take exactly one FILE, or - for stdin). */
export async function readOne(opts: Options, io: Io): Promise<Input | null> {
  let input: Input | null = null;
  let failed = false;
  await collect(
    opts.paths,
    opts.encoding,
    (i) => {
      input = i;
    },
    (e) => {
      failed = true;
      io.err(`nianbao: ${e.path}: ${e.message}\n`);
    },
  );
  return failed ? null : input;
}

export async function runConvert(opts: Options, io: Io): Promise<number> {
  const input = await readOne(opts, io);
  if (!input) return 2;
  const target = opts.to!;
  if (!input.doc.identity) {
    io.err(
      `nianbao: ${input.display}: 只能转换纯文本年报（每格一行、每行一行、Markdown 表格）；网页或连写文本请先用 nianbao show 查看 (convert reads plain-text reports only: ${input.doc.layout})\n`,
    );
    return 2;
  }
  const text = input.decoded.text;
  let converted: string;
  let status: number;
  if (target === FORMAT_2021.id) {
    const conversion = convertTo2021(input.report);
    if (!conversion) {
      converted = text;
      io.err(`nianbao: ${input.display}: 没有 2019 年格式的表二、表三，无需转换 (no 2019-format tables)\n`);
    } else {
      converted = applyEdits(text, conversion.edits);
      for (const f of conversion.flags) io.err(`nianbao: ${input.display}: ${f.table}${f.cell}：${f.reason}\n`);
      io.err(`nianbao: ${input.display}: 已改为 2021 年格式的表格，${conversion.flags.length} 处需按实际填写 (converted to the 2021 tables)\n`);
    }
    status = 0;
  } else {
    const to = target as TextLayout;
    const result = convertLayout(input.report, { to });
    converted = result.edits.length ? applyEdits(text, result.edits) : text;
    io.err(`nianbao: ${input.display}: ${describeConversion(result, to)}\n`);
    status = result.skipped.length ? 1 : 0;
  }
  if (opts.fixMode === 'write') {
    if (converted !== text) {
      const d = input.decoded;
      if (!encode(d.text, d).equals(input.bytes)) {
        io.err(`nianbao: ${input.display}: 无法按原编码（${d.encoding}）无损写回，未修改 (cannot write back losslessly in ${d.encoding}; file left unchanged)\n`);
        return 2;
      }
      try {
        writeFileSafely(input.file!, encode(converted, d));
      } catch (e) {
        if (!(e instanceof IoError)) throw e;
        io.err(`nianbao: ${input.display}: ${e.message}\n`);
        return 2;
      }
    }
  } else {
    io.out(encode(converted, input.decoded));
  }
  return status;
}

// ---------------------------------------------------------------------------
// nianbao export --to docx|html FILE [--out F]

interface Exporters {
  exportHtml(report: import('../../core/src').Report): string;
  exportDocx(report: import('../../core/src').Report): Promise<Uint8Array>;
  exportModel(report: import('../../core/src').Report): { warnings: string[] };
}

let exporters: Exporters | null = null;
/** The exporters' bundle (dist/export.js, with the `docx` package), loaded only now. */
function loadExporters(): Exporters {
  if (!exporters) {
    const bundle = path.join(__dirname, 'export.js');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    exporters = require(fs.existsSync(bundle) ? bundle : path.join(__dirname, '../../node/src/export/index.js')) as Exporters;
  }
  return exporters;
}

export async function runExport(opts: Options, io: Io): Promise<number> {
  const input = await readOne(opts, io);
  if (!input) return 2;
  const to = opts.to as 'docx' | 'html';
  let out = opts.out;
  if (out === undefined) {
    if (!input.file) {
      io.err('nianbao: 从标准输入读取时需要 --out FILE（或 --out - 输出到 stdout） (reading stdin: give --out)\n');
      return 2;
    }
    const parsed = path.parse(input.file);
    out = path.join(parsed.dir, `${parsed.name.replace(/\.nianbao$/, '')}.${to}`);
    if (path.resolve(out) === path.resolve(input.file)) {
      io.err(`nianbao: ${input.display}: 导出文件与原文件同名，未覆盖；请用 --out 指定 (the export would overwrite the report: give --out)\n`);
      return 2;
    }
  }
  const ex = loadExporters();
  // The report text as read (for a page or a Word file, the reader's text): the export lays it out anew.
  const report = input.report;
  const { warnings } = ex.exportModel(report);
  const bytes = to === 'docx' ? await ex.exportDocx(report) : Buffer.from(ex.exportHtml(report), 'utf8');
  if (out === '-') io.out(bytes);
  else {
    try {
      writeFileSafely(out, bytes);
    } catch (e) {
      if (!(e instanceof IoError)) throw e;
      io.err(`nianbao: ${out}: ${e.message}\n`);
      return 2;
    }
    io.err(`nianbao: ${input.display}: 已导出为 ${out} (${to === 'docx' ? 'Word 文档' : '网页'})\n`);
  }
  for (const w of warnings) io.err(`nianbao: ${input.display}: ${w}\n`);
  return warnings.length ? 1 : 0;
}
