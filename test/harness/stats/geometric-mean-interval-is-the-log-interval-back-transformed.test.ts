import { expect, test } from 'vitest';
import { geometricMeanInterval, meanInterval } from '../../../src/harness/stats/t-interval.js';

test('the geometric mean interval is exp of the t interval of the logs, and refuses non-positive values', () => {
  const sample = [12.1, 9.8, 15.3, 11.0, 10.4, 13.9, 12.6];
  const logs = meanInterval(sample.map(Math.log), 0.9);
  const result = geometricMeanInterval(sample, 0.9);
  expect(result.estimate).toBeCloseTo(Math.exp(logs.estimate), 12);
  expect(result.lower).toBeCloseTo(Math.exp(logs.lower), 12);
  expect(result.upper).toBeCloseTo(Math.exp(logs.upper), 12);
  expect(() => geometricMeanInterval([1, 2, 0])).toThrow(RangeError);
  expect(() => geometricMeanInterval([1, -2, 3])).toThrow(RangeError);
});
