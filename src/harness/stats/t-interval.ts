/** Student t confidence intervals for a sample's mean, and for its geometric mean on the log scale. */
import { tQuantile } from './student-t.js';

/** A point estimate with a two-sided confidence interval. */
export interface Interval {
  /** The point estimate. */
  readonly estimate: number;
  /** The interval's lower end. */
  readonly lower: number;
  /** The interval's upper end. */
  readonly upper: number;
}

/**
 * The mean with its Student t interval, mean ± t(1 - (1 - confidence)/2, n - 1) · s / sqrt(n).
 * @param confidence two-sided coverage. @default 0.95
 */
export function meanInterval(sample: readonly number[], confidence = 0.95): Interval {
  const n = sample.length;
  if (n < 2) throw new RangeError(`a t interval needs at least 2 values, got ${n}`);
  const mean = sample.reduce((sum, value) => sum + value, 0) / n;
  const variance = sample.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (n - 1);
  const halfWidth = tQuantile(1 - (1 - confidence) / 2, n - 1) * Math.sqrt(variance / n);
  return { estimate: mean, lower: mean - halfWidth, upper: mean + halfWidth };
}

/**
 * The geometric mean with the t interval of the mean of the logs, back-transformed: the right
 * interval for ratios and for latencies, whose noise is multiplicative.
 * @param confidence two-sided coverage. @default 0.95
 * @throws RangeError when a value is not positive.
 */
export function geometricMeanInterval(sample: readonly number[], confidence = 0.95): Interval {
  if (!sample.every((value) => value > 0)) throw new RangeError('a geometric mean needs positive values only');
  const logInterval = meanInterval(sample.map(Math.log), confidence);
  return {
    estimate: Math.exp(logInterval.estimate),
    lower: Math.exp(logInterval.lower),
    upper: Math.exp(logInterval.upper),
  };
}
