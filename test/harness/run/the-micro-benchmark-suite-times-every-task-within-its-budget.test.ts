import { describe, expect, it } from 'vitest';
import { microSuites } from '../../../bench/micro-suite.js';
import { runMicroBenchmarks } from '../../../src/harness/run/micro-benchmarks.js';

describe('the micro-benchmark suite, run as a child process', () => {
  it('times every task of every bench/ file at a two-second budget, each with ops/s > 0, well within twenty seconds', async () => {
    const micro = await runMicroBenchmarks({ budgetMs: 2000 });
    expect(micro).toMatchObject({ state: 'completed', budgetMs: 2000 });
    expect(micro.failed).toBeUndefined();
    expect(micro.durationMs).toBeLessThan(20_000);
    expect(new Set(micro.tasks.map((task) => task.suite))).toEqual(new Set(Object.keys(microSuites)));
    for (const task of micro.tasks) {
      expect({ task: task.name, timed: task.opsPerSecond > 0 && task.meanMs > 0 && task.samples >= 1 }).toEqual({
        task: task.name,
        timed: true,
      });
    }
  }, 30_000);

  it('is killed at its deadline and says so, keeping what it timed', async () => {
    const micro = await runMicroBenchmarks({ budgetMs: 500, startupMs: 0 });
    expect(micro.state).toBe('timed-out');
    expect(micro.reason).toMatch(/budget 0\.5 s/);
    expect(micro.durationMs).toBeLessThan(5000);
  });

  it('stops at once when the run is stopped', async () => {
    const micro = await runMicroBenchmarks({ budgetMs: 2000, signal: AbortSignal.abort() });
    expect(micro.state).toBe('interrupted');
  });
});
