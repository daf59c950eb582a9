import { expect, test } from 'vitest';
import { hodgesLehmann } from '../../../src/harness/stats/hodges-lehmann.js';
import { referenceSamples } from './reference-samples.js';

// Median of the Walsh averages and the exact 95% interval from scipy.stats's signed-rank null
// distribution (SciPy 1.17.1): estimate, lower, upper, achieved confidence. Sample 4 (n = 5) has none.
const expected: readonly (readonly [number, number, number, number] | readonly [number])[] = [
  [1.725, 1.165, 2.37, 0.9609375],
  [1.175, 0.829, 2.1, 0.9609375],
  [-0.46, -0.786, -0.01, 0.9609375],
  [-0.0521],
  [0.0106, -0.1385, 0.1295, 0.96875],
  [0.0646, 0.0137, 0.2007, 0.9609375],
  [0.04155, -0.0229, 0.104, 0.951171875],
  [0.0294, -0.0415, 0.11485, 0.95751953125],
  [0.045325, 0.00335, 0.08725, 0.95208740234375],
  [0.019575, -0.018, 0.0737, 0.9515590667724609],
];

test.each(referenceSamples.map((sample, i) => [i + 1, sample, expected[i]!] as const))(
  'sample %i: Hodges-Lehmann estimate and exact 95% interval match SciPy',
  (_, sample, [estimate, lower, upper, achieved]) => {
    const result = hodgesLehmann(sample, 0.95);
    expect(result.estimate).toBeCloseTo(estimate, 12);
    if (lower === undefined) {
      expect(result).toEqual({ estimate: result.estimate });
      return;
    }
    expect(result.lower).toBeCloseTo(lower, 12);
    expect(result.upper).toBeCloseTo(upper!, 12);
    expect(result.achievedConfidence).toBeCloseTo(achieved!, 12);
  },
);
