import { describe, expect, it } from 'vitest';
import { theilSenInterval } from '../../../src/harness/stats/theil-sen.js';

// Reference values from SciPy 1.17.1: scipy.stats.theilslopes(y, x, alpha).
describe('theilSenInterval', () => {
  it("gives SciPy's slope and interval for a noisy line of 30 points", () => {
    const x = Array.from({ length: 30 }, (_, i) => i * 10);
    const y = [
      100.01, 107.39, 107.81, 107.88, 116.36, 117.07, 130.48, 145.72, 136.06, 140.04, 153.92, 157.86, 160.84, 157.56,
      169.77, 180.56, 169.25, 181.34, 174.79, 184.68, 185.27, 203.12, 199.86, 217.17, 221.25, 223.5, 209.87, 230.69,
      239.61, 245.91,
    ];
    const slope = theilSenInterval(x, y);
    expect(slope.estimate).toBeCloseTo(0.48653846153846153, 12);
    expect(slope.low).toBeCloseTo(0.45200000000000007, 12);
    expect(slope.high).toBeCloseTo(0.5135416666666667, 12);
  });

  it('corrects for ties in x and y and follows the confidence level', () => {
    const x = [1, 2, 2, 3, 4, 5, 6, 6, 7, 8, 9, 10];
    const y = [5, 3, 4, 8, 8, 9, 7, 12, 11, 15, 14, 13];
    expect(theilSenInterval(x, y, 0.95)).toEqual({
      estimate: 1.225,
      low: 0.75,
      high: expect.closeTo(1.6666666666666667, 12) as number,
    });
    expect(theilSenInterval(x, y, 0.9)).toEqual({
      estimate: 1.225,
      low: expect.closeTo(0.8333333333333334, 12) as number,
      high: expect.closeTo(1.5714285714285714, 12) as number,
    });
  });

  it('refuses a series with no two distinct x values', () => {
    expect(() => theilSenInterval([1, 1], [2, 3])).toThrow(RangeError);
  });
});
