import { expect, it } from 'vitest';
import type { HarnessError } from '../../../src/core/errors.js';
import { mergeResults } from '../../../src/harness/merge/merge-results.js';
import { generatorResult } from './generator-results.js';

const samples = [
  { route: 'student-profile', repetition: 0, latencyMs: 2 },
  { route: 'student-profile', repetition: 1, latencyMs: 3 },
];

/** The refusal merging these two results gives, or undefined. */
function refusal(
  a: Awaited<ReturnType<typeof generatorResult>>,
  b: Awaited<ReturnType<typeof generatorResult>>,
): HarnessError | undefined {
  try {
    mergeResults([
      { file: 'a.json', result: a },
      { file: 'b.json', result: b },
    ]);
    return undefined;
  } catch (error: unknown) {
    return error as HarnessError;
  }
}

it('refuses, naming the file, results that loaded two services or services of their own, and one whose scenario was skipped where the other ran', async () => {
  const a = await generatorResult('generator-a', samples);
  const elsewhere = await generatorResult('generator-b', samples);
  const other = refusal(a, {
    ...elsewhere,
    environment: { ...elsewhere.environment, target: { url: 'http://127.0.0.1:4000', remote: false } },
  });
  expect(other?.code).toBe('RESULTS_MISMATCH');
  expect(other?.message).toMatch(
    /^b\.json: loaded http:\/\/127\.0\.0\.1:4000 where a\.json loaded http:\/\/127\.0\.0\.1:3000/,
  );

  const { target: _dropped, ...ownEnvironment } = elsewhere.environment;
  const own = { ...elsewhere, environment: ownEnvironment };
  expect(refusal(own, own)?.message).toMatch(/only runs against one deployed service \(run --target-url\) add up/);

  const skipped = {
    ...elsewhere,
    scenarios: elsewhere.scenarios.map((scenario) => ({ ...scenario, state: 'skipped' as const, steps: [] })),
  };
  expect(refusal(a, skipped)?.message).toBe("b.json: concurrent-users was skipped where a.json's was completed");
});
