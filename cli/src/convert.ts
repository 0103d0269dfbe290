// `nianbao convert --to cells|rows|markdown FILE [--write]`: the report with its tables re-laid
// (core/src/convert-layout.ts), on stdout or written back in place. README.md "Layout conversion".

import * as fs from 'node:fs';
import * as path from 'node:path';
import { convertLayout, describeConversion, type TextLayout } from '../../core/src/convert-layout';
import { applyEdits } from '../../core/src';
import type { Options } from './args';
import { collect } from './inputs';
import type { Input } from './inputs';
import { encode, IoError } from './io';

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
  const to = opts.to as TextLayout;
  if (!input.doc.identity) {
    io.err(
      `nianbao: ${input.display}: 只能转换纯文本年报（每格一行、每行一行、Markdown 表格）；网页或连写文本请先用 nianbao show 查看 (convert reads plain-text reports only: ${input.doc.layout})\n`,
    );
    return 2;
  }
  const result = convertLayout(input.report, { to });
  const text = input.decoded.text;
  const converted = result.edits.length ? applyEdits(text, result.edits) : text;
  io.err(`nianbao: ${input.display}: ${describeConversion(result, to)}\n`);
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
  return result.skipped.length ? 1 : 0;
}
