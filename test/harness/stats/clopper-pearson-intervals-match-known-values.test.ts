import { expect, test } from 'vitest';
import { proportionInterval } from '../../../src/harness/stats/proportion.js';

// statsmodels proportion_confint(method='beta') / R binom.test(x, n)$conf.int.
test.each([
  [0, 10, 0, 0.3084971],
  [3, 10, 0.06673951, 0.6524529],
  [10, 10, 0.6915029, 1],
  [1, 100, 0.000253146, 0.05445939],
])('%i of %i at 95%% is [%d, %d]', (events, trials, lower, upper) => {
  const result = proportionInterval(events, trials);
  expect(result.method).toBe('clopper-pearson');
  expect(result.estimate).toBe(events / trials);
  expect(result.lower).toBeCloseTo(lower, 7);
  expect(result.upper).toBeCloseTo(upper, 7);
});
