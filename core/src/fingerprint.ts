// Fingerprints of findings, for baselines of accepted findings (docs/config.md): what a finding is,
// not where it is, so that an edit elsewhere in the file keeps it. A fingerprint is a hash of the
// rule code, the message (which names the cell and the numbers), the text the problem points at,
// and which occurrence of that same triple it is in the report (first, second, …).

import type { Problem } from './types';

/** 53-bit string hash (cyrb53), as 14 hex digits. Not cryptographic: a key, not a signature. */
function hash(s: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

/** The fingerprint of each problem (same order), given the text they were found in. */
export function fingerprints(text: string, problems: readonly Problem[]): string[] {
  const seen = new Map<string, number>();
  return problems.map((p) => {
    const key = `${p.code}\u0000${p.message}\u0000${text.slice(p.span.start, p.span.end).replace(/\s+/g, ' ').slice(0, 200)}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return hash(`${key}\u0000${n}`);
  });
}
