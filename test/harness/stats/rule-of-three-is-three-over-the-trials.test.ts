import { expect, test } from 'vitest';
import { proportionInterval, ruleOfThreeUpper } from '../../../src/harness/stats/proportion.js';

test('the rule of three is 3 / n, close to the exact one-sided 95% bound 1 - 0.05^(1/n)', () => {
  expect(ruleOfThreeUpper(300)).toBe(0.01);
  // The two-sided 90% Clopper-Pearson upper end with no events is that one-sided 95% bound.
  const exact = proportionInterval(0, 300, 0.9).upper;
  expect(exact).toBeCloseTo(1 - 0.05 ** (1 / 300), 12);
  expect(Math.abs(ruleOfThreeUpper(300) - exact) / exact).toBeLessThan(0.01);
  expect(() => ruleOfThreeUpper(0)).toThrow(RangeError);
});
