import { expect, test } from 'vitest';
import { holmAdjust } from '../../../src/harness/stats/holm.js';

// statsmodels multipletests(method='holm') / R p.adjust(method='holm'), in input order.
test.each([
  [
    [0.01, 0.04, 0.03, 0.005],
    [0.03, 0.06, 0.06, 0.02],
  ],
  [
    [0.001, 0.2, 0.04, 0.049, 0.6],
    [0.005, 0.4, 0.16, 0.16, 0.6],
  ],
  [
    [0.5, 0.5],
    [1, 1],
  ],
  [
    [0.0001, 0.0002, 0.0003],
    [0.0003, 0.0004, 0.0004],
  ],
])('Holm adjusts %j to %j', (pValues, adjusted) => {
  const result = holmAdjust(pValues);
  expect(result).toHaveLength(adjusted.length);
  result.forEach((value, i) => expect(value).toBeCloseTo(adjusted[i]!, 15));
});
