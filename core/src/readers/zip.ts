// The zip container of a `.docx`, read within LIMITS.docx (README.md, "Limits"). The central
// directory is read first: the number of entries and their declared sizes are checked before
// anything is inflated. Each wanted part is then inflated in pieces and stopped as soon as it yields
// more than it declared: a part that lies about its size (a few kilobytes declared, gigabytes in the
// stream) costs no more time than an honest part of the declared size, and no more memory.

import { Inflate, strFromU8 } from 'fflate';

/** One entry of the central directory. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  /** As declared; the inflated part is checked against it. */
  size: number;
  localOffset: number;
}

/** A zip that cannot be read: the message says what is wrong (English; the reader words it for users). */
export class ZipError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipError';
  }
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** Inflated in pieces of this many compressed bytes, so that a lying part is stopped early. */
const PIECE = 64 * 1024;

const u16 = (b: Uint8Array, i: number): number => b[i] | (b[i + 1] << 8);
const u32 = (b: Uint8Array, i: number): number => (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;

/** The entries of the central directory, in order. */
export function zipEntries(bytes: Uint8Array): ZipEntry[] {
  // The end record stands in the last 22 bytes, or before a comment of up to 65,535 bytes.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (u32(bytes, i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end === -1) throw new ZipError('no end of central directory');
  const count = u16(bytes, end + 10);
  const size = u32(bytes, end + 12);
  let at = u32(bytes, end + 16);
  if (count === 0xffff || size === 0xffffffff || at === 0xffffffff) throw new ZipError('zip64 archives are not read');
  if (at + size > end) throw new ZipError('central directory out of range');
  const entries: ZipEntry[] = [];
  for (let k = 0; k < count; k++) {
    if (at + 46 > end || u32(bytes, at) !== CENTRAL) throw new ZipError('central directory entry damaged');
    const nameLength = u16(bytes, at + 28);
    const skip = nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
    if (at + 46 + skip > end) throw new ZipError('central directory entry damaged');
    entries.push({
      name: strFromU8(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: u16(bytes, at + 10),
      compressedSize: u32(bytes, at + 20),
      size: u32(bytes, at + 24),
      localOffset: u32(bytes, at + 42),
    });
    at += 46 + skip;
  }
  return entries;
}

/** The bytes of an entry, inflated; never more than it declared (a part that yields more is refused). */
export function zipPart(bytes: Uint8Array, e: ZipEntry): Uint8Array {
  const at = e.localOffset;
  if (at + 30 > bytes.length || u32(bytes, at) !== LOCAL) throw new ZipError(`${e.name}: local header damaged`);
  const start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
  const data = bytes.subarray(start, start + e.compressedSize);
  if (start + e.compressedSize > bytes.length) throw new ZipError(`${e.name}: data out of range`);
  if (e.method === 0) {
    if (e.compressedSize !== e.size) throw new ZipError(`${e.name}: stored size does not match`);
    return data;
  }
  if (e.method !== 8) throw new ZipError(`${e.name}: compression method ${e.method} is not read`);
  const out = new Uint8Array(e.size);
  let filled = 0;
  let done = false;
  const inflate = new Inflate((chunk, final) => {
    if (filled + chunk.length > e.size) throw new ZipError(`${e.name}: inflates to more than the declared ${e.size} bytes`);
    out.set(chunk, filled);
    filled += chunk.length;
    if (final) done = true;
  });
  for (let i = 0; i < data.length && !done; i += PIECE) inflate.push(data.subarray(i, Math.min(data.length, i + PIECE)), i + PIECE >= data.length);
  if (!done || filled !== e.size) throw new ZipError(`${e.name}: inflates to ${filled} bytes, not the declared ${e.size}`);
  return out;
}
