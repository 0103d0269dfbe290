// Two helpers for what the core keeps between calls without keeping more than it means to
// (ARCHITECTURE.md, "Speed" and "Memory").

/**
 * Data derived from one parse (a report's lines, a table's cells by key, its arithmetic), kept for
 * the few objects most recently asked about, by identity: the rules of one check ask about the same
 * report and tables again and again, and nothing asks about last edit's report once the next one is
 * read. Not a WeakMap: a long-lived WeakMap's entries hold their values through every young-generation
 * collection, so each parse's derived data survived the quick collections, was copied and promoted,
 * and only a full collection freed it; in the language server that made one edit in ten pause.
 */
export class RecentMap<K extends object, V> {
  private readonly keys: K[] = [];
  private readonly values: V[] = [];

  constructor(private readonly size: number) {}

  get(key: K): V | undefined {
    const i = this.keys.lastIndexOf(key);
    return i === -1 ? undefined : this.values[i];
  }

  set(key: K, value: V): void {
    const i = this.keys.lastIndexOf(key);
    if (i !== -1) {
      this.values[i] = value;
      return;
    }
    if (this.keys.length >= this.size) {
      this.keys.shift();
      this.values.shift();
    }
    this.keys.push(key);
    this.values.push(value);
  }
}

/**
 * A copy of a string that does not hold on to the text it was cut from. A piece sliced from a report
 * (a sentence, a label) keeps the whole text alive while it is kept; the memos key their readings by
 * such pieces across edits, and would otherwise keep one copy of the document per edited sentence.
 */
export function detached(s: string): string {
  return (' ' + s).slice(1);
}
