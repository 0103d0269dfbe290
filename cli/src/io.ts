// Reading and writing report files: encoding detection (UTF-8 with or without BOM, GB18030,
// UTF-16 with BOM), binary detection, the same encoding/BOM on the way back, directory walking.
// Every failure is an IoError with a one-line message in Chinese with English in brackets.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EncodingOption } from './args';

/** Writing back: a temporary file in the same folder renamed over the file (node/src/write.ts). */
export { writeAtomic, WriteConflict } from '../../node/src/write';
export type { WriteOptions } from '../../node/src/write';

/** An I/O problem about one path: printed on stderr as `nianbao: <path>: <message>`; exit status 2. */
export class IoError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

export type Encoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

export interface Decoded {
  /** The text without its BOM: what the core parses. */
  text: string;
  encoding: Encoding;
  /** The file began with a byte-order mark (re-emitted on write). */
  bom: boolean;
}

const BINARY_PROBE = 8192;

function startsWith(bytes: Uint8Array, ...prefix: number[]): boolean {
  if (bytes.length < prefix.length) return false;
  return prefix.every((b, i) => bytes[i] === b);
}

/** Decodes file bytes per `--encoding`. `label` is the path used in error messages. */
export function decode(bytes: Uint8Array, option: EncodingOption, label: string): Decoded {
  // UTF-16 is recognised only by its BOM (without one it looks like binary: NUL bytes).
  if (startsWith(bytes, 0xff, 0xfe) || startsWith(bytes, 0xfe, 0xff)) {
    // The BOM is unambiguous, whatever --encoding says.
    const encoding: Encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    if ((bytes.length - 2) % 2 !== 0) throw new IoError(label, 'UTF-16 文件字节数为奇数，已损坏 (truncated UTF-16 file)');
    try {
      const text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(2));
      return { text, encoding, bom: true };
    } catch {
      throw new IoError(label, 'UTF-16 内容无效 (invalid UTF-16 data)');
    }
  }
  const probe = bytes.subarray(0, Math.min(bytes.length, BINARY_PROBE));
  if (probe.includes(0)) {
    throw new IoError(label, '二进制文件，不是文本报告 (binary file: NUL bytes found; UTF-16 needs a BOM)');
  }
  const hasUtf8Bom = startsWith(bytes, 0xef, 0xbb, 0xbf);
  if (option === 'gb18030') return decodeGb18030(bytes, label);
  // An HTML page that declares a Chinese national charset (<meta charset="gbk">) is read in it.
  if (option === 'auto' && !hasUtf8Bom && declaresGb(probe)) {
    try {
      return decodeGb18030(bytes, label);
    } catch {
      // the declaration is wrong: try UTF-8 below
    }
  }
  const body = hasUtf8Bom ? bytes.subarray(3) : bytes;
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
    return { text, encoding: 'utf-8', bom: hasUtf8Bom };
  } catch {
    if (option === 'utf-8') {
      throw new IoError(label, '不是有效的 UTF-8 编码 (invalid UTF-8; try --encoding gb18030 or auto)');
    }
  }
  return decodeGb18030(bytes, label);
}

/** `<meta charset="gb2312">` or `content="text/html; charset=gbk"` in the first bytes of a page. */
function declaresGb(probe: Uint8Array): boolean {
  const head = Buffer.from(probe.subarray(0, 2048)).toString('latin1').toLowerCase();
  return /<meta[^>]+charset\s*=\s*["']?\s*(gb2312|gbk|gb18030|x-gbk|cp936)\b/.test(head);
}

function decodeGb18030(bytes: Uint8Array, label: string): Decoded {
  try {
    const text = new TextDecoder('gb18030', { fatal: true, ignoreBOM: true }).decode(bytes);
    return { text, encoding: 'gb18030', bom: false };
  } catch {
    throw new IoError(label, '既不是有效的 UTF-8 也不是有效的 GB18030 编码 (neither valid UTF-8 nor valid GB18030)');
  }
}

/** Turns a Node error of a file-system call into a one-line IoError. */
export function ioError(label: string, err: unknown): IoError {
  const code = (err as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return new IoError(label, '文件或目录不存在 (no such file or directory)');
    case 'EACCES':
    case 'EPERM':
      return new IoError(label, '没有读取权限 (permission denied)');
    case 'EISDIR':
      return new IoError(label, '是目录，不是文件 (is a directory)');
    case 'ENOTDIR':
      return new IoError(label, '路径中有一段不是目录 (not a directory)');
    case 'ELOOP':
      return new IoError(label, '符号链接循环 (too many symbolic links)');
    default: {
      const msg = err instanceof Error ? err.message.split('\n')[0] : String(err);
      return new IoError(label, `无法读取 (cannot read: ${msg})`);
    }
  }
}

export function readBytes(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (err) {
    throw ioError(file, err);
  }
}

/** Standard input whole; `check(bytesSoFar)` may throw to stop reading (a size limit). */
export async function readStdin(check?: (bytes: number) => void): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const chunk of process.stdin) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    n += b.length;
    check?.(n);
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

const REPORT_EXTENSIONS = new Set(['.txt', '.md', '.html', '.htm', '.docx', '.pdf']);

/** One file a directory walk found: `display` is the path as shown (given directory + relative path). */
export interface FoundFile {
  file: string;
  display: string;
}

/**
 * Files under `dir` with a `.txt`/`.md`/`.html`/`.htm` extension, recursively, sorted, skipping `node_modules` and
 * dot-folders, following symbolic links without looping. Unreadable sub-directories are reported
 * through `onError` and skipped.
 */
export function walk(dir: string, onError: (e: IoError) => void): FoundFile[] {
  const out: FoundFile[] = [];
  const seen = new Set<string>();
  const visit = (abs: string, display: string): void => {
    let real: string;
    try {
      real = fs.realpathSync(abs);
    } catch (err) {
      onError(ioError(display, err));
      return;
    }
    if (seen.has(real)) return;
    seen.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(abs, { withFileTypes: true });
    } catch (err) {
      onError(ioError(display, err));
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const childAbs = path.join(abs, e.name);
      const childDisplay = path.join(display, e.name);
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        try {
          const st = fs.statSync(childAbs);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          continue; // a dangling link in a folder of reports is not the user's request: skip it
        }
      }
      if (isDir) {
        if (e.name.startsWith('.') || e.name === 'node_modules') continue;
        visit(childAbs, childDisplay);
      } else if (isFile && REPORT_EXTENSIONS.has(path.extname(e.name).toLowerCase())) {
        out.push({ file: childAbs, display: childDisplay });
      }
    }
  };
  visit(path.resolve(dir), dir);
  return out;
}
