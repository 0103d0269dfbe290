// The extension-host suites' view of nianbao's diagnostics: those of one document, their codes, and a
// wait for them to reach a state (the server publishes them a moment after an edit or a setting).
import * as vscode from 'vscode';

/** The nianbao diagnostics of uri (other extensions' left out). */
export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'nianbao');
}

/** A diagnostic's rule code. */
export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

/** `code line:character message` of each diagnostic, for failure messages. */
export function described(ds: vscode.Diagnostic[]): string {
  return JSON.stringify(ds.map((d) => `${codeOf(d)} ${d.range.start.line}:${d.range.start.character} ${d.message}`));
}

/** Resolves with the nianbao diagnostics of uri as soon as they satisfy `ok`; rejects after timeoutMs, saying what it has. */
export function waitForDiagnostics(uri: vscode.Uri, ok: (d: vscode.Diagnostic[]) => boolean, what: string, timeoutMs: number): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const now = ours(uri);
    if (ok(now)) return resolve(now);
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${what}; have ${described(ours(uri))}`));
    }, timeoutMs);
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      const d = ours(uri);
      if (ok(d)) {
        clearTimeout(timer);
        sub.dispose();
        resolve(d);
      }
    });
  });
}
