import { expect, test } from 'vitest';
import { decidePairs } from '../../../src/harness/gate/decide-pairs.js';

test('pairs with a value that is not positive are dropped, and a metric left with none is inconclusive', () => {
  const decision = decidePairs([
    {
      id: 'errors',
      unit: 'ms',
      higherIsBetter: false,
      pairs: [
        { base: 0, head: 3 },
        { base: 2, head: -1 },
      ],
    },
  ]);
  const [metric] = decision.metrics;
  expect(metric!.pairs).toBe(0);
  expect(metric!.changePct).toBeNaN();
  expect(metric!.detectablePct).toBe(Number.POSITIVE_INFINITY);
  expect(decision.verdict).toBe('inconclusive');
});
