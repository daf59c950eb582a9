/**
 * The plain-JSON shape every load runner (built-in paced, autocannon saturation, k6) returns for
 * one load step. The run's result document embeds these; renderers read them. Times are in ms.
 */

/** Latency distribution of one set of requests, from an HDR histogram. */
export interface LatencySummary {
  readonly count: number;
  readonly min: number;
  readonly mean: number;
  readonly stddev: number;
  readonly p50: number;
  readonly p75: number;
  readonly p90: number;
  readonly p95: number;
  readonly p99: number;
  readonly p999: number;
  readonly max: number;
}

/** Outcome counts. Only `errors` count toward the error rate (ARCHITECTURE.md). */
export interface RequestOutcomes {
  readonly total: number;
  readonly ok: number;
  /** 4xx responses the scenario asked for (e.g. an invalid transition it sends on purpose). */
  readonly expectedRejections: number;
  /** Errors by class: 'timeout', 'connection', 'http-5xx', 'http-4xx-unexpected', 'other'. */
  readonly errors: Readonly<Record<string, number>>;
  /** errors / total, 0..1. */
  readonly errorRate: number;
}

/** One second of the run, for latency-over-time charts. */
export interface TimelinePoint {
  /** Seconds since the step started. */
  readonly second: number;
  readonly requests: number;
  readonly errors: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
}

/** The load generator watching itself (ARCHITECTURE.md: a bottlenecked generator must say so). */
export interface GeneratorHealth {
  /** True when the generator, not the service, limited the run. */
  readonly bottleneck: boolean;
  /** Human-readable reasons when bottleneck is true (CPU saturated, timers late, rate short). */
  readonly reasons: readonly string[];
  readonly cpuPercentMean: number;
  readonly cpuPercentMax: number;
  /** p99 of the generator's event-loop delay during the step. */
  readonly eventLoopDelayP99Ms: number;
  /** Open model: the asked arrival rate (req/s). */
  readonly askedRate?: number;
  /** The achieved rate (req/s). */
  readonly achievedRate?: number;
}

export type LoadMode = 'saturation' | 'closed' | 'open';

export interface LoadRunResult {
  readonly state: 'completed' | 'errored';
  /** Set when state is 'errored'. */
  readonly error?: string;
  readonly runner: 'builtin' | 'autocannon' | 'k6';
  readonly mode: LoadMode;
  readonly durationMs: number;
  /** Concurrent users (closed), connections (saturation) or undefined (open). */
  readonly concurrency?: number;
  readonly throughputRps: number;
  readonly requests: RequestOutcomes;
  /** Latency as measured from the actual send time. */
  readonly latency: LatencySummary;
  /** Open model only: latency from the intended send time (corrected for coordinated omission). */
  readonly correctedLatency?: LatencySummary;
  /** Per route label (e.g. 'view-profile'), the same figures. */
  readonly perRoute: Readonly<Record<string, { readonly requests: RequestOutcomes; readonly latency: LatencySummary }>>;
  readonly timeline: readonly TimelinePoint[];
  readonly generator: GeneratorHealth;
}
