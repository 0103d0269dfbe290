// Writing a file back safely (README.md "Limits and safety"): the new bytes go to a temporary file in
// the same folder, which is then renamed over the file, so an interrupted run leaves either the old
// file or the new one, never half of it. A file that changed on disk since it was read is not
// overwritten: WriteConflict says so. Used by `nianbao fix --write`, the baseline and the exports.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';

/** The file on disk is no longer what was read: nothing was written. */
export class WriteConflict extends Error {
  constructor(readonly file: string) {
    super('文件在读取之后已被修改，未覆盖；请重新运行 (file changed on disk since it was read; not overwritten)');
    this.name = 'WriteConflict';
  }
}

export interface WriteOptions {
  /**
   * The bytes the caller read and based its change on. The write is refused (WriteConflict) when
   * the file now holds anything else, or is gone. Omitted: no check (a file written from scratch).
   */
  expected?: Uint8Array;
}

/**
 * Writes `data` to `file` through a temporary file in the same folder and a rename. A symbolic link
 * is followed (its target is replaced, the link stays); the file keeps its permission bits.
 * Throws WriteConflict, or the file system's own error (the temporary file is then removed).
 */
export function writeAtomic(file: string, data: Uint8Array, options: WriteOptions = {}): void {
  let target = file;
  try {
    target = fs.realpathSync(file);
  } catch {
    // not there yet: written where named
  }
  let mode: number | undefined;
  if (options.expected) {
    let now: Buffer;
    try {
      now = fs.readFileSync(target);
      mode = fs.statSync(target).mode & 0o7777;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new WriteConflict(file);
      throw e;
    }
    if (!now.equals(options.expected)) throw new WriteConflict(file);
  } else {
    try {
      mode = fs.statSync(target).mode & 0o7777;
    } catch {
      // a new file: the default mode
    }
  }
  const dir = path.dirname(target);
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.nianbao-tmp`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, 'wx', mode ?? 0o666);
    fs.writeSync(fd, data);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    if (mode !== undefined) fs.chmodSync(tmp, mode); // the umask may have taken bits off
    fs.renameSync(tmp, target);
  } catch (e) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // already failing
      }
    }
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
