/** Cost of the seeded PRNG and weighted journey picks the runners draw from (`npx tsx bench/prng.bench.ts`). */
import { createPrng, pickWeighted } from '../src/core/prng-function.js';
import { scenario } from '../scenarios/concurrent-users.scenario.js';
import { isMain, printBench, type MicroTask } from './micro-task.js';

export function prngTasks(): MicroTask[] {
  const prng = createPrng(1);
  const journey = scenario.journey;
  return [
    {
      name: '1k PRNG draws',
      fn: () => {
        let last = 0;
        for (let i = 0; i < 1000; i += 1) last = prng();
        return last;
      },
    },
    {
      name: '1k weighted journey picks',
      fn: () => {
        let last;
        for (let i = 0; i < 1000; i += 1) last = pickWeighted(journey, prng);
        return last;
      },
    },
  ];
}

if (isMain(import.meta.url)) await printBench(prngTasks(), { time: 1000 });
