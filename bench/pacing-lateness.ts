/**
 * How late the open model's sends leave: the same Poisson schedule (300 arrivals/s by default)
 * paced by setTimeout, the way the runner used to, and by the precise timer it uses now; prints
 * the lateness (actual wake minus intended time) percentiles and the CPU each spent. Not a test.
 *
 *   npx tsx bench/pacing-lateness.ts [rate] [arrivals]
 */
import { startPreciseTimer } from '../src/harness/runners/precise-timer.js';
import { parseWholeNumber } from '../src/core/whole-number.js';
import { flagsOrExit } from './flags-or-exit.js';

const [rate, arrivals] = flagsOrExit('pacing-lateness', () => [
  parseWholeNumber('[rate]', process.argv[2] ?? 300, 1, 100_000),
  parseWholeNumber('[arrivals]', process.argv[3] ?? 3000, 1, 10_000_000),
]);
const meanGapMs = 1000 / rate;
const gap = () => -Math.log(1 - Math.random()) * meanGapMs;

/**
 * Runs the schedule through `pace`, whose `wake(now)` records the arrivals due by `now` and
 * returns the next intended time, or undefined once all are in.
 */
async function measure(
  pace: (wake: (now: number) => number | undefined) => Promise<void>,
): Promise<{ late: number[]; cpuMs: number }> {
  const late: number[] = [];
  let next = performance.now() + 20;
  const cpu = process.cpuUsage();
  await pace((now) => {
    while (next <= now) {
      late.push(now - next);
      if (late.length >= arrivals) return undefined;
      next += gap();
    }
    return next;
  });
  const used = process.cpuUsage(cpu);
  return { late, cpuMs: (used.user + used.system) / 1000 };
}

const viaTimeout = () =>
  measure(
    (wake) =>
      new Promise<void>((done) => {
        const tick = () => {
          const next = wake(performance.now());
          if (next === undefined) done();
          else setTimeout(tick, Math.max(1, Math.ceil(next - performance.now())));
        };
        setTimeout(tick, 20);
      }),
  );

const viaPreciseTimer = () =>
  measure(async (wake) => {
    let done: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => {
      done = resolve;
    });
    const timer = await startPreciseTimer(() => {
      const next = wake(performance.now());
      if (next === undefined) done();
      else timer.wakeAt(next);
    });
    timer.wakeAt(performance.now() + 20);
    await finished;
    await timer.close();
  });

const percentile = (values: readonly number[], p: number): string => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!.toFixed(3);
};
const print = (name: string, r: { late: number[]; cpuMs: number }) =>
  console.log(
    `${name.padEnd(14)} lateness p50 ${percentile(r.late, 0.5)} ms, p95 ${percentile(r.late, 0.95)} ms, p99 ${percentile(r.late, 0.99)} ms; CPU ${r.cpuMs.toFixed(0)} ms`,
  );

console.log(`${arrivals} Poisson arrivals at ${rate}/s, each paced two ways`);
print('setTimeout', await viaTimeout());
print('precise timer', await viaPreciseTimer());
