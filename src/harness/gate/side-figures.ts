/** What one side's run in a pair contributes to the gate: per gated route p50, p95 and throughput, and the error count. */
import type { runOpenModel } from '../runners/open-model-runner.js';

/** The result of one open-model run, whatever module defines its type. */
type OpenModelResult = Awaited<ReturnType<typeof runOpenModel>>;

/** One route's figures in one run. */
export interface RouteFigures {
  /** Requests recorded (completed or failed). */
  readonly requests: number;
  readonly errors: number;
  /** Latency from the actual send, ms. */
  readonly p50Ms: number;
  readonly p95Ms: number;
  /** Requests of this route per second of the run's measured duration (which ends with the last answer). */
  readonly throughputRps: number;
}

/** One side's run in one pair. */
export interface SideFigures {
  /** From the first scheduled arrival to the last answer, ms. */
  readonly durationMs: number;
  readonly requests: number;
  readonly errors: number;
  /** errors / requests, 0..1. */
  readonly errorRate: number;
  /** Errors by class ('http-5xx', 'timeout', ...). */
  readonly errorsByClass: Readonly<Record<string, number>>;
  readonly achievedRate: number | undefined;
  /** The generator, not the service, limited the run: its figures cannot be trusted. */
  readonly bottleneck: boolean;
  readonly bottleneckReasons: readonly string[];
  /** The generator's own health during the run: p99 event-loop delay (ms) and CPU (% of one core). */
  readonly generator: {
    readonly eventLoopDelayP99Ms: number;
    readonly cpuPercentMean: number;
    readonly cpuPercentMax: number;
  };
  /** Every gated route, in the gate's order; a route the run never drew has zero requests. */
  readonly routes: Readonly<Record<string, RouteFigures>>;
}

const sum = (values: Readonly<Record<string, number>>): number => Object.values(values).reduce((a, b) => a + b, 0);

/** Reduces a run's result to the gate's figures. */
export function sideFigures(result: OpenModelResult, routes: readonly string[]): SideFigures {
  const seconds = result.durationMs / 1000;
  const routeFigures: Record<string, RouteFigures> = {};
  for (const route of routes) {
    const figures = result.perRoute[route];
    const requests = figures?.requests.total ?? 0;
    routeFigures[route] = {
      requests,
      errors: figures ? sum(figures.requests.errors) : 0,
      p50Ms: figures?.latency.p50 ?? 0,
      p95Ms: figures?.latency.p95 ?? 0,
      throughputRps: seconds > 0 ? requests / seconds : 0,
    };
  }
  const errors = sum(result.requests.errors);
  return {
    durationMs: result.durationMs,
    requests: result.requests.total,
    errors,
    errorRate: result.requests.total > 0 ? errors / result.requests.total : 0,
    errorsByClass: { ...result.requests.errors },
    achievedRate: result.generator.achievedRate,
    bottleneck: result.generator.bottleneck,
    bottleneckReasons: [...result.generator.reasons],
    generator: {
      eventLoopDelayP99Ms: result.generator.eventLoopDelayP99Ms,
      cpuPercentMean: result.generator.cpuPercentMean,
      cpuPercentMax: result.generator.cpuPercentMax,
    },
    routes: routeFigures,
  };
}
