import { expect, test } from 'vitest';
import { decidePairs } from '../../../src/harness/gate/decide-pairs.js';
import { pairedSeries } from './paired-series.js';

test('three metrics within 1% of the base over 20 pairs show no regression beyond a 5% margin', () => {
  const decision = decidePairs(
    [
      pairedSeries('profile p50', 1.0, 20, { seed: 4 }),
      pairedSeries('profile p95', 1.01, 20, { seed: 5 }),
      pairedSeries('profile throughput', 1.0, 20, { seed: 6, higherIsBetter: true }),
    ],
    { marginPct: 5, alpha: 0.01 },
  );
  expect(decision.verdict).toBe('no regression');
  for (const metric of decision.metrics) {
    expect(metric.verdict).toBe('no regression');
    expect(metric.pairs).toBe(20);
    expect(Math.abs(metric.changePct)).toBeLessThan(2);
    expect(metric.adjustedPNoRegression).toBeLessThanOrEqual(0.01);
    expect(metric.adjustedPRegression).toBeGreaterThan(0.5);
    // ±1% noise in the ratios: 20 pairs could see a worsening barely beyond the margin.
    expect(metric.detectablePct).toBeGreaterThan(5);
    expect(metric.detectablePct).toBeLessThan(7);
  }
});
