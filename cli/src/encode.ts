// Writing text back in a file's own encoding. Apart from io.ts because iconv-lite's tables (about
// 500 kB) are needed only to write GB18030 or UTF-16BE: the language server, which reads files through
// io.ts but never writes them, must not bundle them (README.md, "Benchmark": lsp_ready_ms, vsix_kb).

import * as iconv from 'iconv-lite';
import type { Decoded } from './io';

/** Encodes text back into the file's own encoding and BOM. */
export function encode(text: string, d: Pick<Decoded, 'encoding' | 'bom'>): Buffer {
  switch (d.encoding) {
    case 'utf-8': {
      const body = Buffer.from(text, 'utf8');
      return d.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
    }
    case 'utf-16le':
      return Buffer.concat([d.bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(text, 'utf16le')]);
    case 'utf-16be':
      return Buffer.concat([d.bom ? Buffer.from([0xfe, 0xff]) : Buffer.alloc(0), iconv.encode(text, 'utf-16be')]);
    case 'gb18030':
      return iconv.encode(text, 'gb18030');
  }
}
