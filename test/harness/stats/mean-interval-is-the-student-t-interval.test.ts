import { expect, test } from 'vitest';
import { meanInterval } from '../../../src/harness/stats/t-interval.js';

test('the mean interval of 1..10 is 5.5 ± t(0.975, 9) · s / sqrt(10)', () => {
  // s = sqrt(55 / 6); scipy.stats.t.interval(0.95, 9, 5.5, sem) = (3.334149, 7.665851).
  const result = meanInterval([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  expect(result.estimate).toBe(5.5);
  expect(result.lower).toBeCloseTo(3.3341494, 6);
  expect(result.upper).toBeCloseTo(7.6658506, 6);
});
