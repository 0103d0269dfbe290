// The three output formats of `nianbao check` (README.md "Command line", nianbao check --help):
// text, JSON and SARIF 2.1.0.
// Positions are 1-based; a column counts UTF-16 code units, as the editor does.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { placeName, positionAt, RULES } from '../../core/src';
import type { Document, FormatId, Place, Problem, Report, RuleMeta, Severity, SourceLayout } from '../../core/src';
import { docsFile, docsHref } from '../../node/src/docs';
import type { Encoding } from './io';

export interface Located {
  code: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** What the finding is, independent of where (core fingerprints()): the key of baselines. */
  fingerprint?: string;
  /** Listed in the baseline in use: accepted, not reported as a problem. */
  accepted?: boolean;
  /** The failed sums behind a located wrong cell (1-based, as above). */
  related?: Region[];
  /**
   * Word and PDF files, which have no lines of their own: the paragraph, table/row/cell or page/line
   * (1-based) and its name (`表格 5 第 11 行第 2 格`). Line and column are then in the text read
   * (`nianbao show`, the draft of 导入 Word 年报).
   */
  place?: Place;
  where?: string;
}

export interface Region {
  message: string;
  place?: Place;
  where?: string;
  /** Another file the region is in (as displayed, like FileResult.display): last year's report. */
  path?: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

function region(text: string, span: { start: number; end: number }): Omit<Region, 'message'> {
  const s = positionAt(text, span.start);
  const e = positionAt(text, Math.max(span.start, span.end));
  return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
}

/** One checked report: what every format prints. */
export interface FileResult {
  /** The path as shown to the user (as given, or given directory + relative path; `<stdin>`). */
  display: string;
  /** Absolute path on disk, or null for standard input. */
  file: string | null;
  encoding: Encoding;
  report: { title: string | null; agency: string | null; year: number | null; format: FormatId | null; layout: SourceLayout };
  diagnostics: Located[];
}

export const STDIN_DISPLAY = '<stdin>';

/** Another file a related entry points into (RelatedInfo.file): its text, how it is displayed, its document. */
export type OtherFile = (id: string) => { text: string; display: string; doc?: Document } | undefined;

/**
 * 1-based line/column of a problem's span (end column exclusive, like SARIF and LSP); the place in a
 * Word or PDF file; related entries in another file (last year's report) located in that file.
 */
export function locate(text: string, p: Problem, doc?: Document, other?: OtherFile): Located {
  const place = doc?.placeAt(p.span.start);
  return {
    ...(place ? { place, where: placeName(place) } : {}),
    code: p.code,
    severity: p.severity,
    message: p.message,
    ...region(text, p.span),
    ...(p.related?.length
      ? {
          related: p.related.map((r) => {
            const o = r.file !== undefined ? other?.(r.file) : undefined;
            const inDoc = o ? o.doc : doc;
            const at = inDoc?.placeAt(r.span.start);
            return {
              message: r.message,
              ...(o ? { path: o.display } : {}),
              ...region(o ? o.text : text, r.span),
              ...(at ? { place: at, where: placeName(at) } : {}),
            };
          }),
        }
      : {}),
  };
}

export function reportSummary(report: Report, layout: SourceLayout): FileResult['report'] {
  return {
    title: report.title ? report.title.text : null,
    agency: report.agency,
    year: report.year,
    format: report.format,
    layout,
  };
}

const oneLine = (s: string): string => s.replace(/\s*[\r\n]+\s*/g, ' ');

// ---------------------------------------------------------------------------
// text

export function formatText(results: FileResult[]): string {
  const lines: string[] = [];
  const count = { error: 0, warning: 0, info: 0 };
  let accepted = 0;
  for (const r of results) {
    for (const d of r.diagnostics) {
      if (d.accepted) {
        accepted++;
        continue;
      }
      count[d.severity]++;
      const at = d.where ? `（${d.where}）` : `:${d.line}:${d.column}`;
      lines.push(`${r.display}${at}  ${d.severity}  ${oneLine(d.message)}  [${d.code}]`);
    }
  }
  const total = count.error + count.warning + count.info;
  lines.push(
    `${total} 个问题（${count.error} 个错误，${count.warning} 个警告，${count.info} 个提示），共检查 ${results.length} 个文件${accepted ? `；另有 ${accepted} 个已接受的问题（基线）未列出` : ''}`,
  );
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------------------
// json

/** With a baseline in use, accepted findings are left out of `diagnostics` and counted in `accepted`. */
export function formatJson(results: FileResult[], baseline = false): string {
  const files = results.map((r) => ({
    path: r.display,
    encoding: r.encoding,
    report: r.report,
    diagnostics: r.diagnostics
      .filter((d) => !d.accepted)
      .map((d) => ({
        code: d.code,
        severity: d.severity,
        message: d.message,
        line: d.line,
        column: d.column,
        endLine: d.endLine,
        endColumn: d.endColumn,
        fingerprint: d.fingerprint,
        ...(d.place ? { place: d.place, where: d.where } : {}),
        ...(d.related ? { related: d.related } : {}),
      })),
    ...(baseline ? { accepted: r.diagnostics.filter((d) => d.accepted).length } : {}),
  }));
  return JSON.stringify({ files }, null, 2) + '\n';
}

// ---------------------------------------------------------------------------
// sarif

function readDoc(meta: RuleMeta): string | null {
  const file = docsFile(meta);
  if (!file) return null;
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

const sarifLevel = (s: Severity | 'off'): 'error' | 'warning' | 'note' | 'none' =>
  s === 'info' ? 'note' : s === 'off' ? 'none' : s;

const SRCROOT = '%SRCROOT%';

/** `table[5]/row[11]/cell[2]`, `paragraph[3]`, `page[4]/line[12]`: a place as a SARIF fully qualified name. */
function placePath(p: Place): string {
  const parts: string[] = [];
  for (const k of ['paragraph', 'table', 'row', 'cell', 'page', 'line'] as const) if (p[k] !== undefined) parts.push(`${k}[${p[k]}]`);
  return parts.join('/');
}

/** A relative URI (forward slashes, percent-encoded) for a path inside `base`, else null. */
function relativeUri(file: string, base: string): string | null {
  const rel = path.relative(base, file);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return rel.split(path.sep).map(encodeURIComponent).join('/');
}

export interface SarifOptions {
  version: string;
  informationUri: string;
  /** Base for relative artifact URIs (the working directory). */
  cwd: string;
  /** Effective severities from `--rule`, for the invocation's configuration overrides. */
  overrides: Record<string, Severity | 'off'>;
  /** One-line I/O and usage errors met during the run (tool execution notifications). */
  errors: string[];
  /** Rules from the config (declarative rules, plugins) that ran besides the built-in ones. */
  extraRules?: readonly RuleMeta[];
  /** A baseline was in use: every result says whether it is new or unchanged (accepted, and suppressed). */
  baseline?: boolean;
}

export function formatSarif(results: FileResult[], opts: SarifOptions): string {
  const all = [...RULES, ...(opts.extraRules ?? [])];
  const rules = all.map((r) => {
    const doc = readDoc(r);
    const full = `${r.description}${r.fixable ? '（有快速修复）' : ''}`;
    return {
      id: r.code,
      shortDescription: { text: r.description },
      fullDescription: { text: full },
      ...(r.docs ? { helpUri: docsHref(r) } : {}),
      ...(doc ? { help: { text: full, markdown: doc } } : {}),
      defaultConfiguration: { level: sarifLevel(r.severity) },
      properties: { fixable: r.fixable },
    };
  });
  const ruleIndex = new Map(all.map((r, i) => [r.code, i]));

  const artifacts: object[] = [];
  const artifactIndex = new Map<FileResult, number>();
  const artifactLocation = (r: FileResult): Record<string, unknown> => {
    const idx = artifactIndex.get(r)!;
    if (r.file === null) return { uri: 'stdin', index: idx };
    const rel = relativeUri(r.file, opts.cwd);
    return rel !== null ? { uri: rel, uriBaseId: SRCROOT, index: idx } : { uri: pathToFileURL(r.file).href, index: idx };
  };
  const byDisplay = new Map(results.map((r) => [r.display, r]));
  for (const r of results) {
    artifactIndex.set(r, artifacts.length);
    const loc = artifactLocation(r);
    artifacts.push({ location: { ...loc, index: undefined }, encoding: r.encoding, sourceLanguage: 'plaintext' });
  }

  const sarifResults = results.flatMap((r) =>
    r.diagnostics.map((d) => ({
      ruleId: d.code,
      ...(ruleIndex.has(d.code) ? { ruleIndex: ruleIndex.get(d.code) } : {}),
      level: sarifLevel(d.severity),
      message: { text: d.message },
      ...(d.fingerprint ? { partialFingerprints: { 'nianbao/v1': d.fingerprint } } : {}),
      ...(opts.baseline ? { baselineState: d.accepted ? 'unchanged' : 'new' } : {}),
      ...(d.accepted ? { suppressions: [{ kind: 'external', status: 'accepted', justification: '已在基线文件中接受 (accepted in the baseline file)' }] } : {}),
      locations: [
        d.place
          ? // No line to point at in a Word or PDF file: the paragraph, cell or page line as a logical location.
            {
              physicalLocation: { artifactLocation: artifactLocation(r) },
              logicalLocations: [{ name: d.where, fullyQualifiedName: placePath(d.place), kind: 'element' }],
            }
          : {
              physicalLocation: {
                artifactLocation: artifactLocation(r),
                region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
              },
            },
      ],
      ...(d.related
        ? {
            relatedLocations: d.related.map((x, id) => ({
              id,
              message: { text: x.message },
              ...(x.place
                ? {
                    physicalLocation: { artifactLocation: artifactLocation((x.path !== undefined ? byDisplay.get(x.path) : undefined) ?? r) },
                    logicalLocations: [{ name: x.where, fullyQualifiedName: placePath(x.place), kind: 'element' }],
                  }
                : {
                    physicalLocation: {
                      artifactLocation: artifactLocation((x.path !== undefined ? byDisplay.get(x.path) : undefined) ?? r),
                      region: { startLine: x.line, startColumn: x.column, endLine: x.endLine, endColumn: x.endColumn },
                    },
                  }),
            })),
          }
        : {}),
    })),
  );

  const overrides = Object.entries(opts.overrides).map(([code, level]) => ({
    descriptor: { id: code, ...(ruleIndex.has(code) ? { index: ruleIndex.get(code) } : {}) },
    configuration: level === 'off' ? { enabled: false } : { level: sarifLevel(level) },
  }));

  const log = {
    $schema: 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'nianbao',
            version: opts.version,
            semanticVersion: opts.version,
            informationUri: opts.informationUri,
            rules,
          },
        },
        invocations: [
          {
            executionSuccessful: opts.errors.length === 0,
            ...(overrides.length ? { ruleConfigurationOverrides: overrides } : {}),
            ...(opts.errors.length
              ? { toolExecutionNotifications: opts.errors.map((text) => ({ level: 'error', message: { text } })) }
              : {}),
          },
        ],
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(opts.cwd + path.sep).href } },
        artifacts,
        results: sarifResults,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
