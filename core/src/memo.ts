// Results of pure readings of a piece of text, kept across parses. Editing one table cell leaves every
// sentence of the prose as it was, so re-checking the report after the edit finds their readings here
// instead of running the prose rules' patterns again (ARCHITECTURE.md, "Speed"). Bounded: cleared whole
// when full, which costs nothing per hit. The results are shared: callers never change them.

export class TextMemo<T> {
  private readonly map = new Map<string, T>();

  constructor(private readonly limit: number) {}

  get(key: string, compute: () => T): T {
    let value = this.map.get(key);
    if (value === undefined) {
      value = compute();
      if (this.map.size >= this.limit) this.map.clear();
      this.map.set(key, value);
    }
    return value;
  }
}
