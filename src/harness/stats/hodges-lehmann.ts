// Own code: no maintained npm package gives the Hodges-Lehmann estimate with its exact signed-rank interval.
/** The Hodges-Lehmann estimate of a sample's centre, with the confidence interval the signed-rank test inverts to. */
import { normalQuantile, normalCdf } from './normal-distribution.js';
import { medianOfSorted, sortAscending } from './order-statistics.js';
import { exactSignedRankLimit, signedRankCdf } from './signed-rank.js';

/** The outcome of {@link hodgesLehmann}. */
export interface HodgesLehmannResult {
  /** The median of the Walsh averages (x_i + x_j) / 2, i <= j. */
  readonly estimate: number;
  /** W_(k), the interval's lower end; absent when the sample is too small to reach the confidence (n = 5 at 95%). */
  readonly lower?: number;
  /** W_(N+1-k), the interval's upper end; absent with `lower`. */
  readonly upper?: number;
  /** The interval's true coverage under the null distribution: at least the confidence asked for. */
  readonly achievedConfidence?: number;
}

/**
 * The Hodges-Lehmann estimate and its interval [W_(k), W_(N+1-k)] over the N sorted Walsh
 * averages, k - 1 being the largest c with P(W+ <= c) <= (1 - confidence) / 2: the exact null
 * distribution for n <= 50 (assuming no ties), the normal approximation beyond.
 * @param confidence two-sided coverage. @default 0.95
 */
export function hodgesLehmann(sample: readonly number[], confidence = 0.95): HodgesLehmannResult {
  const n = sample.length;
  if (n === 0) throw new RangeError('hodgesLehmann needs at least one value');
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  const walsh = sortAscending(walshAverages(sample));
  const estimate = medianOfSorted(walsh);
  const cut = lowerCriticalValue(n, (1 - confidence) / 2);
  if (cut === undefined) return { estimate };
  const k = cut.c + 1;
  return {
    estimate,
    lower: walsh[k - 1] as number,
    upper: walsh[walsh.length - k] as number,
    achievedConfidence: 1 - 2 * cut.tail,
  };
}

function walshAverages(sample: readonly number[]): Float64Array {
  const n = sample.length;
  const averages = new Float64Array((n * (n + 1)) / 2);
  let at = 0;
  for (let i = 0; i < n; i += 1) {
    for (let j = i; j < n; j += 1) averages[at++] = ((sample[i] as number) + (sample[j] as number)) / 2;
  }
  return averages;
}

/** The largest c with P(W+ <= c) <= tail, and that probability; undefined when even P(W+ <= 0) exceeds it. */
function lowerCriticalValue(n: number, tail: number): { c: number; tail: number } | undefined {
  if (n <= exactSignedRankLimit) {
    const cdf = signedRankCdf(n);
    let c = -1;
    // A relative slack so a tail equal to the target up to rounding (0.05 / 2 against k / 2^n) counts as within it.
    while (c + 1 < cdf.length && (cdf[c + 1] as number) <= tail * (1 + 1e-12)) c += 1;
    return c < 0 ? undefined : { c, tail: cdf[c] as number };
  }
  const mean = (n * (n + 1)) / 4;
  const sd = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24);
  // With the continuity correction P(W+ <= c) ~ Phi((c + 0.5 - mean) / sd).
  const c = Math.floor(mean - 0.5 + normalQuantile(tail) * sd);
  return c < 0 ? undefined : { c, tail: normalCdf((c + 0.5 - mean) / sd) };
}
