import { expect, test } from 'vitest';
import { mergeResults } from '../../../src/harness/merge/merge-results.js';
import type { LoadRunResult } from '../../../src/harness/result/load-result.schema.js';
import type { RunResult } from '../../../src/harness/result/run-result.schema.js';
import { generatorResult, type Sample } from './generator-results.js';

const samples: Sample[] = [
  { route: 'student-profile', repetition: 0, latencyMs: 7 },
  { route: 'student-profile', repetition: 1, latencyMs: 9 },
];

/** The result as k6 would have written it: the same figures, no histograms. */
function withoutHistograms(result: RunResult): RunResult {
  return JSON.parse(
    JSON.stringify(result, (key, value: unknown) => (key === 'histogram' ? undefined : value)),
  ) as RunResult;
}

test('merge refuses, naming the file and the step, a result whose latencies carry no histogram', async () => {
  const complete = await generatorResult('generator-a', samples);
  const bare = withoutHistograms(await generatorResult('generator-b', samples));
  const load = bare.scenarios[0]?.steps[0]?.load as LoadRunResult;
  expect(load.latency.count).toBeGreaterThan(0);

  expect(() =>
    mergeResults([
      { file: 'a.json', result: complete },
      { file: 'k6.json', result: bare },
    ]),
  ).toThrow(
    expect.objectContaining({
      code: 'RESULTS_MISMATCH',
      message: expect.stringMatching(/^k6\.json: concurrent-users\/100 users has latencies without their histogram/),
    }),
  );
});
