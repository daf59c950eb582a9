import { expect, test } from 'vitest';
import { decidePairs } from '../../../src/harness/gate/decide-pairs.js';
import { pairedSeries } from './paired-series.js';

test('five pairs cannot reach alpha 0.01 either way, even for a 50% regression, and say how little they could detect', () => {
  // The smallest one-sided exact p with 5 pairs is 2^-5 = 0.03 > 0.01.
  const decision = decidePairs([pairedSeries('profile p95', 1.5, 5), pairedSeries('profile p50', 1.0, 5, { seed: 2 })]);
  expect(decision.verdict).toBe('inconclusive');
  for (const metric of decision.metrics) {
    expect(metric.verdict).toBe('inconclusive');
    expect(metric.lowerPct).toBeUndefined();
    expect(metric.upperPct).toBeUndefined();
  }
  expect(decision.metrics[0]!.pRegression).toBe(2 ** -5);
  expect(decision.metrics[0]!.changePct).toBeGreaterThan(40);
});
