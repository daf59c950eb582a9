/** Percentile bootstrap intervals for statistics with no closed-form interval (percentiles, trimmed means). */
import { createPrng } from '../../core/prng-function.js';
import { quantileOfSorted, sortAscending } from './order-statistics.js';
import type { Interval } from './t-interval.js';

/** Options of {@link bootstrapInterval}. */
export interface BootstrapOptions {
  /** How many resamples to draw. @default 2000 */
  readonly resamples?: number;
  /** Two-sided coverage. @default 0.95 */
  readonly confidence?: number;
  /** Seed of the project's PRNG, so an interval is reproducible. */
  readonly seed: number;
}

/**
 * The statistic of the sample with its percentile-bootstrap interval: the (1 - confidence)/2 and
 * (1 + confidence)/2 quantiles of the statistic over resamples drawn with replacement.
 */
export function bootstrapInterval(
  sample: readonly number[],
  statistic: (xs: readonly number[]) => number,
  options: BootstrapOptions,
): Interval {
  const n = sample.length;
  if (n === 0) throw new RangeError('no bootstrap of an empty sample');
  const resamples = options.resamples ?? 2000;
  const confidence = options.confidence ?? 0.95;
  const prng = createPrng(options.seed);
  const draws = new Float64Array(resamples);
  const resample = new Array<number>(n);
  for (let r = 0; r < resamples; r += 1) {
    for (let i = 0; i < n; i += 1) resample[i] = sample[Math.floor(prng() * n)] as number;
    draws[r] = statistic(resample);
  }
  const sorted = sortAscending(draws);
  return {
    estimate: statistic(sample),
    lower: quantileOfSorted(sorted, (1 - confidence) / 2),
    upper: quantileOfSorted(sorted, (1 + confidence) / 2),
  };
}
