import { expect, test } from 'vitest';
import { decidePairs } from '../../../src/harness/gate/decide-pairs.js';
import { pairedSeries } from './paired-series.js';

test('a p95 30% slower and a throughput 25% lower are regressions; an unchanged p50 is not', () => {
  const decision = decidePairs([
    pairedSeries('profile p50', 1.0, 20, { seed: 1 }),
    pairedSeries('profile p95', 1.3, 20, { seed: 2 }),
    pairedSeries('profile throughput', 0.75, 20, { seed: 3, higherIsBetter: true }),
  ]);
  expect(decision.verdict).toBe('regression');
  expect(decision.marginPct).toBe(5);
  expect(decision.alpha).toBe(0.01);
  const [p50, p95, throughput] = decision.metrics;
  expect(p50!.verdict).toBe('no regression');
  expect(p95!.verdict).toBe('regression');
  expect(p95!.changePct).toBeCloseTo(30, 0);
  expect(p95!.lowerPct).toBeGreaterThan(25);
  expect(p95!.upperPct).toBeLessThan(35);
  // 20 pairs all beyond the margin: the exact p is 2^-20, and Holm multiplies it by at most 3.
  expect(p95!.pRegression).toBeCloseTo(2 ** -20, 15);
  expect(p95!.adjustedPRegression).toBeLessThanOrEqual(3 * 2 ** -20);
  expect(throughput!.verdict).toBe('regression');
  expect(throughput!.changePct).toBeCloseTo((1 / 0.75 - 1) * 100, 0); // positive: worse
});
