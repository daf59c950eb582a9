/**
 * E-Divisive means change-point detection (Matteson & James 2014, alpha = 1): binary segmentation
 * on the energy distance between segments, each new change point kept only if a permutation test
 * finds it significant. It needs no distribution and no guess at the number of changes, which is
 * why it suits a history of benchmark results.
 */
import type { Prng } from '../../core/prng-function.js';
import { createPrng } from '../../core/prng-function.js';

/** Options of {@link eDivisive}. */
export interface EDivisiveOptions {
  /** The shortest segment a change point may leave on either side (at least 2). @default 5 */
  readonly minSegment?: number;
  /** Permutations per significance test. @default 199 */
  readonly permutations?: number;
  /** A change point is kept when its permutation p-value is at most this. @default 0.05 */
  readonly significance?: number;
  /** Seed of the permutations, so a result is reproducible. @default 1 */
  readonly seed?: number;
}

/** The outcome of {@link eDivisive}. */
export interface EDivisiveResult {
  /** Indices where a new segment starts, ascending. */
  readonly changePoints: number[];
}

interface Split {
  /** Index (in the whole series) where the right part starts. */
  readonly at: number;
  /** The scaled energy statistic of the best split. */
  readonly q: number;
}

/** Finds the points where the series' distribution changes. O(n^2) per permutation. */
export function eDivisive(series: readonly number[], options: EDivisiveOptions = {}): EDivisiveResult {
  const minSegment = Math.max(2, options.minSegment ?? 5);
  const permutations = options.permutations ?? 199;
  const significance = options.significance ?? 0.05;
  const prng = createPrng(options.seed ?? 1);
  const values = Float64Array.from(series);
  const bounds = [0, values.length];
  const bestOf = new Map<number, Split | undefined>(); // by segment start; dropped when the segment splits
  for (;;) {
    let candidate: Split | undefined;
    for (let s = 0; s + 1 < bounds.length; s += 1) {
      const start = bounds[s] as number;
      if (!bestOf.has(start)) bestOf.set(start, bestSplit(values, start, bounds[s + 1] as number, minSegment));
      const split = bestOf.get(start);
      if (split && (!candidate || split.q > candidate.q)) candidate = split;
    }
    if (!candidate) break;
    if (permutationPValue(values, bounds, candidate.q, permutations, minSegment, prng) > significance) break;
    const segment = bounds.findIndex((bound) => bound > candidate.at) - 1;
    bestOf.delete(bounds[segment] as number);
    bounds.splice(segment + 1, 0, candidate.at);
  }
  return { changePoints: bounds.slice(1, -1) };
}

/**
 * The share of permuted series (each segment shuffled within itself, so only the candidate's
 * change can vanish) whose best split is at least as strong, counting the observed one.
 */
function permutationPValue(
  values: Float64Array,
  bounds: readonly number[],
  observed: number,
  permutations: number,
  minSegment: number,
  prng: Prng,
): number {
  let atLeast = 0;
  const shuffled = Float64Array.from(values);
  for (let r = 0; r < permutations; r += 1) {
    let strongest = Number.NEGATIVE_INFINITY;
    for (let s = 0; s + 1 < bounds.length; s += 1) {
      const start = bounds[s] as number;
      const end = bounds[s + 1] as number;
      for (let i = end - 1; i > start; i -= 1) {
        const j = start + Math.floor(prng() * (i - start + 1));
        const swap = shuffled[i] as number;
        shuffled[i] = shuffled[j] as number;
        shuffled[j] = swap;
      }
      const split = bestSplit(shuffled, start, end, minSegment);
      if (split) strongest = Math.max(strongest, split.q);
    }
    if (strongest >= observed) atLeast += 1;
  }
  return (atLeast + 1) / (permutations + 1);
}

/**
 * The split of values[start, end) at tau maximising (m n / (m + n)) * E, with E the energy
 * distance between the left part [start, tau) and a right part [tau, kappa), kappa up to end:
 * letting the right part stop short of the end finds a change even when another follows it.
 */
function bestSplit(values: Float64Array, start: number, end: number, minSegment: number): Split | undefined {
  const length = end - start;
  if (length < 2 * minSegment) return undefined;
  const sums = distancePrefixSums(values, start, length);
  const width = length + 1;
  const rect = (a0: number, a1: number, b0: number, b1: number): number =>
    (sums[a1 * width + b1] as number) -
    (sums[a0 * width + b1] as number) -
    (sums[a1 * width + b0] as number) +
    (sums[a0 * width + b0] as number);
  let best: Split | undefined;
  for (let tau = minSegment; tau <= length - minSegment; tau += 1) {
    const m = tau;
    const withinLeft = rect(0, tau, 0, tau) / (m * (m - 1));
    for (let kappa = tau + minSegment; kappa <= length; kappa += 1) {
      const n = kappa - tau;
      const between = rect(0, tau, tau, kappa) / (m * n);
      const withinRight = rect(tau, kappa, tau, kappa) / (n * (n - 1));
      const q = ((m * n) / (m + n)) * (2 * between - withinLeft - withinRight);
      if (!best || q > best.q) best = { at: start + tau, q };
    }
  }
  return best;
}

/** sums[i * (L + 1) + j] = the sum of |x_a - x_b| over a < i, b < j within the segment: any block sum in O(1). */
function distancePrefixSums(values: Float64Array, start: number, length: number): Float64Array {
  const width = length + 1;
  const sums = new Float64Array(width * width);
  for (let i = 1; i <= length; i += 1) {
    const x = values[start + i - 1] as number;
    let row = 0;
    for (let j = 1; j <= length; j += 1) {
      row += Math.abs(x - (values[start + j - 1] as number));
      sums[i * width + j] = (sums[(i - 1) * width + j] as number) + row;
    }
  }
  return sums;
}
