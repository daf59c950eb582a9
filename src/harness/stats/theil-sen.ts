/**
 * Theil-Sen slope: the median of the slopes between every pair of points. A trend estimate that
 * one outlying run cannot drag (breakdown point about 29%), which a least-squares slope cannot say.
 */
import { normalQuantile } from './normal-distribution.js';
import { medianOfSorted, sortAscending } from './order-statistics.js';

/**
 * The Theil-Sen slope of `values` against their positions 0, 1, 2, ... (change per step).
 * @throws RangeError for fewer than two values (a slope needs two points).
 */
export function theilSenSlope(values: readonly number[]): number {
  if (values.length < 2) throw new RangeError('a slope needs at least two values');
  const slopes = new Float64Array((values.length * (values.length - 1)) / 2);
  let k = 0;
  for (let i = 0; i < values.length; i += 1) {
    for (let j = i + 1; j < values.length; j += 1) {
      slopes[k] = ((values[j] as number) - (values[i] as number)) / (j - i);
      k += 1;
    }
  }
  return medianOfSorted(sortAscending(slopes));
}

/** A slope and its interval. */
export interface SlopeInterval {
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
}

/** n(n-1)(2n+5) for each group of tied values: the ties' share of Kendall's S variance. */
function tieTerm(values: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let sum = 0;
  for (const k of counts.values()) if (k > 1) sum += k * (k - 1) * (2 * k + 5);
  return sum;
}

/**
 * The Theil-Sen slope of `y` against `x` with Sen's (1968) distribution-free interval, as SciPy's
 * `theilslopes` computes it (eq. 2.6, ties in x and y corrected; pairs with equal x skipped).
 * Hand-written: no maintained npm package gives Sen's interval; the test checks it against SciPy.
 * The interval assumes independent residuals: for an autocorrelated series (memory sampled
 * every few seconds) it is narrower than the truth.
 * @throws RangeError when fewer than two distinct x values give no slope.
 */
export function theilSenInterval(x: readonly number[], y: readonly number[], confidence = 0.95): SlopeInterval {
  if (x.length !== y.length) throw new RangeError('x and y differ in length');
  const slopes: number[] = [];
  for (let i = 0; i < x.length; i += 1) {
    for (let j = 0; j < x.length; j += 1) {
      const dx = (x[i] as number) - (x[j] as number);
      if (dx > 0) slopes.push(((y[i] as number) - (y[j] as number)) / dx);
    }
  }
  if (slopes.length === 0) throw new RangeError('a slope needs two distinct x values');
  const sorted = sortAscending(slopes);
  const n = y.length;
  const sigma = Math.sqrt((n * (n - 1) * (2 * n + 5) - tieTerm(x) - tieTerm(y)) / 18);
  const z = normalQuantile((1 - confidence) / 2);
  const upper = Math.min(Math.round((sorted.length - z * sigma) / 2), sorted.length - 1);
  const lower = Math.max(Math.round((sorted.length + z * sigma) / 2) - 1, 0);
  return { estimate: medianOfSorted(sorted), low: sorted[lower] as number, high: sorted[upper] as number };
}
