/**
 * A/B gate for CI: compares a candidate run with a baseline run row by row and flags a
 * regression only when a figure got worse by more than the noise threshold and, where the runs
 * carry the data to tell, by more than their run-to-run variation. Noise must not fail CI.
 */
import type { RunResult, StepResult } from '../result/run-result.schema.js';
import type { TargetEvaluation } from '../result/target-evaluation.schema.js';

export interface GateOptions {
  /** A figure must be worse by more than this percentage of the baseline to count. @default 10 */
  readonly noiseThresholdPct?: number;
}

export interface MetricComparison {
  readonly id: string;
  readonly label: string;
  readonly unit: string;
  readonly baseline: number;
  readonly candidate: number;
  /** How much worse the candidate is, in percent of the baseline (negative: better). Absent when the baseline is 0. */
  readonly worsePct?: number;
  readonly regression: boolean;
  /** Why a worse figure was not flagged, or what flagged it. */
  readonly note: string;
}

export interface GateResult {
  readonly passed: boolean;
  readonly regressions: readonly MetricComparison[];
  readonly comparisons: readonly MetricComparison[];
}

/** How many standard errors apart two figures must be before the difference is taken as real. */
const variationSigmas = 2;

export function compareResults(baseline: RunResult, candidate: RunResult, options: GateOptions = {}): GateResult {
  const threshold = options.noiseThresholdPct ?? 10;
  const comparisons = candidate.targets.flatMap((row) => {
    const before = baseline.targets.find((candidateRow) => candidateRow.id === row.id);
    if (before?.measured === undefined || row.measured === undefined) return [];
    return [compare(before, row, threshold, variation(baseline, before), variation(candidate, row))];
  });
  const regressions = comparisons.filter((comparison) => comparison.regression);
  return { passed: regressions.length === 0, regressions, comparisons };
}

function compare(before: TargetEvaluation, after: TargetEvaluation, threshold: number, spreadBefore?: Spread, spreadAfter?: Spread): MetricComparison {
  const base = before.measured ?? 0;
  const value = after.measured ?? 0;
  const worse = after.comparison === '<=' ? value - base : base - value;
  const common = { id: after.id, label: after.label, unit: after.unit, baseline: base, candidate: value };
  if (base === 0) {
    // No percentage of zero exists: any worsening of a zero figure (an error rate) is a regression.
    return { ...common, regression: worse > 0, note: worse > 0 ? 'worse than a baseline of 0' : 'unchanged at 0' };
  }
  const worsePct = (worse / Math.abs(base)) * 100;
  if (worsePct <= threshold) return { ...common, worsePct, regression: false, note: `within the ${threshold}% noise threshold` };
  if (spreadBefore && spreadAfter) {
    const standardError = Math.sqrt(spreadBefore.variance / spreadBefore.samples + spreadAfter.variance / spreadAfter.samples);
    if (worse <= variationSigmas * standardError) {
      return { ...common, worsePct, regression: false, note: `within run-to-run variation (${variationSigmas} x ${standardError.toFixed(3)} ${after.unit})` };
    }
  }
  return { ...common, worsePct, regression: true, note: `worse by ${worsePct.toFixed(1)}%, beyond the ${threshold}% noise threshold` };
}

interface Spread {
  readonly variance: number;
  readonly samples: number;
}

/**
 * The sampling spread of a latency figure, when the run recorded one: for the mean, the
 * histogram's own standard deviation over its count; for p50/p95/p99, the spread of that
 * percentile across the step's one-second timeline points.
 */
function variation(result: RunResult, row: TargetEvaluation): Spread | undefined {
  const match = /^load\.latency\.(mean|p50|p95|p99)$/.exec(row.statistic);
  const load = match ? findStep(result, row.scenario, row.step)?.load : undefined;
  if (!match || !load) return undefined;
  if (match[1] === 'mean') return load.latency.count > 1 ? { variance: load.latency.stddev ** 2, samples: load.latency.count } : undefined;
  const key = match[1] as 'p50' | 'p95' | 'p99';
  const values = load.timeline.map((point) => point[key]);
  if (values.length < 3) return undefined;
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1);
  return { variance, samples: values.length };
}

function findStep(result: RunResult, scenario: string, label: string): StepResult | undefined {
  return result.scenarios.find((candidate) => candidate.name === scenario)?.steps.find((step) => step.label === label);
}
