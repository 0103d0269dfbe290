// The editable draft of a Word report (导入 Word 年报, README.md "VS Code extension"): the text the
// Word reader read, as Markdown with pipe tables (a `| --- |` line under each table's first row, so
// the draft shows as tables in any Markdown preview). The parser reads the separator as nothing, so
// the draft checks the same as the Word file; a blank cell the reader read as 0 is written as 0.
import type { Reading } from '../source-map';

export function draftOf(reading: Reading): string {
  const lines = reading.text.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    out.push(line);
    const first = line.startsWith('|') && !(lines[i - 1] ?? '').startsWith('|');
    if (first) {
      const cells = line.split('|').length - 2;
      out.push('|' + ' --- |'.repeat(Math.max(1, cells)));
    }
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n');
}
