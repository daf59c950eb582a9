import { expect, test } from 'vitest';
import { hodgesLehmann } from '../../../src/harness/stats/hodges-lehmann.js';

test('at 95% five values cannot reach the confidence (P(W+ = 0) = 1/32 > 0.025) and six can', () => {
  const five = hodgesLehmann([0.3, -0.1, 0.2, 0.5, 0.4]);
  expect(five.lower).toBeUndefined();
  expect(five.upper).toBeUndefined();
  expect(five.achievedConfidence).toBeUndefined();
  expect(five.estimate).toBeCloseTo(0.3, 12); // the 8th of the 15 Walsh averages

  const six = hodgesLehmann([0.3, -0.1, 0.2, 0.5, 0.4, 0.6]);
  // k = 1: the interval spans the smallest to the largest Walsh average, i.e. the sample's range.
  expect([six.lower, six.upper]).toEqual([-0.1, 0.6]);
  expect(six.achievedConfidence).toBeCloseTo(1 - 2 / 64, 12);
});
