/**
 * The micro-benchmark suite `referral-bench run --with-micro` takes: every bench/*.bench.ts file's
 * tasks on one tinybench Bench, sharing a time budget. The harness runs it as a child process
 * (`tsx bench/micro-suite.ts --budget-ms N`), alone on a quiet machine, and reads one JSON line
 * per task from stdout as each finishes (see src/harness/run/micro-benchmarks.ts).
 */
import { parseArgs } from 'node:util';
import { Bench, type Task } from 'tinybench';
import { latencyHistogramTasks } from './latency-histogram.bench.js';
import { isMain, type MicroTask } from './micro-task.js';
import type { MicroLine } from '../src/harness/run/micro-benchmarks.js';
import { pointsFormulaTasks } from './points-formula.bench.js';
import { prngTasks } from './prng.bench.js';
import { routeRequestTasks } from './route-requests.bench.js';
import { seedGenerationTasks } from './seed-generation.bench.js';
import { tokenVerificationTasks } from './token-verification.bench.js';
import { parseWholeNumber } from '../src/core/whole-number.js';
import { flagsOrExit } from './flags-or-exit.js';

/** Each file's tasks by the file's name. Seed generation at the smallest data-volume size: its setup fits a budget. */
export const microSuites: Readonly<Record<string, () => MicroTask[]>> = Object.freeze({
  'latency-histogram': latencyHistogramTasks,
  'points-formula': pointsFormulaTasks,
  prng: prngTasks,
  'route-requests': routeRequestTasks,
  'token-verification': tokenVerificationTasks,
  'seed-generation': () => seedGenerationTasks(10_000),
});

/** No task is timed for less than this, however small the budget: below it the warm-up alone decides. */
const shortestTaskMs = 20;
/** Of each task's time, the share spent warming up before it is timed. */
const warmupShare = 0.25;

function lineOf(suite: string, task: Task): MicroLine | undefined {
  const result = task.result;
  if (result.state === 'errored') return { state: 'errored', suite, name: task.name, error: result.error.message };
  if (result.state !== 'completed') return undefined;
  const samples = result.latency.samplesCount;
  return {
    state: 'completed',
    suite,
    name: task.name,
    opsPerSecond: result.throughput.mean,
    meanMs: result.latency.mean,
    // One sample has no interval: tinybench reports 0, which would read as no error at all.
    ...(samples >= 2 && Number.isFinite(result.latency.rme) && { marginPct: result.latency.rme }),
    samples,
  };
}

/**
 * Builds every suite's tasks (their setup comes out of the budget), splits what is left evenly
 * among the tasks, times them in turn and hands each task's line to `emit` as it finishes.
 */
export async function runMicroSuite(budgetMs: number, emit: (line: MicroLine) => void): Promise<void> {
  const startedMs = performance.now();
  const tasks = Object.entries(microSuites).flatMap(([suite, make]) => make().map((task) => ({ suite, task })));
  const leftMs = budgetMs - (performance.now() - startedMs);
  const timeMs = Math.max(shortestTaskMs, leftMs / tasks.length / (1 + warmupShare));
  const bench = new Bench({ time: timeMs, warmupTime: timeMs * warmupShare, iterations: 2, warmupIterations: 1 });
  const suiteOf = new Map<string, string>();
  for (const { suite, task } of tasks) {
    const name = `${suite}: ${task.name}`;
    suiteOf.set(name, suite);
    bench.add(name, task.fn);
  }
  const emitted = new Set<string>();
  const emitTask = (task: Task) => {
    const line = emitted.has(task.name) ? undefined : lineOf(suiteOf.get(task.name) ?? '', task);
    if (line === undefined) return;
    emitted.add(task.name);
    emit({ ...line, name: line.name.slice(line.suite.length + 2) });
  };
  bench.addEventListener('cycle', (event) => emitTask(event.task));
  await bench.run();
  for (const task of bench.tasks) emitTask(task);
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({ options: { 'budget-ms': { type: 'string', default: '60000' } } });
  const budgetMs = flagsOrExit('micro-suite', () => parseWholeNumber('--budget-ms', values['budget-ms'], 1, 3_600_000));
  await runMicroSuite(budgetMs, (line) => {
    process.stdout.write(`${JSON.stringify(line)}\n`);
  });
}
