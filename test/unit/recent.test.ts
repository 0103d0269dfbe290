// What the core keeps between calls (core/src/recent.ts, core/src/memo.ts): the recent-objects map
// keeps the newest entries by identity and drops the oldest; the memos keep copies of their keys,
// so a kept reading does not keep the document it was read from.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { RecentMap, detached } from '../../core/src/recent';
import { TextMemo } from '../../core/src/memo';

test('RecentMap: by identity, the newest entries kept, the oldest dropped first', () => {
  const m = new RecentMap<object, number>(2);
  const a = { n: 1 };
  const b = { n: 1 };
  const c = { n: 1 };
  m.set(a, 1);
  m.set(b, 2);
  assert.equal(m.get(a), 1);
  assert.equal(m.get({ n: 1 }), undefined, 'an equal object is another key');
  m.set(a, 10); // replaces, does not add
  m.set(c, 3); // drops a, the oldest entry
  assert.equal(m.get(a), undefined);
  assert.equal(m.get(b), 2);
  assert.equal(m.get(c), 3);
});

test('detached: the same text, and a memo keyed by slices does not keep the texts they were cut from', () => {
  const page = '本年度共收到政府信息公开申请23件，办结23件。'.repeat(3);
  assert.equal(detached(page.slice(5, 40)), page.slice(5, 40));
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const memo = new TextMemo<number>(1000);
  gc();
  const before = process.memoryUsage().heapUsed;
  // 40 documents of 2 MB each (4 MB as UTF-16): a key that kept its document would keep 160 MB.
  for (let i = 0; i < 40; i++) {
    const doc = `第${i}份：` + '申请人提出的政府信息公开申请均已按期答复。'.repeat(100_000);
    memo.keep('ctx', doc.slice(0, 60), i);
  }
  gc();
  const grown = (process.memoryUsage().heapUsed - before) / 1e6;
  assert.ok(grown < 40, `the memo kept ${grown.toFixed(0)} MB after 40 documents`);
  // The kept readings are still found by equal text.
  assert.equal(memo.find('ctx', `第7份：${'申请人提出的政府信息公开申请均已按期答复。'.repeat(3)}`.slice(0, 60)), 7);
  assert.equal(memo.find('other', `第7份：${'申请人提出的政府信息公开申请均已按期答复。'.repeat(3)}`.slice(0, 60)), undefined);
});

test('a report with more sentences than the memo holds is read without it, with the same findings', async () => {
  const { parse, check } = await import('../../core/src');
  const { proseSentences } = await import('../../core/src/rules/prose');
  const { MEMO_SIZE } = await import('../../core/src/memo');
  const { fixture } = await import('../helpers');
  const clean = fixture('clean-2021.txt');
  const said = '本年度新收政府信息公开申请53件';
  const wrong = clean.replace(said, '本年度新收政府信息公开申请54件');
  const filler = `\n${'本局持续做好政务公开工作。'.repeat(MEMO_SIZE + 1)}\n`;
  const grow = (text: string) => text.replace('本年度发生政府信息公开行政复议', `${filler}本年度发生政府信息公开行政复议`);
  for (const text of [clean, wrong]) {
    const big = parse(grow(text));
    const sentences = proseSentences(big);
    assert.ok(sentences.length > MEMO_SIZE && sentences.every((s) => !s.memo), 'read without the memo');
    assert.ok(proseSentences(parse(text)).every((s) => s.memo), 'a usual report is read with it');
    const codes = (r: ReturnType<typeof parse>) => check(r).map((p) => `${p.code}:${p.message}`);
    assert.deepEqual(codes(big), codes(parse(text)));
  }
  assert.ok(check(parse(grow(wrong))).some((p) => p.code === 'narrative-mismatch'), 'the wrong figure is found');
});
