import { expect, test } from 'vitest';
import { bootstrapInterval } from '../../../src/harness/stats/bootstrap.js';

const mean = (xs: readonly number[]): number => xs.reduce((sum, x) => sum + x, 0) / xs.length;

test('the same seed gives the same interval, another seed another, and the estimate is the statistic of the sample', () => {
  const sample = [3.1, 4.7, 2.2, 9.8, 5.5, 4.1, 3.9, 6.6, 5.0, 4.4, 7.3];
  const first = bootstrapInterval(sample, mean, { seed: 7, resamples: 500 });
  expect(bootstrapInterval(sample, mean, { seed: 7, resamples: 500 })).toEqual(first);
  expect(bootstrapInterval(sample, mean, { seed: 8, resamples: 500 })).not.toEqual(first);
  expect(first.estimate).toBe(mean(sample));
  expect(first.lower).toBeLessThan(first.estimate);
  expect(first.upper).toBeGreaterThan(first.estimate);
});
