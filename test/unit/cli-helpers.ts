// Shared helpers of the CLI tests: run the built command (`node bin/nianbao.js …`) as a child
// process from the repository root, and find the fixtures. The bundle must have been built
// (`npm test` runs `npm run build` first).

import { spawnSync } from 'node:child_process';
import type { SpawnSyncOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Repository root: this file runs from out/test/unit/. */
export const ROOT = path.resolve(__dirname, '../../..');
export const BIN = path.join(ROOT, 'bin', 'nianbao.js');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures');
export const SEEDS = path.resolve(ROOT, '..', 'shared', 'seeds');

export interface RunResult {
  status: number | null;
  stdout: string;
  stdoutBytes: Buffer;
  stderr: string;
  ms: number;
}

export interface RunOptions {
  input?: string | Buffer;
  cwd?: string;
  uid?: number;
  gid?: number;
  timeoutMs?: number;
  /** Another copy of bin/nianbao.js to run (e.g. one another user can read). */
  bin?: string;
  /** Options for node itself, before the script (e.g. `--require preload.cjs`). */
  nodeOptions?: string[];
  /** More environment variables. */
  env?: Record<string, string>;
}

export function nianbao(args: string[], opts: RunOptions = {}): RunResult {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'cli.js'))) {
    throw new Error('dist/cli.js is missing: run `npm run build` before the CLI tests (npm test does)');
  }
  const spawnOpts: SpawnSyncOptions = {
    cwd: opts.cwd ?? ROOT,
    input: opts.input ?? '',
    maxBuffer: 256 * 1024 * 1024,
    timeout: opts.timeoutMs ?? 60_000,
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
  };
  if (opts.uid !== undefined) spawnOpts.uid = opts.uid;
  if (opts.gid !== undefined) spawnOpts.gid = opts.gid;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [...(opts.nodeOptions ?? []), opts.bin ?? BIN, ...args], spawnOpts);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  // A run killed by the timeout comes back with status null (the test then fails on the status).
  if (r.error && (r.error as NodeJS.ErrnoException).code !== 'ETIMEDOUT') throw r.error;
  const out = r.stdout as Buffer;
  return { status: r.status, stdout: out?.toString('utf8') ?? '', stdoutBytes: out ?? Buffer.alloc(0), stderr: (r.stderr as Buffer | null)?.toString('utf8') ?? '', ms };
}

export function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

export function fixturePath(name: string): string {
  return path.join('test', 'fixtures', name);
}

/** A fresh temporary directory, removed when the process exits. */
export function tempDir(prefix = 'nianbao-cli-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  process.on('exit', () => {
    try {
      fs.chmodSync(dir, 0o700);
      fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // best effort
    }
  });
  return dir;
}

/** Lines (1-based numbers) where two texts of the same line count differ. */
export function differingLines(a: string, b: string): number[] {
  const la = a.split('\n');
  const lb = b.split('\n');
  const out: number[] = [];
  for (let i = 0; i < Math.max(la.length, lb.length); i++) if (la[i] !== lb[i]) out.push(i + 1);
  return out;
}

/** 1-based UTF-16 column of the first digit on a line. */
export function firstDigitColumn(line: string): number {
  const i = line.search(/[0-9０-９]/);
  if (i < 0) throw new Error(`no digit on line ${JSON.stringify(line)}`);
  return i + 1;
}

/** One text diagnostic line: `path:line:column  severity  message  [code]`. */
export const TEXT_LINE = /^(.+):(\d+):(\d+)  (error|warning|info)  (.+)  \[([a-z-]+)\]$/;
export const SUMMARY_LINE = /^(\d+) 个问题（(\d+) 个错误，(\d+) 个警告，(\d+) 个提示），共检查 (\d+) 个文件$/;

export function textDiagnostics(stdout: string): { path: string; line: number; column: number; severity: string; message: string; code: string }[] {
  const lines = stdout.split('\n').filter((l) => l !== '');
  return lines.slice(0, -1).map((l) => {
    const m = TEXT_LINE.exec(l);
    if (!m) throw new Error(`not a diagnostic line: ${JSON.stringify(l)}`);
    return { path: m[1], line: Number(m[2]), column: Number(m[3]), severity: m[4], message: m[5], code: m[6] };
  });
}
