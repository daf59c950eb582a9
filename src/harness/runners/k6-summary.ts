/** Converts k6's `--summary-export` JSON into the LoadRunResult every runner returns. */
import type {
  GeneratorHealth,
  LatencySummary,
  LoadMode,
  LoadRunResult,
  RequestOutcomes,
} from '../result/load-result.schema.js';

/** The trend statistics asked of k6 (`--summary-trend-stats`), so the summary has every percentile we report. */
export const k6TrendStats = 'avg,min,med,max,p(75),p(90),p(95),p(99),p(99.9)';

type Trend = Readonly<Record<string, number>>;
/** The parts of k6's summary export read here. */
export interface K6SummaryExport {
  readonly metrics: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

const number = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/**
 * k6 exports no standard deviation and no histogram, so stddev is 0 and percentiles of several
 * k6 runs cannot be merged: combine k6 steps only by rerunning them as one.
 */
function latencyOf(trend: Trend | undefined, count: number): LatencySummary {
  const at = (key: string): number => Math.round(number(trend?.[key]) * 1000) / 1000;
  return {
    count,
    min: at('min'),
    mean: at('avg'),
    stddev: 0,
    p50: at('med'),
    p75: at('p(75)'),
    p90: at('p(90)'),
    p95: at('p(95)'),
    p99: at('p(99)'),
    p999: at('p(99.9)'),
    max: at('max'),
  };
}

/**
 * Outcomes from k6's counts: http_req_failed's passes are the requests failed by their status (k6
 * counts a true rate sample as a pass), corrected by the script's counts of requests whose reading
 * of the response disagreed with the status, so the outcomes are the built-in runner's.
 */
function outcomesOf(
  total: number,
  failedByStatus: number,
  rejections: number,
  corrections: { readonly errorsOnPassingStatus: number; readonly nonErrorsOnFailingStatus: number },
): RequestOutcomes {
  const failed = Math.max(0, failedByStatus + corrections.errorsOnPassingStatus - corrections.nonErrorsOnFailingStatus);
  return {
    total,
    ok: Math.max(0, total - failed - rejections),
    expectedRejections: rejections,
    // k6's summary does not tell failures apart; 'other' keeps them counted.
    errors: failed > 0 ? { other: failed } : {},
    errorRate: total === 0 ? 0 : failed / total,
  };
}

/** The step's context the summary does not carry. */
export interface K6StepInfo {
  readonly mode: Exclude<LoadMode, 'saturation'>;
  readonly concurrency?: number;
  /** The measured load's length, ms (the warm-up left out, as the figures leave it out). */
  readonly durationMs: number;
  /** The journey's route labels, for per-route figures. */
  readonly routes: readonly string[];
  /** Repetitions the script tagged the measured load with. @default 1 */
  readonly repetitions?: number;
  readonly generator: GeneratorHealth;
}

/** The figures of the requests with `tags` (k6 sub-metrics named in the script's thresholds). */
function figuresOf(metrics: K6SummaryExport['metrics'], tags: string, routes: readonly string[], durationMs: number) {
  const metric = (name: string, routeTags: string = tags) => metrics[`${name}{${routeTags}}`];
  const total = number(metric('http_reqs')?.count);
  const corrections = (routeTags: string = tags) => ({
    errorsOnPassingStatus: number(metric('errors_on_passing_status', routeTags)?.count),
    nonErrorsOnFailingStatus: number(metric('non_errors_on_failing_status', routeTags)?.count),
  });
  const requests = outcomesOf(
    total,
    number(metric('http_req_failed')?.passes),
    number(metric('expected_rejections')?.count),
    corrections(),
  );
  const perRoute: Record<string, { requests: RequestOutcomes; latency: LatencySummary }> = {};
  for (const route of routes) {
    const routeTags = `name:${route},${tags}`;
    const trend = metric('http_req_duration', routeTags) as Trend | undefined;
    const count = number(metric('http_reqs', routeTags)?.count);
    if (trend !== undefined && count > 0) {
      perRoute[route] = {
        requests: outcomesOf(
          count,
          number(metric('http_req_failed', routeTags)?.passes),
          number(metric('expected_rejections', routeTags)?.count),
          corrections(routeTags),
        ),
        latency: latencyOf(trend, count),
      };
    }
  }
  return {
    throughputRps: durationMs > 0 ? Math.round((total / durationMs) * 1000 * 10) / 10 : 0,
    requests,
    latency: latencyOf(metric('http_req_duration') as Trend | undefined, total),
    perRoute,
  };
}

/**
 * Requests a second the script sent in the measured load: the measured phase's count over its
 * length. k6's own http_reqs rate divides every request by the whole test's time, warm-up and the
 * graceful stop's tail included, and would read an open model that kept up as falling behind.
 */
export function measuredRate(summary: K6SummaryExport, durationMs: number): number {
  return durationMs > 0 ? (number(summary.metrics['http_reqs{phase:measured}']?.count) / durationMs) * 1000 : 0;
}

/**
 * The LoadRunResult of one k6 run: the measured phase's figures, each repetition summarised on
 * its own from the requests the script tagged with it. k6 exports percentiles, not histograms, so
 * a repetition's figures come from k6 as they are (never merged from smaller parts).
 */
export function k6SummaryToLoadRunResult(summary: K6SummaryExport, step: K6StepInfo): LoadRunResult {
  const count = Math.max(1, step.repetitions ?? 1);
  const whole = figuresOf(summary.metrics, 'phase:measured', step.routes, step.durationMs);
  const repetitionMs = step.durationMs / count;
  const repetitions = Array.from({ length: count }, (_, index) => ({
    index,
    durationMs: Math.round(repetitionMs),
    ...figuresOf(summary.metrics, `phase:measured,rep:${index}`, step.routes, repetitionMs),
  })).filter((repetition) => repetition.requests.total > 0);
  return {
    state: 'completed',
    runner: 'k6',
    mode: step.mode,
    durationMs: Math.round(step.durationMs),
    ...(step.concurrency === undefined ? {} : { concurrency: step.concurrency }),
    ...whole,
    repetitions,
    timeline: [],
    generator: step.generator,
  };
}
