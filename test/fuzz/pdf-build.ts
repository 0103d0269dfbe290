// PDFs built by the tests themselves, good and hostile (README.md "Limits"): a small writer of PDF
// objects with a cross-reference table whose offsets are computed (or broken on purpose), and the
// pieces the fuzz (test/fuzz/readers.ts) and the limit tests (test/unit/limits.test.ts) combine:
// wrong headers, broken or looping cross-reference tables, page trees that claim millions of pages
// or contain themselves, huge or absurd page sizes, content streams that are enormous, that inflate
// from a few kilobytes to many megabytes, or that draw a form drawing itself (or two forms, each
// drawing the next twice: 2^depth draws, the "loop" the time limit stops), JavaScript and links
// to the outside that must never run or be followed.

import { zlibSync } from 'fflate';

const latin1 = (s: string) => Buffer.from(s, 'latin1');

/** A stream object: the dictionary's entries (without << >>) and the data; `length` may lie. */
export function stream(dict: string, data: Uint8Array | string, opts: { flate?: boolean; length?: number } = {}): Uint8Array {
  let bytes: Uint8Array = typeof data === 'string' ? latin1(data) : data;
  if (opts.flate) bytes = zlibSync(bytes, { level: 9 });
  const filter = opts.flate ? ' /Filter /FlateDecode' : '';
  return Buffer.concat([latin1(`<< ${dict}${filter} /Length ${opts.length ?? bytes.length} >>\nstream\n`), bytes, latin1('\nendstream')]);
}

export type XrefKind = 'ok' | 'none' | 'wrong-offsets' | 'prev-loop' | 'startxref-beyond' | 'short-size';

export interface PdfParts {
  /** Object i+1 is objects[i]; object 1 is the catalog. */
  objects: (string | Uint8Array)[];
  header?: string;
  xref?: XrefKind;
  /** Extra entries of the trailer dictionary. */
  trailer?: string;
  /** For 'wrong-offsets': how the offsets are moved. */
  shift?: number;
}

/** Writes the objects with a cross-reference table (right, missing or broken as asked). */
export function writePdf(p: PdfParts): Uint8Array {
  const chunks: Uint8Array[] = [latin1(`${p.header ?? '%PDF-1.7'}\n%\xe2\xe3\xcf\xd3\n`)];
  let at = chunks[0].length;
  const offsets: number[] = [];
  p.objects.forEach((o, i) => {
    offsets.push(at);
    const c = Buffer.concat([latin1(`${i + 1} 0 obj\n`), typeof o === 'string' ? latin1(o) : o, latin1('\nendobj\n')]);
    chunks.push(c);
    at += c.length;
  });
  const xref = p.xref ?? 'ok';
  const size = xref === 'short-size' ? 1 : p.objects.length + 1;
  const startxref = at;
  if (xref !== 'none') {
    const shift = xref === 'wrong-offsets' ? (p.shift ?? 7) : 0;
    const rows = offsets.map((o) => `${String(Math.max(0, o + shift) % 1e10).padStart(10, '0')} 00000 n \n`).join('');
    const prev = xref === 'prev-loop' ? ` /Prev ${startxref}` : '';
    chunks.push(latin1(`xref\n0 ${p.objects.length + 1}\n0000000000 65535 f \n${rows}trailer\n<< /Size ${size} /Root 1 0 R${prev} ${p.trailer ?? ''} >>\n`));
  }
  const pointer = xref === 'startxref-beyond' ? startxref * 10 + 12345 : startxref;
  chunks.push(latin1(`startxref\n${pointer}\n%%EOF\n`));
  return Buffer.concat(chunks);
}

/** A content stream writing lines of (ASCII) text, one per line of `lines`, down the page. */
export function textContent(lines: string[], size = 12): string {
  const esc = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`);
  return lines.map((l, i) => `BT /F1 ${size} Tf 72 ${780 - i * (size + 4)} Td (${esc(l)}) Tj ET`).join('\n');
}

export type ContentKind = 'text' | 'enormous' | 'inflating' | 'self-form' | 'form-doubling' | 'garbage' | 'lying-length' | 'none';

export interface PageSpec {
  content: ContentKind;
  /** text: the lines; enormous: how many text operators; inflating: megabytes once inflated; form-doubling: depth. */
  lines?: string[];
  n?: number;
  mediaBox?: string;
  /** Kids of the page tree: how many references to the one page (past LIMITS.pdf.maxPages: many pages). */
  kids?: number;
  /** What /Count claims (defaults to kids). */
  count?: string;
  /** The page tree contains itself. */
  kidsLoop?: boolean;
  /** /OpenAction JavaScript, a link to a URL and a `file:` link, a launch action. */
  hostile?: { url: string; file: string };
  header?: string;
  xref?: XrefKind;
  shift?: number;
  garbage?: Uint8Array;
}

const FONT = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';

/** A one-page (or one page referenced many times) PDF as `spec` says. */
export function pagePdf(spec: PageSpec): Uint8Array {
  // 1 catalog, 2 pages, 3 page, 4 font, 5 content, 6.. forms and actions.
  const objects: (string | Uint8Array)[] = [];
  const extra: (string | Uint8Array)[] = [];
  const ref = (i: number) => `${i} 0 R`;
  let xobjects = '';
  let content: Uint8Array | string;
  const lines = spec.lines ?? ['Annual report 2024', 'I. 12 0 12'];
  switch (spec.content) {
    case 'text':
      content = stream('', textContent(lines));
      break;
    case 'enormous': {
      const op = 'BT /F1 9 Tf 72 700 Td (12 0 53) Tj ET\n';
      content = stream('', op.repeat(spec.n ?? 10_000), { flate: true });
      break;
    }
    case 'inflating':
      // A few kilobytes that inflate to `n` MB of spaces (a "zip bomb" inside a PDF).
      content = stream('', new Uint8Array((spec.n ?? 8) * 1024 * 1024).fill(0x20), { flate: true });
      break;
    case 'self-form': {
      const form = 6;
      extra.push(stream(`/Type /XObject /Subtype /Form /BBox [0 0 600 800] /Resources << /Font << /F1 4 0 R >> /XObject << /X0 ${ref(form)} >> >>`, 'BT /F1 9 Tf 72 700 Td (1) Tj ET /X0 Do'));
      xobjects = `/XObject << /X0 ${ref(form)} >>`;
      content = stream('', '/X0 Do');
      break;
    }
    case 'form-doubling': {
      // Form k draws form k+1 twice; the last writes text: 2^depth text runs from a few hundred bytes.
      const depth = spec.n ?? 10;
      for (let k = 0; k < depth; k++) {
        const next = k + 1 < depth ? `/XObject << /X ${ref(6 + k + 1)} >>` : '';
        const body = k + 1 < depth ? 'q /X Do Q q 1 0 0 1 1 0 cm /X Do Q' : 'BT /F1 9 Tf 72 700 Td (7) Tj ET';
        extra.push(stream(`/Type /XObject /Subtype /Form /BBox [0 0 600 800] /Resources << /Font << /F1 4 0 R >> ${next} >>`, body));
      }
      xobjects = `/XObject << /X ${ref(6)} >>`;
      content = stream('', '/X Do');
      break;
    }
    case 'garbage':
      content = stream('', spec.garbage ?? latin1('BT ( Tj ] >> << /F1 Tf ET q Q Q Q'));
      break;
    case 'lying-length':
      content = stream('', textContent(lines), { length: 1_000_000_000 });
      break;
    default:
      content = '<< /Length 0 >>\nstream\n\nendstream';
  }
  const kids = Math.max(1, spec.kids ?? 1);
  const kidRefs = spec.kidsLoop ? `${ref(3)} ${ref(2)}` : Array.from({ length: kids }, () => ref(3)).join(' ');
  let catalog = `<< /Type /Catalog /Pages ${ref(2)}`;
  let annots = '';
  if (spec.hostile) {
    const js = 6 + extra.length;
    extra.push(`<< /S /JavaScript /JS (app.launchURL\\("${spec.hostile.url}/js"\\); this.submitForm\\("${spec.hostile.url}/form"\\);) >>`);
    const link = 6 + extra.length;
    extra.push(`<< /Type /Annot /Subtype /Link /Rect [0 0 600 800] /A << /S /URI /URI (${spec.hostile.url}/link) >> >>`);
    const launch = 6 + extra.length;
    extra.push(`<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A << /S /Launch /F (${spec.hostile.file}) >> >>`);
    const remote = 6 + extra.length;
    extra.push(`<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A << /S /GoToR /F << /FS /URL /F (${spec.hostile.url}/other.pdf) >> /D [0 /Fit] >> >>`);
    catalog += ` /OpenAction ${ref(js)} /Names << /JavaScript << /Names [(x) ${ref(js)}] >> >> /AA << /WC ${ref(js)} >> /URI << /Base (${spec.hostile.url}/) >>`;
    annots = ` /Annots [${ref(link)} ${ref(launch)} ${ref(remote)}] /AA << /O ${ref(js)} >>`;
  }
  objects.push(`${catalog} >>`);
  objects.push(`<< /Type /Pages /Kids [${kidRefs}] /Count ${spec.count ?? kids} >>`);
  objects.push(
    `<< /Type /Page /Parent ${ref(2)} /MediaBox ${spec.mediaBox ?? '[0 0 595 842]'} /Resources << /Font << /F1 ${ref(4)} >> ${xobjects} >> /Contents ${ref(5)}${annots} >>`,
  );
  objects.push(FONT);
  objects.push(content);
  objects.push(...extra);
  return writePdf({ objects, header: spec.header, xref: spec.xref, shift: spec.shift });
}
