// Writing back safely (node/src/write.ts, README.md "Limits"): a temporary file in the same folder
// renamed over the file; a file changed on disk since it was read is not overwritten.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeAtomic, WriteConflict } from '../../node/src/write';
import { fixture, nianbao, tempDir } from './cli-helpers';

test('writeAtomic replaces the file through a temporary file, keeps its mode, follows a link, leaves nothing behind', () => {
  const dir = tempDir('nianbao-write-');
  const file = path.join(dir, 'r.txt');
  fs.writeFileSync(file, 'old');
  fs.chmodSync(file, 0o640);
  const inode = fs.statSync(file).ino;
  writeAtomic(file, Buffer.from('new'), { expected: Buffer.from('old') });
  assert.equal(fs.readFileSync(file, 'utf8'), 'new');
  assert.equal(fs.statSync(file).mode & 0o777, 0o640);
  assert.notEqual(fs.statSync(file).ino, inode, 'renamed over, not written in place');
  const link = path.join(dir, 'link.txt');
  fs.symlinkSync(file, link);
  writeAtomic(link, Buffer.from('newer'));
  assert.ok(fs.lstatSync(link).isSymbolicLink(), 'the link stays a link');
  assert.equal(fs.readFileSync(file, 'utf8'), 'newer');
  assert.deepEqual(fs.readdirSync(dir).sort(), ['link.txt', 'r.txt']);
});

test('writeAtomic refuses a file changed (or removed) since it was read, and changes nothing', () => {
  const dir = tempDir('nianbao-write-');
  const file = path.join(dir, 'r.txt');
  fs.writeFileSync(file, 'changed by someone else');
  assert.throws(() => writeAtomic(file, Buffer.from('mine'), { expected: Buffer.from('what I read') }), WriteConflict);
  assert.equal(fs.readFileSync(file, 'utf8'), 'changed by someone else');
  fs.rmSync(file);
  assert.throws(() => writeAtomic(file, Buffer.from('mine'), { expected: Buffer.from('what I read') }), WriteConflict);
  assert.deepEqual(fs.readdirSync(dir), []);
});

test('writeAtomic: a failed write leaves the old file whole and no temporary file', () => {
  const dir = tempDir('nianbao-write-');
  const file = path.join(dir, 'r.txt');
  fs.writeFileSync(file, 'old');
  // Renaming a file over a directory fails after the temporary file was written.
  const target = path.join(dir, 'sub');
  fs.mkdirSync(target);
  fs.writeFileSync(path.join(target, 'x'), 'x');
  assert.throws(() => writeAtomic(target, Buffer.from('new')));
  assert.deepEqual(fs.readdirSync(dir).sort(), ['r.txt', 'sub']);
  assert.equal(fs.readFileSync(file, 'utf8'), 'old');
});

test('fix --write goes through writeAtomic: the fixed file, no temporary file left, the mode kept', () => {
  const dir = tempDir('nianbao-write-');
  const file = path.join(dir, 'wrong.txt');
  fs.writeFileSync(file, fixture('cli-wrong-total.txt'));
  fs.chmodSync(file, 0o604);
  const r = nianbao(['fix', '--write', file]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /wrong\.txt: 已修改 2 处/);
  assert.notEqual(fs.readFileSync(file, 'utf8'), fixture('cli-wrong-total.txt'));
  assert.equal(fs.statSync(file).mode & 0o777, 0o604);
  assert.deepEqual(fs.readdirSync(dir), ['wrong.txt']);
});

test('fix --write does not overwrite a file changed while nianbao worked on it: it says so, exit 2, the other files are written', async () => {
  // The file is changed between the read and the write by a preload that patches fs.readFileSync
  // (the read) to append to the file right after reading it: exactly the race a second editor makes.
  const dir = tempDir('nianbao-write-');
  const raced = path.join(dir, 'raced.txt');
  const other = path.join(dir, 'other.txt');
  fs.writeFileSync(raced, fixture('cli-wrong-total.txt'));
  fs.writeFileSync(other, fixture('cli-wrong-total.txt'));
  const preload = path.join(dir, 'race.cjs');
  fs.writeFileSync(
    preload,
    `const fs = require('fs'); const orig = fs.readFileSync; let done = false;
fs.readFileSync = function (p, ...rest) {
  const out = orig.call(this, p, ...rest);
  if (!done && typeof p === 'string' && p.endsWith('raced.txt')) { done = true; fs.appendFileSync(p, '\\n编辑器里刚加的一行\\n'); }
  return out;
};`,
  );
  const r = nianbao(['fix', '--write', raced, other], { nodeOptions: ['--require', preload] });
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /raced\.txt: 文件在读取之后已被修改，未覆盖/);
  assert.ok(fs.readFileSync(raced, 'utf8').endsWith('编辑器里刚加的一行\n'), 'the other editor\'s change is kept');
  assert.notEqual(fs.readFileSync(other, 'utf8'), fixture('cli-wrong-total.txt'), 'the other file was fixed');
  assert.deepEqual(fs.readdirSync(dir).sort(), ['other.txt', 'race.cjs', 'raced.txt']);
});
