import { describe, expect, it } from 'vitest';
import { decidePairs } from '../../../src/harness/gate/decide-pairs.js';
import { resolveGateConfig } from '../../../src/harness/gate/gate-config.js';

// With n pairs the exact one-sided signed-rank test gives no p-value below 2^-n; six metrics at
// alpha 0.01 need one at or below 0.01 / 6. Nine pairs can never get there, ten can.
describe('a gate too small to decide', () => {
  it('is refused before it starts, naming --max-pairs', () => {
    expect(() => resolveGateConfig({ aa: true, pairs: '9', maxPairs: '9', cwd: '.', env: {} })).toThrow(
      /--max-pairs: 9 pairs can never show a regression/,
    );
    expect(resolveGateConfig({ aa: true, pairs: '10', maxPairs: '10', cwd: '.', env: {} }).maxPairs).toBe(10);
  });

  it('states no detectable regression where its pairs cannot reach the alpha', () => {
    const metrics = (n: number) =>
      Array.from({ length: 6 }, (_, m) => ({
        id: `route-${m} p95`,
        unit: 'ms',
        higherIsBetter: false,
        // one metric 50% worse in every pair, the others unchanged give or take 1%
        pairs: Array.from({ length: n }, (_, i) => ({ base: 10, head: m === 0 ? 15 : 10 * (1 + (i % 3) / 100) })),
      }));
    const small = decidePairs(metrics(9), { alpha: 0.01 });
    expect(small.verdict).toBe('inconclusive');
    expect(small.metrics[0]?.detectablePct).toBe(Number.POSITIVE_INFINITY);
    const enough = decidePairs(metrics(10), { alpha: 0.01 });
    expect(enough.verdict).toBe('regression');
    expect(enough.metrics[0]?.detectablePct).toBeLessThan(Number.POSITIVE_INFINITY);
  });
});
