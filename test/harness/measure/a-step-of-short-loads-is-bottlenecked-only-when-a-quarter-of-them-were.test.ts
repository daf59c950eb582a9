import { describe, expect, it } from 'vitest';
import { mergeGeneratorHealth } from '../../../src/harness/measure/generator-health.js';
import type { GeneratorHealth } from '../../../src/harness/result/load-result.schema.js';

const healthy: GeneratorHealth = {
  bottleneck: false,
  reasons: [],
  cpuPercentMean: 10,
  cpuPercentMax: 20,
  eventLoopDelayP99Ms: 12,
  askedRate: 40,
  achievedRate: 40,
};
const stalled: GeneratorHealth = {
  ...healthy,
  bottleneck: true,
  reasons: ['generator timers late: event-loop delay p99 61 ms (limit 50 ms)'],
  eventLoopDelayP99Ms: 61,
};
const parts = (stalls: number, total: number) =>
  Array.from({ length: total }, (_, i) => (i < stalls ? stalled : healthy));

describe('the generator health of a step run as separate short loads', () => {
  it.each([
    [0, 24, false],
    [1, 24, false],
    [5, 24, false],
    [6, 24, true],
    [24, 24, true],
    [1, 1, true],
  ] as const)('%i of %i loads stalled -> bottleneck %s', (stalls, total, bottleneck) => {
    expect(mergeGeneratorHealth(parts(stalls, total)).bottleneck).toBe(bottleneck);
  });

  it('says how many loads were limited and why, and keeps the worst delay', () => {
    const merged = mergeGeneratorHealth(parts(2, 24));
    expect(merged.reasons).toEqual([
      '2 of 24 repetition loads: generator timers late: event-loop delay p99 61 ms (limit 50 ms)',
    ]);
    expect(merged.eventLoopDelayP99Ms).toBe(61);
  });
});
