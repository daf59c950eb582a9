/**
 * The gate's decision on two sets of repetitions that were not interleaved (two stored runs):
 * per metric, two one-sided Welch t tests of the log figures against the margin, then the same
 * Holm correction and verdicts as decidePairs. Welch rather than signed-rank: six unpaired
 * repetitions a side give a rank test no p-value below 1/64, which no corrected alpha reaches.
 */
import { normalQuantile } from '../stats/normal-distribution.js';
import { tQuantile } from '../stats/student-t.js';
import { welchTest } from '../stats/welch.js';
import { decideJudged, toPct, type GateDecision, type GateDecisionOptions, type JudgedMetric } from './decide-pairs.js';

/** One metric's repetitions on each side. */
export interface SampledMetric {
  readonly id: string;
  readonly unit: string;
  readonly higherIsBetter: boolean;
  readonly base: readonly number[];
  readonly head: readonly number[];
}

/** Decides whether the head side is worse than the base side by more than the margin, metric by metric. */
export function decideSamples(metrics: readonly SampledMetric[], options: GateDecisionOptions = {}): GateDecision {
  const marginPct = options.marginPct ?? 5;
  const alpha = options.alpha ?? 0.01;
  const margin = Math.log1p(marginPct / 100);
  return decideJudged(
    metrics.map((metric) => judge(metric, margin, alpha, metrics.length)),
    marginPct,
    alpha,
  );
}

function judge(metric: SampledMetric, margin: number, alpha: number, metricCount: number): JudgedMetric {
  const logs = (values: readonly number[]) =>
    values.filter((value) => value > 0 && Number.isFinite(value)).map(Math.log);
  // Oriented so that a positive difference is worse.
  const [worse, better] = metric.higherIsBetter
    ? [logs(metric.base), logs(metric.head)]
    : [logs(metric.head), logs(metric.base)];
  const pairs = Math.min(worse.length, better.length);
  if (worse.length < 2 || better.length < 2) {
    return {
      id: metric.id,
      unit: metric.unit,
      pairs,
      changePct: Number.NaN,
      pRegression: 1,
      pNoRegression: 1,
      detectablePct: Number.POSITIVE_INFINITY,
    };
  }
  const regression = welchTest(worse, better, 'greater', margin);
  const noRegression = welchTest(worse, better, 'less', margin);
  const difference = regression.difference + margin;
  const halfWidth = Number.isFinite(regression.df) ? tQuantile(0.975, regression.df) * regression.standardError : 0;
  const zAlpha = normalQuantile(1 - alpha / metricCount);
  return {
    id: metric.id,
    unit: metric.unit,
    pairs,
    changePct: toPct(difference),
    lowerPct: toPct(difference - halfWidth),
    upperPct: toPct(difference + halfWidth),
    pRegression: regression.pValue,
    pNoRegression: noRegression.pValue,
    detectablePct: toPct(margin + (zAlpha + normalQuantile(0.8)) * regression.standardError),
  };
}
