import { describe, expect, it } from 'vitest';
import { tCdf, welchTest } from '../../../src/harness/stats/welch.js';

describe("Welch's t test", () => {
  it('has a t distribution function that inverts the published t quantiles', () => {
    // t(0.975, 4) = 2.776445105, t(0.975, 9) = 2.262157163, t(0.995, 19) = 2.860934606 (standard tables).
    expect(tCdf(2.776445105, 4)).toBeCloseTo(0.975, 8);
    expect(tCdf(2.262157163, 9)).toBeCloseTo(0.975, 8);
    expect(tCdf(-2.860934606, 19)).toBeCloseTo(0.005, 8);
    expect(tCdf(0, 7)).toBe(0.5);
  });

  it('gives the statistic, degrees of freedom and p-value worked by hand', () => {
    // x = 1..5 (mean 3, variance 2.5), y = 2, 4, .., 10 (mean 6, variance 10):
    // se = sqrt(2.5/5 + 10/5) = sqrt(2.5), t = -3 / sqrt(2.5), df = 2.5^2 / (0.5^2/4 + 2^2/4) = 5.882352941.
    const result = welchTest([1, 2, 3, 4, 5], [2, 4, 6, 8, 10], 'two-sided');
    expect(result.t).toBeCloseTo(-3 / Math.sqrt(2.5), 12);
    expect(result.df).toBeCloseTo(5.882352941, 8);
    expect(result.pValue).toBeCloseTo(2 * tCdf(-3 / Math.sqrt(2.5), 5.882352941), 8);
    expect(welchTest([1, 2, 3, 4, 5], [2, 4, 6, 8, 10], 'less').pValue).toBeCloseTo(result.pValue / 2, 12);
  });

  it('tests against a shift: the same samples moved by it give t = 0', () => {
    const x = [1.1, 1.3, 0.9, 1.2];
    expect(
      welchTest(
        x.map((v) => v + 0.5),
        x,
        'greater',
        0.5,
      ).t,
    ).toBeCloseTo(0, 12);
  });
});
