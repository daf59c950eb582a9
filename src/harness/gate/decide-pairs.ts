/**
 * The CI gate's decision, pure: from paired base/head measurements of each metric to a verdict.
 * Each metric is judged by two one-sided signed-rank tests of its per-pair log-ratios against a
 * margin (an equivalence-style design): one can show a regression, the other its absence, and
 * when neither can the verdict says so instead of guessing. Holm keeps each family's error rate
 * across metrics at alpha.
 */
import { hodgesLehmann } from '../stats/hodges-lehmann.js';
import { holmAdjust } from '../stats/holm.js';
import { normalQuantile } from '../stats/normal-distribution.js';
import { signedRankTest } from '../stats/signed-rank.js';

/** One metric's paired measurements of the base and the head revision. */
export interface PairedMetric {
  /** What is measured, e.g. 'student-profile p95'. */
  readonly id: string;
  /** The unit of `base` and `head`, e.g. 'ms'. */
  readonly unit: string;
  /** True for throughput-like metrics, false for latency-like ones. */
  readonly higherIsBetter: boolean;
  /** One entry per interleaved pair of short runs. */
  readonly pairs: readonly { readonly base: number; readonly head: number }[];
}

/** Options of {@link decidePairs}. */
export interface GateDecisionOptions {
  /** A change worse than this percentage counts as a regression; less than it, as none. @default 5 */
  readonly marginPct?: number;
  /** Family-wise error rate of each of the two families of tests. @default 0.01 */
  readonly alpha?: number;
}

/** What the gate concludes, for one metric or for all. */
export type GateVerdict = 'regression' | 'no regression' | 'inconclusive';

/** The decision on one metric. */
export interface MetricDecision {
  /** The metric's id. */
  readonly id: string;
  /** The metric's unit. */
  readonly unit: string;
  /** Pairs used: those with both values positive and finite. */
  readonly pairs: number;
  /** Head vs base in percent, positive = worse: the Hodges-Lehmann estimate of the log-ratio. NaN with no pair. */
  readonly changePct: number;
  /** Lower end of its exact 95% interval; absent below 6 pairs. */
  readonly lowerPct?: number;
  /** Upper end of its exact 95% interval; absent below 6 pairs. */
  readonly upperPct?: number;
  /** One-sided signed-rank p-value for "worse by more than the margin". */
  readonly pRegression: number;
  /** One-sided signed-rank p-value for "not worse by more than the margin". */
  readonly pNoRegression: number;
  /** `pRegression` Holm-adjusted across the metrics. */
  readonly adjustedPRegression: number;
  /** `pNoRegression` Holm-adjusted across the metrics. */
  readonly adjustedPNoRegression: number;
  /** This metric's verdict. */
  readonly verdict: GateVerdict;
  /**
   * Smallest worsening (percent) that this many pairs at this spread could detect at the alpha
   * with 80% power: exp(m + (z(1 - alpha/k) + z(0.8)) * 1.05 * s / sqrt(n)) - 1, a normal
   * approximation (1.05 for the signed-rank test's efficiency relative to the t test, k the
   * metric count, s the sd of the log-ratios). Infinity below 2 pairs, and where n pairs' smallest
   * possible p-value (2^-n) is above alpha / k.
   */
  readonly detectablePct: number;
}

/** The decision on all metrics. */
export interface GateDecision {
  /** 'regression' if any metric is; 'no regression' if every metric is; else 'inconclusive'. */
  readonly verdict: GateVerdict;
  /** The margin used, percent. */
  readonly marginPct: number;
  /** The family-wise alpha used. */
  readonly alpha: number;
  /** Per metric, in input order. */
  readonly metrics: MetricDecision[];
}

/** Decides whether the head revision regressed any metric by more than the margin. */
export function decidePairs(metrics: readonly PairedMetric[], options: GateDecisionOptions = {}): GateDecision {
  const marginPct = options.marginPct ?? 5;
  const alpha = options.alpha ?? 0.01;
  const margin = Math.log1p(marginPct / 100);
  return decideJudged(
    metrics.map((metric) => judge(metric, margin, alpha, metrics.length)),
    marginPct,
    alpha,
  );
}

/** Holm across the metrics' two families of one-sided tests, then each metric's and the overall verdict. */
export function decideJudged(judged: readonly JudgedMetric[], marginPct: number, alpha: number): GateDecision {
  const adjustedRegression = holmAdjust(judged.map((metric) => metric.pRegression));
  const adjustedNoRegression = holmAdjust(judged.map((metric) => metric.pNoRegression));
  const decided = judged.map((metric, i): MetricDecision => {
    const adjustedPRegression = adjustedRegression[i] as number;
    const adjustedPNoRegression = adjustedNoRegression[i] as number;
    const verdict: GateVerdict =
      adjustedPRegression <= alpha ? 'regression' : adjustedPNoRegression <= alpha ? 'no regression' : 'inconclusive';
    return { ...metric, adjustedPRegression, adjustedPNoRegression, verdict };
  });
  return { verdict: overall(decided), marginPct, alpha, metrics: decided };
}

function overall(metrics: readonly MetricDecision[]): GateVerdict {
  if (metrics.some((metric) => metric.verdict === 'regression')) return 'regression';
  // No metric at all shows nothing, so it cannot pass as "no regression".
  if (metrics.length > 0 && metrics.every((metric) => metric.verdict === 'no regression')) return 'no regression';
  return 'inconclusive';
}

/** A metric's tests before the correction across metrics. */
export type JudgedMetric = Omit<MetricDecision, 'adjustedPRegression' | 'adjustedPNoRegression' | 'verdict'>;

function judge(metric: PairedMetric, margin: number, alpha: number, metricCount: number): JudgedMetric {
  // Log-ratios oriented so that positive is worse; a ratio needs both values positive.
  const worse = metric.pairs
    .filter(({ base, head }) => base > 0 && head > 0 && Number.isFinite(base) && Number.isFinite(head))
    .map(({ base, head }) => (metric.higherIsBetter ? Math.log(base / head) : Math.log(head / base)));
  const beyondMargin = worse.map((d) => d - margin);
  const common = {
    id: metric.id,
    unit: metric.unit,
    pairs: worse.length,
    pRegression: signedRankTest(beyondMargin, 'greater').pValue,
    pNoRegression: signedRankTest(beyondMargin, 'less').pValue,
    detectablePct: detectablePct(worse, margin, alpha, metricCount),
  };
  if (worse.length === 0) return { ...common, changePct: Number.NaN };
  const estimate = hodgesLehmann(worse, 0.95);
  return {
    ...common,
    changePct: toPct(estimate.estimate),
    ...(estimate.lower === undefined ? {} : { lowerPct: toPct(estimate.lower) }),
    ...(estimate.upper === undefined ? {} : { upperPct: toPct(estimate.upper) }),
  };
}

function detectablePct(worse: readonly number[], margin: number, alpha: number, metricCount: number): number {
  const n = worse.length;
  // n pairs give no one-sided signed-rank p-value below 2^-n: above alpha / k, nothing is detectable
  if (n < 2 || 2 ** -n > alpha / metricCount) return Number.POSITIVE_INFINITY;
  const mean = worse.reduce((sum, d) => sum + d, 0) / n;
  const sd = Math.sqrt(worse.reduce((sum, d) => sum + (d - mean) ** 2, 0) / (n - 1));
  const zAlpha = normalQuantile(1 - alpha / metricCount);
  const zPower = normalQuantile(0.8);
  return toPct(margin + ((zAlpha + zPower) * sd * 1.05) / Math.sqrt(n));
}

export const toPct = (logRatio: number): number => Math.expm1(logRatio) * 100;
