// The parse and the problems of each open document, cached per URI and version so that every
// feature (diagnostics, hover, code actions, symbols, lenses, commands) shares one parse.

import { checkDocument, looksLikeReport, readText } from '../../core/src';
import type { Document, Problem, Report, Settings } from '../../core/src';
import type { NianbaoSettings } from './settings';

export interface Analysis {
  uri: string;
  version: number;
  /** The document as read: for crawler text or a page, `report` spans are in `doc.text`, not the editor's text. */
  doc: Document;
  report: Report;
  problems: Problem[];
  settings: NianbaoSettings;
}

interface Entry {
  version: number;
  text: string;
  doc: Document;
  report: Report;
  /** Problems with the settings object they were computed for (settings objects are cached). */
  problems?: { settings: NianbaoSettings; list: Problem[] };
}

export const REPORT_LANGUAGE = 'nianbao';

/** Whether a document is one nianbao should check at all, given its language and settings. */
export function isChecked(languageId: string, text: string, settings: NianbaoSettings): boolean {
  if (!settings.enable || settings.ignored) return false;
  if (languageId === REPORT_LANGUAGE) return true;
  return settings.detect && looksLikeReport(text);
}

export function coreSettings(settings: NianbaoSettings): Settings {
  return { rules: settings.rules, ...(settings.extraRules?.length ? { extraRules: settings.extraRules } : {}) };
}

export class AnalysisCache {
  private readonly entries = new Map<string, Entry>();
  /** For tests and diagnostics of the cache itself. */
  parses = 0;

  private entry(uri: string, version: number, text: () => string): Entry {
    const e = this.entries.get(uri);
    if (e && e.version === version) return e;
    const t = text();
    const doc = readText(t);
    const fresh: Entry = { version, text: t, doc, report: doc.report };
    this.parses++;
    this.entries.set(uri, fresh);
    return fresh;
  }

  report(uri: string, version: number, text: () => string): Report {
    return this.entry(uri, version, text).report;
  }

  document(uri: string, version: number, text: () => string): Document {
    return this.entry(uri, version, text).doc;
  }

  analyse(uri: string, version: number, text: () => string, settings: NianbaoSettings): Analysis {
    const e = this.entry(uri, version, text);
    if (!e.problems || e.problems.settings !== settings) {
      e.problems = { settings, list: checkDocument(e.doc, coreSettings(settings)) };
    }
    return { uri, version, doc: e.doc, report: e.report, problems: e.problems.list, settings };
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}
