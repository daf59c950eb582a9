// Own code: @stdlib/stats-wilcoxon has the test but no Hodges-Lehmann interval, which needs this null distribution too.
/** The Wilcoxon signed-rank test of one sample of differences against zero. */
import { normalCdf, normalSf } from './normal-distribution.js';

/** Which side of zero the alternative hypothesis puts the differences' centre. */
export type Alternative = 'greater' | 'less' | 'two-sided';

/** The outcome of {@link signedRankTest}. */
export interface SignedRankResult {
  /** Non-zero differences ranked (zeros are dropped, SciPy's zero_method='wilcox'). */
  readonly n: number;
  /** The sum of the ranks of the positive differences (average ranks for ties). */
  readonly wPlus: number;
  /** The p-value for the alternative; 1 when no non-zero difference is left. */
  readonly pValue: number;
  /** 'exact' with no ties and n <= 50 or with ties and n <= 13; otherwise the normal approximation. */
  readonly method: 'exact' | 'normal';
}

/** Largest n with an exact test: beyond it SciPy switches to the normal approximation, and so do we. */
export const exactSignedRankLimit = 50;

/** Largest n with ties for which the exact distribution is used: SciPy's limit for enumerating sign flips. */
const exactTiedLimit = 13;

const cdfCache = new Map<number, Float64Array>();

/**
 * The null CDF of W+ for n untied non-zero differences: element w is P(W+ <= w), w = 0..n(n+1)/2.
 * Counted by dynamic programming over the ranks (each rank in or out of W+); counts stay below
 * 2^53 up to n = 50, so the distribution is exact there, and accurate to rounding beyond.
 */
export function signedRankCdf(n: number): Float64Array {
  const cached = cdfCache.get(n);
  if (cached) return cached;
  const cdf = cdfOfRankSum(Array.from({ length: n }, (_, i) => i + 1));
  cdfCache.set(n, cdf);
  return cdf;
}

/** P(sum of a random subset of the integer ranks <= s), s = 0..sum of ranks, each rank in with probability 1/2. */
function cdfOfRankSum(ranks: readonly number[]): Float64Array {
  const max = ranks.reduce((sum, rank) => sum + rank, 0);
  const counts = new Float64Array(max + 1);
  counts[0] = 1;
  let reach = 0;
  for (const rank of ranks) {
    reach += rank;
    for (let w = reach; w >= rank; w -= 1) counts[w] = (counts[w] as number) + (counts[w - rank] as number);
  }
  const cdf = new Float64Array(max + 1);
  const total = 2 ** ranks.length;
  let running = 0;
  for (let w = 0; w <= max; w += 1) {
    running += counts[w] as number;
    cdf[w] = running / total;
  }
  return cdf;
}

/**
 * Tests whether the differences are centred above ('greater'), below ('less') or away from
 * ('two-sided') zero, as scipy.stats.wilcoxon(zero_method='wilcox', correction=True,
 * method='auto') does: the exact null distribution without ties up to n = 50; with ties up to
 * n = 13 the exact distribution of the tied ranks (SciPy enumerates the same 2^n sign flips);
 * otherwise the normal approximation with tie and continuity corrections. One difference: with
 * zeros SciPy leaves the exact method, while this drops them first and keeps it.
 */
export function signedRankTest(differences: readonly number[], alternative: Alternative): SignedRankResult {
  const nonZero = differences.filter((value) => value !== 0);
  const n = nonZero.length;
  if (n === 0) return { n, wPlus: 0, pValue: 1, method: 'exact' };
  const { ranks, tieGroupSizes } = averageRanks(nonZero.map(Math.abs));
  let wPlus = 0;
  nonZero.forEach((value, i) => {
    if (value > 0) wPlus += ranks[i] as number;
  });
  if (tieGroupSizes.length === 0 && n <= exactSignedRankLimit) {
    return { n, wPlus, pValue: exactPValue(signedRankCdf(n), wPlus, alternative), method: 'exact' };
  }
  if (n <= exactTiedLimit) {
    // Average ranks are whole or half: doubled, they count like untied ranks.
    const cdf = cdfOfRankSum(ranks.map((rank) => rank * 2));
    return { n, wPlus, pValue: exactPValue(cdf, wPlus * 2, alternative), method: 'exact' };
  }
  return { n, wPlus, pValue: normalPValue(n, wPlus, tieGroupSizes, alternative), method: 'normal' };
}

function exactPValue(cdf: Float64Array, wPlus: number, alternative: Alternative): number {
  const atMost = (w: number): number => (w < 0 ? 0 : (cdf[Math.min(w, cdf.length - 1)] as number));
  const less = atMost(wPlus);
  // P(W+ >= w) from the other tail by symmetry (flipping every sign maps W+ to max - W+), not
  // 1 - cdf, so small upper-tail p-values keep their digits.
  const greater = atMost(cdf.length - 1 - wPlus);
  if (alternative === 'less') return less;
  if (alternative === 'greater') return greater;
  return Math.min(1, 2 * Math.min(less, greater));
}

function normalPValue(n: number, wPlus: number, tieGroupSizes: readonly number[], alternative: Alternative): number {
  const mean = (n * (n + 1)) / 4;
  const tieCorrection = tieGroupSizes.reduce((sum, t) => sum + t * t * t - t, 0);
  const sd = Math.sqrt((n * (n + 1) * (2 * n + 1) - tieCorrection / 2) / 24);
  if (sd === 0) return 1;
  const z = (wPlus - mean) / sd;
  // The continuity correction moves W+ half a step towards the mean of its alternative's tail.
  const shift = alternative === 'greater' ? 0.5 : alternative === 'less' ? -0.5 : Math.sign(z) * 0.5;
  const corrected = z - shift / sd;
  if (alternative === 'greater') return normalSf(corrected);
  if (alternative === 'less') return normalCdf(corrected);
  return Math.min(1, 2 * normalSf(Math.abs(corrected)));
}

/** Ranks 1..n with ties given their average rank, and the sizes of the tied groups (2 or more). */
function averageRanks(values: readonly number[]): { ranks: number[]; tieGroupSizes: number[] } {
  const order = values.map((_, i) => i).sort((a, b) => (values[a] as number) - (values[b] as number));
  const ranks = new Array<number>(values.length);
  const tieGroupSizes: number[] = [];
  let start = 0;
  while (start < order.length) {
    let end = start + 1;
    while (end < order.length && values[order[end] as number] === values[order[start] as number]) end += 1;
    const rank = (start + 1 + end) / 2;
    for (let i = start; i < end; i += 1) ranks[order[i] as number] = rank;
    if (end - start > 1) tieGroupSizes.push(end - start);
    start = end;
  }
  return { ranks, tieGroupSizes };
}
