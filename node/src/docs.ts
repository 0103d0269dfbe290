// Where a rule's documentation is, for the CLI (explain, SARIF helpUri) and the server (diagnostic
// links). A rule's metadata names its page (RuleMeta.docs): a URL, or a path relative to the package
// root for the pages that ship with nianbao, which works offline.

import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { RULES, type RuleMeta } from '../../core/src';

/** The installed package: dist/ holds the bundles, docs/ the pages. In a bundle __dirname is dist/. */
export const PACKAGE_ROOT = path.join(__dirname, '..');

const isUrl = (s: string): boolean => /^[a-z][a-z0-9+.-]+:/i.test(s);

/** The file of a shipped page, or null when the rule documents itself with a URL. */
export function docsFile(meta: Pick<RuleMeta, 'docs'>, root: string = PACKAGE_ROOT): string | null {
  return !meta.docs || isUrl(meta.docs) ? null : path.join(root, meta.docs);
}

/** The link for a rule's page: its URL, or a file: URL to the shipped page; undefined when it has none. */
export function docsHref(meta: Pick<RuleMeta, 'docs'>, root: string = PACKAGE_ROOT): string | undefined {
  if (!meta.docs) return undefined;
  return isUrl(meta.docs) ? meta.docs : pathToFileURL(path.join(root, meta.docs)).href;
}

/** The metadata of a built-in rule by code. */
export function builtinRule(code: string): RuleMeta | undefined {
  return RULES.find((r) => r.code === code);
}
