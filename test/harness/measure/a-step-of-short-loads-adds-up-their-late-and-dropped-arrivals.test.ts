import { describe, expect, it } from 'vitest';
import { mergeGeneratorHealth } from '../../../src/harness/measure/generator-health.js';
import type { GeneratorHealth } from '../../../src/harness/result/load-result.schema.js';

const part = (late: number, dropped: number): GeneratorHealth => ({
  bottleneck: false,
  reasons: [],
  cpuPercentMean: 10,
  cpuPercentMax: 20,
  eventLoopDelayP99Ms: 2,
  askedRate: 40,
  achievedRate: 40,
  arrivals: { scheduled: 40, sent: 40 - dropped, late, lateToleranceMs: 1, dropped, cutByRequestBound: 0 },
});

describe('the arrival counts of a step run as separate short loads', () => {
  it("are the sum of its loads' counts", () => {
    expect(mergeGeneratorHealth([part(1, 0), part(3, 2), part(0, 1)]).arrivals).toEqual({
      scheduled: 120,
      sent: 117,
      late: 4,
      lateToleranceMs: 1,
      dropped: 3,
      cutByRequestBound: 0,
    });
  });

  it('are left out when one of its loads did not keep them, rather than undercounted', () => {
    const { arrivals: _none, ...without } = part(5, 5);
    expect(mergeGeneratorHealth([part(1, 0), without]).arrivals).toBeUndefined();
  });
});
