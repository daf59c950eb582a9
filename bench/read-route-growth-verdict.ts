/**
 * How much a route's latency grew from the small dataset to the large one, and whether the growth
 * is within the goal's limit: the ratios large/small of the p50 and p95, a 95% percentile-bootstrap
 * interval for the p95 ratio (each side resampled on its own, with the project's seeded PRNG, as
 * src/harness/stats/bootstrap.ts does for one sample), and a verdict that is "met" or "missed" only
 * when the whole interval is on one side of the limit.
 */
import { createPrng } from '../src/core/prng-function.js';
import { quantileOfSorted, sortAscending } from '../src/harness/stats/order-statistics.js';
import type { Interval } from '../src/harness/stats/t-interval.js';

/** The goal: a read route's p95 at the large size within 1.5x of its p95 at the small one. */
export const growthLimit = 1.5;

export type GrowthVerdict = 'met' | 'missed' | 'undecided' | 'error';

export interface GrowthOptions {
  /** Seed of the resampling, so a report's interval is reproducible. */
  readonly seed: number;
  /** Responses other than 200 on either side: any makes the verdict "error". @default 0 */
  readonly errors?: number;
  /** @default 2000 */
  readonly resamples?: number;
  /** @default 0.95 */
  readonly confidence?: number;
  /** @default growthLimit */
  readonly limit?: number;
}

export interface RouteGrowth {
  /** p50 large / p50 small; null without latencies on a side. */
  readonly p50Ratio: number | null;
  /** p95 large / p95 small with its bootstrap interval; null without latencies on a side. */
  readonly p95Ratio: Interval | null;
  readonly verdict: GrowthVerdict;
}

/** The q-quantile by nearest rank, as bench/paired-clones.ts describes a side (p95 of 300: the 285th). */
export function nearestRank(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) throw new RangeError('no percentile of an empty sample');
  return sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1))] as number;
}

/**
 * The p95 ratio large/small with its percentile-bootstrap interval: each resample draws `small`
 * and `large` with replacement, each from itself (the sides are independent runs), and takes the
 * ratio of their p95s.
 */
export function p95GrowthInterval(
  small: readonly number[],
  large: readonly number[],
  options: Pick<GrowthOptions, 'seed' | 'resamples' | 'confidence'>,
): Interval {
  if (small.length === 0 || large.length === 0) throw new RangeError('no growth without latencies on both sides');
  const resamples = options.resamples ?? 2000;
  const confidence = options.confidence ?? 0.95;
  const prng = createPrng(options.seed);
  const p95Of = (sample: readonly number[], into: Float64Array): number => {
    for (let i = 0; i < into.length; i += 1) into[i] = sample[Math.floor(prng() * sample.length)] as number;
    return nearestRank(into.sort(), 0.95);
  };
  const smallDraw = new Float64Array(small.length);
  const largeDraw = new Float64Array(large.length);
  const ratios = new Float64Array(resamples);
  for (let r = 0; r < resamples; r += 1) {
    const smallP95 = p95Of(small, smallDraw);
    ratios[r] = p95Of(large, largeDraw) / smallP95;
  }
  const sorted = sortAscending(ratios);
  return {
    estimate: nearestRank(sortAscending(large), 0.95) / nearestRank(sortAscending(small), 0.95),
    lower: quantileOfSorted(sorted, (1 - confidence) / 2),
    upper: quantileOfSorted(sorted, (1 + confidence) / 2),
  };
}

/** "met" when the interval's upper end is at or under the limit, "missed" when its lower end is over it, else "undecided". */
export function judgeGrowth(interval: Pick<Interval, 'lower' | 'upper'>, limit = growthLimit): GrowthVerdict {
  if (interval.upper <= limit) return 'met';
  if (interval.lower > limit) return 'missed';
  return 'undecided';
}

/** A route's growth from its latencies (ms) on the small and the large side. */
export function routeGrowth(small: readonly number[], large: readonly number[], options: GrowthOptions): RouteGrowth {
  if (small.length === 0 || large.length === 0) return { p50Ratio: null, p95Ratio: null, verdict: 'error' };
  const p50Ratio = nearestRank(sortAscending(large), 0.5) / nearestRank(sortAscending(small), 0.5);
  const p95Ratio = p95GrowthInterval(small, large, options);
  const verdict = (options.errors ?? 0) > 0 ? 'error' : judgeGrowth(p95Ratio, options.limit);
  return { p50Ratio, p95Ratio, verdict };
}
