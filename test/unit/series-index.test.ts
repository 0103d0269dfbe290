// The language server's index of the workspace's reports (server/src/series-index.ts): a report's
// series is found by its key, and stays right as reports are renamed in the editor, closed again,
// and deleted on disk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { readText } from '../../core/src';
import { SeriesIndex } from '../../server/src/series-index';
import { FIXTURES } from '../helpers';

test('the index finds a series by key, through an agency renamed in the editor, a close and a deletion', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-index-'));
  try {
    for (const y of [2021, 2022]) fs.copyFileSync(path.join(FIXTURES, 'series', `songling-${y}.txt`), path.join(dir, `songling-${y}.txt`));
    let changes = 0;
    const index = new SeriesIndex(() => ({}), () => changes++);
    await index.start([dir], [{}]);
    const uri = (y: number) => pathToFileURL(path.join(dir, `songling-${y}.txt`)).href;
    const names = (key: string | null) => (key === null ? [] : index.membersOf(key, 'none').map((m) => m.name).sort());
    const key = index.entry(uri(2022))!.member.key;
    assert.ok(key);
    assert.deepEqual(names(key), ['songling-2021.txt', 'songling-2022.txt']);
    assert.deepEqual(index.membersOf(key, uri(2021)).map((m) => m.name), ['songling-2022.txt'], 'but the one asked about');

    // 2022 renamed in the editor: it leaves the series and forms its own.
    const renamed = fs.readFileSync(path.join(dir, 'songling-2022.txt'), 'utf8').replace('青禾市松岭县林业局2022', '青禾市松岭县水利局2022');
    index.setOpen(uri(2022), renamed, readText(renamed));
    const other = index.entry(uri(2022))!.member.key;
    assert.notEqual(other, key);
    assert.deepEqual(names(key), ['songling-2021.txt']);
    assert.deepEqual(names(other), ['songling-2022.txt']);

    // Closed unsaved: the file on disk stands for it again.
    index.closeOpen(uri(2022));
    assert.deepEqual(names(key), ['songling-2021.txt', 'songling-2022.txt']);
    assert.deepEqual(names(other), []);

    // 2021 deleted on disk.
    fs.rmSync(path.join(dir, 'songling-2021.txt'));
    const before = changes;
    index.fileChanged(uri(2021));
    assert.deepEqual(names(key), ['songling-2022.txt']);
    assert.equal(index.size, 1);
    assert.ok(changes > before, 'the other reports are told');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
