// The long randomized run of issue 6: the properties of test/fuzz/props.ts over many generated
// inputs (mutated fixture reports, random strings, "report soup"), then each reader of
// test/fuzz/readers.ts over its hostile inputs (pages, file bytes in mixed encodings, Word files).
//
//   npm run fuzz -- --runs 100000 [--reader report|html|file|docx|crawler|pdf] [--seed 1] [--workers 2] [--time 600] [--path 12:3:4]
//
// --reader R   only this one (default: every one, one after the other, --runs inputs each; a
//              summary of inputs, seconds and rate per reader is printed at the end)
// --runs N     how many inputs per reader (split over the workers)
// --seed S     base seed; worker w uses seed S+w (printed, so a failure replays)
// --workers W  worker threads (default: 2, at most the CPU count)
// --time T     stop each worker of each reader after T seconds (what ran is reported)
// --path P     replay one failure: with the failing worker's seed, one worker, fast-check's path
// --keep-going after a failure, a worker goes on with a new seed (seed + workers) for the rest of
//              its runs, so one run reports every failure it meets (each with its own seed and path)
//
// Prints how many inputs it tried and what it found; exits 1 on a failure, printing the seed, the
// path and the shrunk input (also written to out/fuzz-failure-<seed>.txt).

import * as fc from 'fast-check';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { anyInput, holds, ROOT } from './props';
import { READERS } from './readers';

interface Job {
  /** 'report' (props.ts) or the name of one of READERS. */
  reader: string;
  seed: number;
  runs: number;
  path?: string;
  timeMs?: number;
  /** After a failure, go on with seed + stride for the remaining runs. */
  keepGoing?: boolean;
  stride: number;
}

type FromWorker =
  | { kind: 'progress'; seed: number; done: number }
  | { kind: 'done'; seed: number; runs: number; failed: boolean; interrupted: boolean; counterexample?: string | Uint8Array; path?: string; error?: string; shrinks?: number; last?: boolean };

async function runJob(job: Job): Promise<void> {
  let done = 0;
  const deadline = job.timeMs ? Date.now() + job.timeMs : undefined;
  let remaining = job.runs;
  for (let seed = job.seed; remaining > 0; seed += job.stride) {
    const reader = READERS.find((r) => r.name === job.reader);
    const tick = () => {
      done++;
      if (done % 100 === 0) parentPort!.postMessage({ kind: 'progress', seed: job.seed, done } satisfies FromWorker);
    };
    const holdsOf = reader?.holds as ((i: unknown) => boolean | Promise<boolean>) | undefined;
    const prop = reader
      ? reader.async
        ? fc.asyncProperty(reader.input as fc.Arbitrary<unknown>, async (input) => {
            tick();
            return holdsOf!(input);
          })
        : fc.property(reader.input as fc.Arbitrary<unknown>, (input) => {
            tick();
            return holdsOf!(input) as boolean;
          })
      : fc.property(anyInput, (text) => {
          tick();
          return holds(text);
        });
    const shown = (x: unknown): string | Uint8Array => (reader ? (reader.show as (i: unknown) => string | Uint8Array)(x) : (x as string));
    const d = await fc.check(prop as fc.IAsyncProperty<[unknown]>, {
      seed,
      numRuns: remaining,
      path: job.path,
      interruptAfterTimeLimit: deadline ? Math.max(1, deadline - Date.now()) : undefined,
      markInterruptAsFailure: false,
    });
    remaining -= d.numRuns;
    parentPort!.postMessage({
      kind: 'done',
      seed,
      runs: d.numRuns,
      failed: d.failed,
      interrupted: d.interrupted,
      counterexample: d.failed && d.counterexample ? shown(d.counterexample[0]) : undefined,
      path: d.counterexamplePath ?? undefined,
      error: d.failed ? String((d.errorInstance as Error | undefined)?.message ?? d.errorInstance) : undefined,
      shrinks: d.numShrinks,
      last: !(d.failed && job.keepGoing && remaining > 0 && !d.interrupted && !job.path),
    } satisfies FromWorker);
    if (!d.failed || !job.keepGoing || d.interrupted || job.path) break;
  }
}

function arg(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  if (i !== -1) return argv[i + 1];
  const eq = argv.find((a) => a.startsWith(`--${name}=`));
  return eq?.slice(name.length + 3);
}

function intArg(argv: string[], name: string, dflt: number): number {
  const v = arg(argv, name);
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} wants a non-negative integer, got ${v}`);
    process.exit(2);
  }
  return n;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const names = ['report', ...READERS.map((r) => r.name)];
  const only = arg(argv, 'reader');
  if (only !== undefined && !names.includes(only)) {
    console.error(`--reader wants one of ${names.join(', ')}, got ${only}`);
    process.exit(2);
  }
  const summary: Summary[] = [];
  for (const reader of only ? [only] : names) {
    console.log(`fuzz: reader ${reader}`);
    summary.push(await fuzzOne(argv, reader));
  }
  // What the run covered, reader by reader (README.md "Limits", "Fuzzing").
  console.log('fuzz: summary (reader, inputs, seconds, inputs/s, result)');
  for (const s of summary) {
    console.log(`  ${s.reader.padEnd(8)} ${String(s.tried).padStart(8)} ${s.seconds.toFixed(1).padStart(8)} s ${(s.tried / Math.max(s.seconds, 0.001)).toFixed(0).padStart(7)}/s  ${s.result}`);
  }
}

interface Summary {
  reader: string;
  tried: number;
  seconds: number;
  result: string;
}

/** No message from a worker for this long: it is stuck in one input (a hang), reported as a failure. */
const STUCK_MS = 5 * 60_000;

async function fuzzOne(argv: string[], reader: string): Promise<Summary> {
  const runs = intArg(argv, 'runs', 10_000);
  const seed = intArg(argv, 'seed', 1);
  const replay = arg(argv, 'path');
  const timeS = intArg(argv, 'time', 0);
  const keepGoing = argv.includes('--keep-going');
  const workers = replay ? 1 : Math.max(1, Math.min(intArg(argv, 'workers', 2), availableParallelism(), runs || 1));
  console.log(
    `fuzz: ${runs} inputs, seed ${seed}${workers > 1 ? `..${seed + workers - 1}` : ''}, ${workers} worker(s)` +
      `${timeS ? `, at most ${timeS} s` : ''}${replay ? `, replaying path ${replay}` : ''}`,
  );
  const started = Date.now();
  const progress = new Map<number, number>();
  let lastPrint = 0;
  const results: Extract<FromWorker, { kind: 'done' }>[] = [];
  const threads: Worker[] = [];
  await new Promise<void>((resolve) => {
    let pending = workers;
    for (let w = 0; w < workers; w++) {
      const job: Job = {
        reader,
        seed: seed + w,
        runs: Math.floor(runs / workers) + (w < runs % workers ? 1 : 0),
        path: replay,
        timeMs: timeS ? timeS * 1000 : undefined,
        keepGoing,
        stride: workers,
      };
      const worker = new Worker(__filename, { workerData: job });
      threads.push(worker);
      let heard = Date.now();
      const watchdog = setInterval(() => {
        if (Date.now() - heard < STUCK_MS) return;
        results.push({ kind: 'done', seed: job.seed, runs: progress.get(job.seed) ?? 0, failed: true, interrupted: false, error: `no progress for ${STUCK_MS / 1000} s: an input hangs (seed ${job.seed})` });
        void worker.terminate();
      }, 5000);
      worker.on('exit', () => clearInterval(watchdog));
      worker.on('message', (m: FromWorker) => {
        heard = Date.now();
        if (m.kind === 'progress') {
          progress.set(m.seed, m.done);
          const total = [...progress.values()].reduce((a, b) => a + b, 0);
          if (Date.now() - lastPrint > 10_000) {
            lastPrint = Date.now();
            console.log(`  ${total} inputs tried, ${((Date.now() - started) / 1000).toFixed(0)} s`);
          }
          return;
        }
        results.push(m);
        if (m.failed && !keepGoing) for (const t of threads) if (t !== worker) void t.terminate();
      });
      worker.on('error', (e) => {
        results.push({ kind: 'done', seed: job.seed, runs: progress.get(job.seed) ?? 0, failed: true, interrupted: false, error: `worker crashed: ${e.stack}` });
      });
      worker.on('exit', () => {
        if (!results.some((r) => (r.seed - job.seed) % workers === 0 && r.seed >= job.seed)) {
          // Terminated after another worker failed: count what it had done.
          results.push({ kind: 'done', seed: job.seed, runs: progress.get(job.seed) ?? 0, failed: false, interrupted: true });
        }
        if (--pending === 0) resolve();
      });
    }
  });

  const seconds = (Date.now() - started) / 1000;
  const tried = results.reduce((a, r) => a + r.runs, 0);
  const failures = results.filter((r) => r.failed);
  console.log(`fuzz: tried ${tried} inputs in ${seconds.toFixed(1)} s (${(tried / seconds).toFixed(0)}/s)`);
  if (!failures.length) {
    const cut = results.some((r) => r.interrupted) ? ' (stopped by --time before all runs)' : '';
    console.log(`fuzz: found nothing${cut}`);
    return { reader, tried, seconds, result: `found nothing${cut}` };
  }
  for (const f of failures) {
    console.log(`fuzz: FAILURE after ${f.runs} inputs with seed ${f.seed}${f.shrinks !== undefined ? `, shrunk ${f.shrinks} times` : ''}`);
    console.log(`  ${f.error ?? ''}`);
    if (f.counterexample !== undefined) {
      const dir = path.join(ROOT, 'out');
      mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `fuzz-failure-${reader}-${f.seed}.${typeof f.counterexample === 'string' ? 'txt' : 'bin'}`);
      writeFileSync(file, f.counterexample);
      const shown = typeof f.counterexample === 'string' ? JSON.stringify(f.counterexample) : `${f.counterexample.length} bytes`;
      console.log(`  input (${f.counterexample.length} chars, written to ${path.relative(ROOT, file)}):`);
      console.log(`  ${shown.length > 2000 ? `${shown.slice(0, 2000)}…` : shown}`);
    }
    if (f.path) console.log(`  replay: npm run fuzz -- --reader ${reader} --seed ${f.seed} --workers 1 --runs ${runs} --path ${f.path}`);
  }
  process.exitCode = 1;
  return { reader, tried, seconds, result: `${failures.length} FAILURE(S)` };
}

if (isMainThread) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
} else {
  void runJob(workerData as Job);
}
