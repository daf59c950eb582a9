/** Converts k6's `--summary-export` JSON into the LoadRunResult every runner returns. */
import type { GeneratorHealth, LatencySummary, LoadMode, LoadRunResult, RequestOutcomes } from '../result/load-result.schema.js';

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
    count, min: at('min'), mean: at('avg'), stddev: 0, p50: at('med'), p75: at('p(75)'), p90: at('p(90)'),
    p95: at('p(95)'), p99: at('p(99)'), p999: at('p(99.9)'), max: at('max'),
  };
}

/** Outcomes from k6's counts: http_req_failed's passes are failed requests (k6 counts a true rate sample as a pass). */
function outcomesOf(total: number, failed: number, rejections: number): RequestOutcomes {
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
  readonly durationMs: number;
  /** The journey's route labels, for per-route figures. */
  readonly routes: readonly string[];
  readonly generator: GeneratorHealth;
}

/** The LoadRunResult of one k6 run. */
export function k6SummaryToLoadRunResult(summary: K6SummaryExport, step: K6StepInfo): LoadRunResult {
  const metrics = summary.metrics;
  const total = number(metrics.http_reqs?.count);
  const failed = number(metrics.http_req_failed?.passes);
  const rejections = number(metrics.expected_rejections?.count);
  const perRoute: Record<string, { requests: RequestOutcomes; latency: LatencySummary }> = {};
  for (const route of step.routes) {
    const trend = metrics[`http_req_duration{name:${route}}`] as Trend | undefined;
    const count = number(metrics[`http_reqs{name:${route}}`]?.count);
    if (trend !== undefined) perRoute[route] = { requests: outcomesOf(count, number(metrics[`http_req_failed{name:${route}}`]?.passes), 0), latency: latencyOf(trend, count) };
  }
  const throughputRps = Math.round(number(metrics.http_reqs?.rate) * 10) / 10;
  const requests = outcomesOf(total, failed, rejections);
  const latency = latencyOf(metrics.http_req_duration as Trend | undefined, total);
  return {
    state: 'completed',
    runner: 'k6',
    mode: step.mode,
    durationMs: Math.round(step.durationMs),
    ...(step.concurrency === undefined ? {} : { concurrency: step.concurrency }),
    throughputRps,
    requests,
    latency,
    perRoute,
    // k6 exports one summary per run: the whole step is its only repetition.
    repetitions: [{ index: 0, durationMs: Math.round(step.durationMs), throughputRps, requests, latency, perRoute }],
    timeline: [],
    generator: step.generator,
  };
}
