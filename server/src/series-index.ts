// The workspace's reports, indexed in the background for the cross-year rules (core/src/series.ts):
// each report file under the workspace folders (not matching `files.exclude`, not above the size
// limit) read once, its agency and year kept with its parse, so that a report's diagnostics can
// compare it with last year's. Kept current from the file watcher and from the editor's text of open
// documents. README.md "Across years".

import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import picomatch from 'picomatch';
import { seriesMember, type Document, type SeriesHints, type SeriesMember } from '../../core/src';
import { decode, walk } from '../../cli/src/io';
import { readByLanguage } from './analysis';

/** Files above this size are not indexed (a report is tens of kilobytes; a page a few hundred). */
export const MAX_INDEXED_BYTES = 2 * 1024 * 1024;
/**
 * Files are read for at most this long per turn of the event loop, so that requests are served
 * meanwhile: an edit that arrives while a large workspace is indexed waits for one slice, not for a
 * fixed number of files (sixteen pages could take a tenth of a second).
 */
const SLICE_MS = 4;

export interface IndexEntry {
  uri: string;
  member: SeriesMember;
  /** The source text (positions of related information are computed in it). */
  text: string;
  /** What the other reports' cross-year checks read from this one: a change of it refreshes them. */
  signature: string;
}

const languageOfPath = (file: string): string => (/\.html?$/i.test(file) ? 'html' : /\.nianbao\.(txt|md)$/i.test(file) ? 'nianbao' : 'plaintext');

/** What the cross-year rules read of a report: key, year, 表三's 结转 rows, 表二's 现行有效. */
function signatureOf(m: SeriesMember): string {
  const r = m.doc.report;
  const cells = r.tables
    .filter((t) => t.id === 'T3' || t.id === 'T2')
    .flatMap((t) => t.rows.filter((row) => ['carriedIn', 'carriedOut', 'rules', 'normative'].includes(row.key)).map((row) => `${t.id}.${row.key}:${row.cells.map((c) => `${c.column}=${c.value}`).join(',')}`));
  return JSON.stringify([m.key, m.year, cells]);
}

export class SeriesIndex {
  private readonly entries = new Map<string, IndexEntry>();
  /** The URIs of the entries by series key, so that a report's series is found without a scan. */
  private readonly byKey = new Map<string, Set<string>>();
  /** URIs whose text comes from the editor, not the disk. */
  private readonly open = new Set<string>();
  private excluded: ((rel: string) => boolean)[] = [];
  private folders: string[] = [];
  /** Bumped whenever what the cross-year rules read changed. */
  generation = 0;
  /** Resolved when the first pass over the workspace is done. */
  ready: Promise<void> = Promise.resolve();
  /** Whether `ready` is resolved. */
  isReady = true;

  constructor(
    private readonly hintsFor: (file: string | null) => SeriesHints,
    private readonly changed: () => void,
    private readonly maxBytes = MAX_INDEXED_BYTES,
  ) {}

  /** Index the folders (file: URIs) in the background; `exclude` is VS Code's `files.exclude` of each. */
  start(folders: string[], exclude: Record<string, unknown>[]): Promise<void> {
    this.folders = folders;
    this.excluded = exclude.map((ex) => {
      const globs = Object.entries(ex ?? {})
        .filter(([, on]) => on === true)
        .map(([g]) => g);
      return globs.length ? picomatch(globs, { dot: true }) : () => false;
    });
    this.isReady = false;
    this.ready = new Promise<void>((resolve) => {
      const files: string[] = [];
      for (const folder of folders) for (const f of walk(folder, () => undefined)) if (!this.isExcluded(f.file)) files.push(f.file);
      let i = 0;
      const step = () => {
        const until = performance.now() + SLICE_MS;
        while (i < files.length && performance.now() < until) this.readFromDisk(files[i++], false);
        if (i < files.length) setImmediate(step);
        else {
          this.generation++;
          this.isReady = true;
          if (this.entries.size) this.changed();
          resolve();
        }
      };
      setImmediate(step);
    });
    return this.ready;
  }

  /** Whether a file lies under a workspace folder and matches none of its `files.exclude` globs. */
  isExcluded(file: string): boolean {
    for (let k = 0; k < this.folders.length; k++) {
      const rel = path.relative(this.folders[k], file);
      if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) continue;
      const parts = rel.split(path.sep);
      const match = this.excluded[k];
      // A glob may name the file or any folder above it (`**/archive`).
      for (let n = 1; n <= parts.length; n++) if (match(parts.slice(0, n).join('/'))) return true;
      return false;
    }
    return true;
  }

  private put(uri: string, file: string | null, text: string, read: Document | string, notify: boolean): void {
    const before = this.entries.get(uri);
    let entry: IndexEntry | null = null;
    try {
      const doc = typeof read === 'string' ? readByLanguage(read, text) : read;
      if (doc.report.isReport) {
        const member = seriesMember(uri, path.basename(file ?? uri), doc, this.hintsFor(file));
        entry = { uri, member, text, signature: signatureOf(member) };
      }
    } catch {
      entry = null; // a file the readers cannot read is not part of any series
    }
    if (before) this.unkey(before);
    if (entry) {
      this.entries.set(uri, entry);
      if (entry.member.key !== null) {
        let uris = this.byKey.get(entry.member.key);
        if (!uris) this.byKey.set(entry.member.key, (uris = new Set()));
        uris.add(uri);
      }
    } else this.entries.delete(uri);
    if ((before?.signature ?? null) !== (entry?.signature ?? null)) {
      this.generation++;
      if (notify) this.changed();
    }
  }

  private readFromDisk(file: string, notify: boolean): void {
    const uri = pathToFileURL(file).href;
    if (this.open.has(uri)) return;
    let bytes: Buffer;
    try {
      const st = fs.statSync(file);
      if (!st.isFile() || st.size > this.maxBytes) return this.remove(uri, notify);
      bytes = fs.readFileSync(file);
    } catch {
      return this.remove(uri, notify);
    }
    let text: string;
    try {
      text = decode(bytes, 'auto', file).text;
    } catch {
      return this.remove(uri, notify);
    }
    this.put(uri, file, text, languageOfPath(file), notify);
  }

  private unkey(e: IndexEntry): void {
    if (e.member.key === null) return;
    const uris = this.byKey.get(e.member.key);
    uris?.delete(e.uri);
    if (uris?.size === 0) this.byKey.delete(e.member.key);
  }

  private remove(uri: string, notify: boolean): void {
    const e = this.entries.get(uri);
    if (!e) return;
    this.unkey(e);
    this.entries.delete(uri);
    this.generation++;
    if (notify) this.changed();
  }

  /** A watched file was created, changed or deleted. */
  fileChanged(uri: string): void {
    if (!uri.startsWith('file:') || this.open.has(uri)) return;
    let file: string;
    try {
      file = fileURLToPath(uri);
    } catch {
      return;
    }
    if (!/\.(txt|md|html?)$/i.test(file) || this.isExcluded(file) || /(^|[\\/])(node_modules|\.[^\\/]+)[\\/]/.test(path.relative(this.folders[0] ?? '/', file))) {
      this.remove(uri, true);
      return;
    }
    this.readFromDisk(file, true);
  }

  /** An open document's text (the editor's, possibly unsaved, as the analysis read it) stands for the file. */
  setOpen(uri: string, text: string, doc: Document): void {
    if (this.entries.get(uri)?.member.doc === doc) return;
    this.open.add(uri);
    let file: string | null = null;
    try {
      if (uri.startsWith('file:')) file = fileURLToPath(uri);
    } catch {
      file = null;
    }
    if (text.length > this.maxBytes) return this.remove(uri, true);
    this.put(uri, file, text, doc, true);
  }

  /** The document was closed: the file on disk (if indexed at all) stands for it again. */
  closeOpen(uri: string): void {
    this.open.delete(uri);
    let file: string | null = null;
    try {
      if (uri.startsWith('file:')) file = fileURLToPath(uri);
    } catch {
      file = null;
    }
    if (file && !this.isExcluded(file)) this.readFromDisk(file, true);
    else this.remove(uri, true);
  }

  /** The indexed reports of a series key, but `except`. */
  membersOf(key: string, except: string): SeriesMember[] {
    const out: SeriesMember[] = [];
    for (const uri of this.byKey.get(key) ?? []) if (uri !== except) out.push(this.entries.get(uri)!.member);
    return out;
  }

  /** Every indexed report. */
  members(): SeriesMember[] {
    return [...this.entries.values()].map((e) => e.member);
  }

  entry(uri: string): IndexEntry | undefined {
    return this.entries.get(uri);
  }

  get size(): number {
    return this.entries.size;
  }
}
