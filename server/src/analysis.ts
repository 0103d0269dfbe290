// The parse and the problems of each open document, cached per URI and version so that every
// feature (diagnostics, hover, code actions, symbols, lenses, commands) shares one parse.

import * as path from 'node:path';
import { checkDocument, documentOf, looksLikeReport, readText } from '../../core/src';
import type { Document, Problem, Reading, Report, Settings } from '../../core/src';
import { htmlLooksLikeReport } from '../../core/src/readers/html-detect';
import { LIMITS, checkSize, isLimitError, utf8Length } from '../../core/src/readers/limits';
import type { NianbaoSettings } from './settings';
import { readInWorker, ReadCancelled, workerFile } from '../../node/src/readers-worker';

export interface Analysis {
  uri: string;
  version: number;
  /** The document as read: for crawler text or a page, `report` spans are in `doc.text`, not the editor's text. */
  doc: Document;
  report: Report;
  problems: Problem[];
  settings: NianbaoSettings;
  /** The document is past one of the readers' limits (README.md "Limits"): this line, and nothing read. */
  limit?: string;
}

interface Entry {
  version: number;
  text: string;
  doc: Document;
  report: Report;
  limit?: string;
  /** Problems with the settings object they were computed for (settings objects are cached). */
  problems?: { settings: NianbaoSettings; list: Problem[] };
}

export const REPORT_LANGUAGE = 'nianbao';

/** Whether a document is one nianbao should check at all, given its language and settings. */
export function isChecked(languageId: string, text: string, settings: NianbaoSettings): boolean {
  if (!settings.enable || settings.ignored) return false;
  if (languageId === REPORT_LANGUAGE) return true;
  // A page is checked only when it carries a report title (looked for in its text, before any parse).
  if (languageId === 'html') return settings.detect && htmlLooksLikeReport(text);
  return settings.detect && looksLikeReport(text);
}

/** The HTML reader is a bundle of its own (dist/html.js, with parse5), loaded the first time a page is checked. */
let htmlReader: ((text: string) => Reading) | null = null;

/** Read a document by its language: a page through the HTML reader, any other text as text (crawler text included). */
export function readByLanguage(languageId: string, text: string): Document {
  if (languageId !== 'html') {
    // A text of n UTF-16 units has at most 3n UTF-8 bytes: counted only when it may be past the limit.
    if (text.length * 3 > LIMITS.text.maxBytes) checkSize('text', utf8Length(text));
    return readText(text);
  }
  if (!htmlReader) {
    // A path esbuild leaves alone: the module is loaded from beside dist/server.js at run time.
    const file = path.join(__dirname, 'html.js');
    htmlReader = (require(file) as { readHtml: (text: string) => Reading }).readHtml;
  }
  return documentOf(htmlReader(text));
}

/**
 * Read a document as readByLanguage does, a page in a worker thread (node/src/readers-worker.ts):
 * within LIMITS.html.maxMs, stopped when `signal` aborts, never blocking the server's other answers.
 */
export async function readByLanguageAsync(languageId: string, text: string, signal?: AbortSignal): Promise<Document> {
  if (languageId !== 'html' || !workerFile()) return readByLanguage(languageId, text);
  return documentOf(await readInWorker('html', text, { signal }));
}

/** The entry of a document that could not be read: the limit's line (or the reader's error), nothing read. */
function unread(version: number, text: string, e: unknown): Entry {
  const doc = readText('');
  const limit = isLimitError(e) ? e.message : `无法读取 (cannot read: ${String((e as Error)?.message ?? e).split('\n')[0]})`;
  return { version, text, doc, report: doc.report, limit };
}

export function coreSettings(settings: NianbaoSettings): Settings {
  return { rules: settings.rules, ...(settings.extraRules?.length ? { extraRules: settings.extraRules } : {}) };
}

export class AnalysisCache {
  private readonly entries = new Map<string, Entry>();
  /** For tests and diagnostics of the cache itself. */
  parses = 0;

  /** The language of each document (a page is read as HTML). */
  constructor(private readonly languageOf: (uri: string) => string = () => 'plaintext') {}

  private entry(uri: string, version: number, text: () => string): Entry {
    const e = this.entries.get(uri);
    if (e && e.version === version) return e;
    const t = text();
    let fresh: Entry;
    try {
      const doc = readByLanguage(this.languageOf(uri), t);
      fresh = { version, text: t, doc, report: doc.report };
    } catch (e) {
      // Past a limit: one line for the document (the server goes on answering); nothing is read.
      if (!isLimitError(e)) throw e;
      fresh = unread(version, t, e);
    }
    this.store(uri, fresh);
    return fresh;
  }

  private store(uri: string, e: Entry): void {
    const old = this.entries.get(uri);
    if (old && old.version > e.version) return;
    this.parses++;
    this.entries.set(uri, e);
  }

  /** The read of a page in progress, per document. */
  private readonly pending = new Map<string, { version: number; promise: Promise<void>; abort: AbortController }>();

  /**
   * Makes sure this version of the document is read before the sync calls below ask for it: a page
   * is read in a worker thread meanwhile (other documents are answered), a read of an older version
   * is cancelled. Other documents are read on demand, in place. False when the read was cancelled.
   */
  async prepare(uri: string, version: number, text: () => string): Promise<boolean> {
    const e = this.entries.get(uri);
    if (e && e.version === version) return true;
    const languageId = this.languageOf(uri);
    if (languageId !== 'html' || !workerFile()) return true;
    let p = this.pending.get(uri);
    if (p && p.version !== version) {
      p.abort.abort();
      p = undefined;
    }
    if (!p) {
      const abort = new AbortController();
      const t = text();
      const promise: Promise<void> = readByLanguageAsync(languageId, t, abort.signal)
        .then(
          (doc) => this.store(uri, { version, text: t, doc, report: doc.report }),
          (err: unknown) => {
            if (err instanceof ReadCancelled) throw err;
            this.store(uri, unread(version, t, err));
          },
        )
        .finally(() => {
          if (this.pending.get(uri)?.promise === promise) this.pending.delete(uri);
        });
      p = { version, promise, abort };
      this.pending.set(uri, p);
    }
    try {
      await p.promise;
      return true;
    } catch {
      return false;
    }
  }

  report(uri: string, version: number, text: () => string): Report {
    return this.entry(uri, version, text).report;
  }

  document(uri: string, version: number, text: () => string): Document {
    return this.entry(uri, version, text).doc;
  }

  analyse(uri: string, version: number, text: () => string, settings: NianbaoSettings): Analysis {
    const e = this.entry(uri, version, text);
    if (e.limit) return { uri, version, doc: e.doc, report: e.report, problems: [], settings, limit: e.limit };
    if (!e.problems || e.problems.settings !== settings) {
      e.problems = { settings, list: checkDocument(e.doc, coreSettings(settings)) };
    }
    return { uri, version, doc: e.doc, report: e.report, problems: e.problems.list, settings };
  }

  delete(uri: string): void {
    this.pending.get(uri)?.abort.abort(); // a page being read: its thread is stopped
    this.pending.delete(uri);
    this.entries.delete(uri);
  }
}
