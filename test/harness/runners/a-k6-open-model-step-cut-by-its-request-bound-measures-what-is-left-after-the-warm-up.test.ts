import { expect, it } from 'vitest';
import { k6OptionsFor, openMeasuredMs, readStepEnv } from '../../../scenarios/k6/lib/k6-options.js';
import { scenario as openModel } from '../../../scenarios/open-model.scenario.js';

// 300 req/s, 2 s of warm-up, 15 s asked, at most 5000 requests with the warm-up's 600: the
// arrivals stop 16.67 s in, so 14.67 s are measured, not 15 (throughput and repetitions use it).
it('ends the arrivals where the bound does and measures the time after the warm-up', () => {
  const bound = { durationMs: 15_000, warmupMs: 2_000, maxRequests: 5_000, level: 300 };
  expect(openMeasuredMs(bound)).toBe(14_666);
  expect(openMeasuredMs({ ...bound, maxRequests: 100_000 })).toBe(15_000);
  const env = readStepEnv({
    LEVEL: '300',
    WARMUP_MS: '2000',
    DURATION_MS: '14666',
    MAX_REQUESTS: '5000',
    REPETITIONS: '3',
  });
  const options = k6OptionsFor(openModel, env) as { scenarios: Record<string, { duration: string }> };
  expect(options.scenarios['open-model']?.duration).toBe('16666ms');
});
