/**
 * How much a route's latency grew from the small dataset to the large one, and whether the growth
 * is within the goal's limit: the ratios large/small of the p50 and p95, a 95% percentile-bootstrap
 * interval for the p95 ratio (the bench's rounds resampled, each round keeping its request to both
 * sides, with the project's seeded PRNG, as src/harness/stats/bootstrap.ts does for one sample),
 * and a verdict that is "met" or "missed" only when the whole interval is on one side of the limit.
 */
import { createPrng } from '../src/core/prng-function.js';
import { quantileOfSorted, sortAscending } from '../src/harness/stats/order-statistics.js';
import type { Interval } from '../src/harness/stats/t-interval.js';

/** The goal: a read route's p95 at the large size within 1.5x of its p95 at the small one. */
export const growthLimit = 1.5;
/** The bootstrap's defaults, recorded in the bench's report. */
export const defaultResamples = 2000;
export const defaultConfidence = 0.95;

export type GrowthVerdict = 'met' | 'missed' | 'undecided' | 'error';

export interface GrowthOptions {
  /** Seed of the resampling, so a report's interval is reproducible. */
  readonly seed: number;
  /** Responses other than 200 (or served from a cache) on either side: any makes the verdict "error". @default 0 */
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
 * The p95 ratio large/small with its percentile-bootstrap interval. The bench sends each round's
 * request to both sides back to back, so latency i of one side and latency i of the other are a
 * pair, sharing whatever the machine did then: each resample draws rounds with replacement and
 * takes both sides' latencies of the rounds drawn. Sides of different lengths (no pairing to keep)
 * are resampled each on its own.
 */
export function p95GrowthInterval(
  small: readonly number[],
  large: readonly number[],
  options: Pick<GrowthOptions, 'seed' | 'resamples' | 'confidence'>,
): Interval {
  if (small.length === 0 || large.length === 0) throw new RangeError('no growth without latencies on both sides');
  const resamples = options.resamples ?? defaultResamples;
  const confidence = options.confidence ?? defaultConfidence;
  const prng = createPrng(options.seed);
  const paired = small.length === large.length;
  const smallDraw = new Float64Array(small.length);
  const largeDraw = new Float64Array(large.length);
  const ratios = new Float64Array(resamples);
  for (let r = 0; r < resamples; r += 1) {
    for (let i = 0; i < smallDraw.length; i += 1) {
      const at = Math.floor(prng() * small.length);
      smallDraw[i] = small[at] as number;
      if (paired) largeDraw[i] = large[at] as number;
    }
    if (!paired)
      for (let i = 0; i < largeDraw.length; i += 1) largeDraw[i] = large[Math.floor(prng() * large.length)] as number;
    ratios[r] = nearestRank(largeDraw.sort(), 0.95) / nearestRank(smallDraw.sort(), 0.95);
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
