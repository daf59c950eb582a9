/**
 * What a load's precise timer costs to start: a fresh worker thread against one a closed timer
 * gave back (precise-timer.ts keeps it). Alternates the two, `--rounds` times each, and prints the
 * medians with the load average. A fresh start is forced by holding every idle worker meanwhile.
 *
 *   npx tsx bench/timer-start.ts [--rounds 20]
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { parseWholeNumber } from '../src/core/whole-number.js';
import { startPreciseTimer, type PreciseTimer } from '../src/harness/runners/precise-timer.js';
import { flagsOrExit } from './flags-or-exit.js';

const rounds = flagsOrExit('timer-start', () => {
  const { values } = parseArgs({ options: { rounds: { type: 'string', default: '20' } } });
  return parseWholeNumber('--rounds', values.rounds, 1, 1000);
});

async function timedStart(): Promise<[number, PreciseTimer]> {
  const startedMs = performance.now();
  const timer = await startPreciseTimer(() => undefined);
  return [performance.now() - startedMs, timer];
}

const held: PreciseTimer[] = [];
const fresh: number[] = [];
const reused: number[] = [];
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
for (let round = 0; round < rounds; round += 1) {
  // Reused: the worker the previous close gave back.
  const [warmMs, warm] = await timedStart();
  if (round > 0) reused.push(warmMs);
  // Fresh: `warm` holds the only idle worker and the earlier fresh ones stay held, so this start
  // makes a thread.
  const [coldMs, cold] = await timedStart();
  fresh.push(coldMs);
  held.push(cold);
  await warm.close();
}
for (const timer of held) await timer.close();
console.log(
  `timer start, median of ${rounds}: fresh worker ${median(fresh).toFixed(2)} ms, reused ${median(reused).toFixed(3)} ms (load average ${loadavg()
    .map((value) => value.toFixed(2))
    .join(', ')})`,
);
