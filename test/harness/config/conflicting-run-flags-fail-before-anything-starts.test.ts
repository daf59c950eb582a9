import { describe, expect, it } from 'vitest';
import { HarnessError } from '../../../src/core/errors.js';
import { resolveRunConfig, type RunConfigInput } from '../../../src/harness/config.js';
import { selectScenarios } from '../../../src/harness/run/run-benchmark.js';

const deployed = {
  targetUrl: 'http://127.0.0.1:3000',
  databaseUrl: 'postgres://p@127.0.0.1/db',
  env: { REFERRAL_BENCH_TOKEN_SECRET: 's' },
} satisfies RunConfigInput;

// Each pair of flags could not run as asked: the run must say so before it seeds or loads
// anything, not after the scenarios before it have run.
describe('flags that contradict each other', () => {
  it.each<[string, RunConfigInput, RegExp]>([
    [
      'k6 with a scenario only the built-in runner runs',
      { runner: 'k6', scenario: ['operations', 'faults'] },
      /--runner k6: the faults scenario runs only on the built-in runner/,
    ],
    [
      'a scenario named twice',
      { scenario: ['operations', 'open-model', 'operations'] },
      /--scenario: "operations" is named twice/,
    ],
    [
      '--workers with a deployed target',
      { ...deployed, workers: '2' },
      /--workers: a deployed target \(--target-url\) runs the workers it was deployed with/,
    ],
    [
      'k6 on one of several generators',
      { ...deployed, generator: '1/2', runner: 'k6' },
      /--generator: the n generators' results are combined by `referral-bench merge`/,
    ],
  ])('%s fails naming the flag', (_, input, message) => {
    let error: unknown;
    try {
      selectScenarios(resolveRunConfig({ env: {}, ...input }));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(HarnessError);
    expect((error as Error).message).toMatch(message);
  });

  it('k6 on the only generator of a deployed target is accepted', () => {
    expect(resolveRunConfig({ ...deployed, generator: '1/1', runner: 'k6' }).runner).toBe('k6');
  });
});
