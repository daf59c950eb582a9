/**
 * The shape every tinybench micro-benchmark file (bench/*.bench.ts) exports its tasks in, so the
 * run's suite (bench/micro-suite.ts) and the file's own script time the same functions.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Bench, type BenchOptions } from 'tinybench';

export interface MicroTask {
  readonly name: string;
  /** The timed call. It returns what it computed, so the work cannot be optimized away. */
  readonly fn: () => unknown;
}

/** Whether the module at `moduleUrl` is the script node was started with (`npx tsx bench/<name>.bench.ts`). */
export function isMain(moduleUrl: string): boolean {
  const script = process.argv[1];
  return script !== undefined && resolve(script) === fileURLToPath(moduleUrl);
}

/** Times `tasks` on a Bench of their own and prints tinybench's table: a file run alone. */
export async function printBench(tasks: readonly MicroTask[], options: BenchOptions = {}): Promise<void> {
  const bench = new Bench(options);
  for (const task of tasks) bench.add(task.name, task.fn);
  await bench.run();
  console.table(bench.table());
}
