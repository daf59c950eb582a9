import { expect, test } from 'vitest';
import { HarnessError } from '../../../src/core/errors.js';
import { runK6 } from '../../../src/harness/runners/k6-runner.js';
import { scenario } from '../../../scenarios/open-model.scenario.js';

test('runK6 fails with PROVIDER_UNAVAILABLE saying k6 is not on PATH when the executable is missing', async () => {
  const failure = await runK6(scenario, {
    url: 'http://127.0.0.1:9',
    durationMs: 1000,
    maxRequests: 10,
    level: 1,
    context: { organizations: [] },
    k6Binary: 'k6-that-is-not-installed',
  }).catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(HarnessError);
  expect((failure as HarnessError).code).toBe('PROVIDER_UNAVAILABLE');
  expect((failure as HarnessError).message).toMatch(/k6 is not on PATH.*--runner builtin/);
});
