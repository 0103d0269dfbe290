// Results of pure readings of a piece of text, kept across parses. Editing one table cell leaves every
// sentence of the prose as it was, so re-checking the report after the edit finds their readings here
// instead of running the prose rules' patterns again (ARCHITECTURE.md, "Speed"). Keyed by what else the
// reading depends on (a short context string), then by the text itself. Bounded: cleared whole when
// full, which costs nothing per hit. The results are shared: callers never change them. A key is a
// copy of the text (recent.ts `detached`), not a slice that would keep the whole document alive.

import { detached } from './recent';

/** How many readings of each kind are kept; a report with more sentences reads them without the memo. */
export const MEMO_SIZE = 20_000;

export class TextMemo<T> {
  private readonly byContext = new Map<string, Map<string, T>>();
  private size = 0;

  constructor(private readonly limit: number) {}

  /** The reading kept for this text in this context, if any. */
  find(context: string, text: string): T | undefined {
    return this.byContext.get(context)?.get(text);
  }

  /**
   * Keep a reading (just computed, after `find` found none) and return it. Two calls rather than one
   * taking a callback: a callback would be a closure made for every sentence read.
   */
  keep(context: string, text: string, value: T): T {
    let map = this.byContext.get(context);
    if (this.size >= this.limit) {
      this.byContext.clear();
      this.size = 0;
      map = undefined;
    }
    if (!map) this.byContext.set(context, (map = new Map()));
    map.set(detached(text), value);
    this.size++;
    return value;
  }
}
