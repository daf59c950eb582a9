/** The run's micro-benchmarks as the reports print them: one line on how the suite ended, then a row per task. */
import type { MicroBenchmarks } from '../result/micro-benchmarks.schema.js';
import type { RunResult } from '../result/run-result.schema.js';
import { formatNumber } from './format.js';

export const microColumns = ['Task', 'ops/s', 'Mean', '± (95%)', 'Samples'] as const;

export interface MicroTable {
  /** How the suite ended, against its budget, and any task that threw. */
  readonly lines: readonly string[];
  /** One per task timed, in microColumns' order. */
  readonly rows: readonly (readonly string[])[];
}

/** A call's time in the unit that keeps it readable: '28.2 ms', '10.6 µs', '457 ns'. */
export function formatCallTime(ms: number): string {
  if (ms >= 1) return `${formatNumber(ms)} ms`;
  if (ms >= 0.001) return `${formatNumber(ms * 1000)} µs`;
  return `${formatNumber(ms * 1_000_000)} ns`;
}

const endings: Readonly<Record<MicroBenchmarks['state'], string>> = {
  completed: 'every task timed',
  'timed-out': 'stopped at its deadline',
  errored: 'did not run',
  interrupted: 'stopped with the run',
};

/** The table, or undefined when the run took no micro-benchmarks. */
export function microTable(result: RunResult): MicroTable | undefined {
  const micro = result.micro;
  if (micro === undefined) return undefined;
  const lines = [
    `tinybench suite of bench/, in a child process before the scenarios: ${endings[micro.state]}, ${micro.tasks.length} tasks in ${formatNumber(micro.durationMs / 1000)} s ` +
      `(budget ${formatNumber(micro.budgetMs / 1000)} s)${micro.reason ? `: ${micro.reason}` : ''}. Each figure is for this machine and this run only.`,
    ...(micro.failed ?? []).map((task) => `${task.suite}: ${task.name} threw: ${task.error}`),
  ];
  const rows = micro.tasks.map((task) => [
    `${task.suite}: ${task.name}`,
    formatNumber(task.opsPerSecond),
    formatCallTime(task.meanMs),
    task.marginPct === undefined ? '-' : `±${formatNumber(task.marginPct)}%`,
    String(task.samples),
  ]);
  return { lines, rows };
}
