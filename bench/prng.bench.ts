/** Cost of the seeded PRNG and weighted journey picks the runners draw from (`npx tsx bench/prng.bench.ts`). */
import { Bench } from 'tinybench';
import { createPrng, pickWeighted } from '../src/harness/runners/prng.js';
import { scenario } from '../scenarios/concurrent-users.scenario.js';

const prng = createPrng(1);
const journey = scenario.journey;
const bench = new Bench({ time: 1000 });
bench
  .add('1k PRNG draws', () => { for (let i = 0; i < 1000; i += 1) prng(); })
  .add('1k weighted journey picks', () => { for (let i = 0; i < 1000; i += 1) pickWeighted(journey, prng); });
await bench.run();
console.table(bench.table());
