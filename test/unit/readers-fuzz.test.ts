// Every reader against a few hundred hostile inputs with a fixed seed (test/fuzz/readers.ts; the long
// run is `npm run fuzz`, 10,000+ per reader): nothing but a clear refusal is thrown, no input hangs.
import { test } from 'node:test';
import * as fc from 'fast-check';
import { READERS } from '../fuzz/readers';

const RUNS = 200;
const SEED = 16;

for (const r of READERS) {
  test(`fuzz: the ${r.name} reader survives ${RUNS} hostile inputs (seed ${SEED})`, async () => {
    if (r.async) await fc.assert(fc.asyncProperty(r.input, async (i) => r.holds(i)), { seed: SEED, numRuns: RUNS });
    else fc.assert(fc.property(r.input, (i) => r.holds(i) as boolean), { seed: SEED, numRuns: RUNS });
  });
}
