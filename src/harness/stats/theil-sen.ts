/**
 * Theil-Sen slope: the median of the slopes between every pair of points. A trend estimate that
 * one outlying run cannot drag (breakdown point about 29%), which a least-squares slope cannot say.
 */
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
