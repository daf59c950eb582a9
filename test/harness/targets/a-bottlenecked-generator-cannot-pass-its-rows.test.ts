import { describe, expect, it } from 'vitest';
import { judgeRun } from '../../../src/harness/targets/judge-run.js';
import { loadRun, scenario, step } from './run-builder.js';
import type { UnjudgedRunResult } from '../../../src/harness/targets/judge-run.js';

const measured = (bottleneck: string[]): UnjudgedRunResult => ({
  schemaVersion: 2,
  repetitions: 6,
  runId: 'test',
  startedAt: '2026-01-01T00:00:00Z',
  finishedAt: '2026-01-01T00:01:00Z',
  profile: 'quick',
  environment: {
    gitCommit: 'unknown',
    nodeVersion: 'v20',
    postgresVersion: '17',
    postgresSettings: {},
    cpuCount: 2,
    cpuModel: 'test',
    memoryBytes: 1,
    provider: 'embedded',
    schemaVariants: ['optimized'],
    seed: 1,
    cacheKind: 'memory',
    runner: 'autocannon',
  },
  datasets: [],
  // A fast figure, well inside every target: only the generator's state can fail it.
  scenarios: [
    scenario('concurrent-users', [step('100 users', { load: loadRun({ latency: { mean: 20 }, bottleneck }) })]),
  ],
  invariants: { state: 'passed', checked: [], violations: [] },
});

describe('a run whose load generator was the bottleneck', () => {
  it('fails the rows that step measured, saying so, and exits 3', () => {
    const result = judgeRun(measured(['generator CPU at 100%', 'achieved 310 req/s of 500 asked']));
    expect(result.targets.find((row) => row.id === 'load.users-100.response-time')).toMatchObject({
      verdict: 'fail',
      measured: 20,
      reason:
        'the load generator was the bottleneck: concurrent-users/100 users: generator CPU at 100%, achieved 310 req/s of 500 asked',
    });
    expect(result.generatorBottleneck).toEqual({
      bottleneck: true,
      reasons: ['concurrent-users/100 users: generator CPU at 100%, achieved 310 req/s of 500 asked'],
    });
    expect(result).toMatchObject({ verdict: 'error', exitCode: 3 });
  });

  it('passes the same figure when the generator kept up', () => {
    const result = judgeRun(measured([]));
    expect(result.targets.find((row) => row.id === 'load.users-100.response-time')).toMatchObject({ verdict: 'pass' });
    expect(result).toMatchObject({
      verdict: 'pass',
      exitCode: 0,
      generatorBottleneck: { bottleneck: false, reasons: [] },
    });
  });
});
