import { expect, test } from 'vitest';
import { Prng } from '../../../src/core/prng.js';
import { eDivisive } from '../../../src/harness/stats/e-divisive.js';

test('a stationary series of 120 normal values has no change point', () => {
  // At significance 0.05 about one stationary series in twenty shows a spurious change; the
  // seeds are fixed, so this is one deterministic draw, not a flaky one.
  const source = new Prng(12);
  const series = Array.from({ length: 120 }, () => 5 + source.normal());
  expect(eDivisive(series, { seed: 5 }).changePoints).toEqual([]);
});
