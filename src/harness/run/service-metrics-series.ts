/**
 * The service's /metrics read every second through a scenario: the peaks of its pool and of its
 * event-loop lag, and a series of pool and cache figures placed on the steps' timelines, so a
 * pool that ran dry during a step shows beside that step's latency.
 */
import { sumOf, type MetricSample } from '../measure/metrics-scrape.js';
import type { ServiceMetricsOverTime } from '../result/run-result.schema.js';

/** The caches the service counts hits and misses of. */
export const cacheNames = ['analytics', 'leaderboard', 'profile'] as const;

/** Where a step's measured load ran, on the `performance.now()` clock. */
export interface StepWindow {
  readonly step: string;
  readonly fromMs: number;
  readonly toMs: number;
  /** What the step's timeline counts its seconds from (see RunRecorder.measuredFromMs). */
  readonly originMs: number;
}

type Lookups = Record<string, { hits: number; misses: number }>;

interface Reading {
  readonly atMs: number;
  inUse: number;
  waiting: number;
  readonly lookups: Lookups;
}

/** About 15 minutes at one a second; a soak's half hour then keeps one every 2 s. */
const defaultLength = 900;

/** A cache's hit and miss counters in one scrape. */
export const counters = (samples: readonly MetricSample[], cache: string) => ({
  hits: sumOf(samples, 'referral_service_cache_hits_total', { cache }),
  misses: sumOf(samples, 'referral_service_cache_misses_total', { cache }),
});

/** Folds `reading` into `into` (the earlier one): the most in use and waiting, the lookups summed. */
function merge(into: Reading, reading: Reading): void {
  into.inUse = Math.max(into.inUse, reading.inUse);
  into.waiting = Math.max(into.waiting, reading.waiting);
  for (const [cache, counts] of Object.entries(reading.lookups)) {
    const sum = into.lookups[cache] ?? { hits: 0, misses: 0 };
    into.lookups[cache] = { hits: sum.hits + counts.hits, misses: sum.misses + counts.misses };
  }
}

/** Accumulates readings; never longer than `maxLength`. */
export class ServiceMetricsSeries {
  private readings: Reading[] = [];
  private intervalMs: number;
  private previous: readonly MetricSample[];
  /** The most connections checked out, requests waiting, and event-loop lag p99 (ms) read so far. */
  readonly peaks = { poolInUse: 0, poolWaiting: 0, eventLoopLagP99Ms: 0 };

  /**
   * @param first the scrape the cache counts of the first reading are taken from.
   * @param startedMs the sampling's start on the `performance.now()` clock (samples' `atS` count from it).
   * @param everyMs how often readings come.
   */
  constructor(
    first: readonly MetricSample[],
    private readonly startedMs: number,
    private readonly everyMs = 1000,
    private readonly maxLength = defaultLength,
  ) {
    this.previous = first;
    this.intervalMs = everyMs;
  }

  /** One scrape, taken at `atMs`. */
  add(atMs: number, samples: readonly MetricSample[]): void {
    const inUse = sumOf(samples, 'referral_service_db_pool_in_use');
    const waiting = sumOf(samples, 'referral_service_db_pool_waiting');
    this.peaks.poolInUse = Math.max(this.peaks.poolInUse, inUse);
    this.peaks.poolWaiting = Math.max(this.peaks.poolWaiting, waiting);
    this.peaks.eventLoopLagP99Ms = Math.max(
      this.peaks.eventLoopLagP99Ms,
      sumOf(samples, 'nodejs_eventloop_lag_p99_seconds') * 1000,
    );
    const lookups: Lookups = {};
    for (const cache of cacheNames) {
      const now = counters(samples, cache);
      const then = counters(this.previous, cache);
      // A counter that went down belongs to a restarted process (the service, or one of its workers): counted from zero.
      lookups[cache] = {
        hits: now.hits >= then.hits ? now.hits - then.hits : now.hits,
        misses: now.misses >= then.misses ? now.misses - then.misses : now.misses,
      };
    }
    this.previous = samples;
    this.append(this.readings, { atMs, inUse, waiting, lookups });
    while (this.readings.length > this.maxLength) {
      this.intervalMs *= 2;
      const longer: Reading[] = [];
      for (const reading of this.readings) this.append(longer, reading);
      this.readings = longer;
    }
  }

  /** Adds a reading to `series`, merged into its last one when both fall in one interval. */
  private append(series: Reading[], reading: Reading): void {
    const last = series.at(-1);
    if (last !== undefined && this.binOf(last) === this.binOf(reading)) merge(last, reading);
    else series.push(reading);
  }

  /**
   * The interval a reading falls in. Readings come on a grid of `everyMs` from the start, each a
   * little early or late; half a reading's interval of slack keeps each in its own bin.
   */
  private binOf(reading: Reading): number {
    return Math.floor((reading.atMs - this.startedMs + this.everyMs / 2) / this.intervalMs);
  }

  /** The series, each sample inside a step's measured load carrying the step and its timeline's second. */
  toJSON(windows: readonly StepWindow[]): ServiceMetricsOverTime {
    return {
      intervalMs: this.intervalMs,
      samples: this.readings.map((reading) => {
        const window = windows.find((candidate) => reading.atMs >= candidate.fromMs && reading.atMs <= candidate.toMs);
        const cacheHitRatio: Record<string, number> = {};
        for (const [cache, { hits, misses }] of Object.entries(reading.lookups)) {
          if (hits + misses > 0) cacheHitRatio[cache] = Math.round((hits / (hits + misses)) * 10_000) / 10_000;
        }
        return {
          atS: Math.max(0, Math.round((reading.atMs - this.startedMs) / 100) / 10),
          ...(window && {
            step: window.step,
            second: Math.max(0, Math.floor((reading.atMs - window.originMs) / 1000)),
          }),
          poolInUse: reading.inUse,
          poolWaiting: reading.waiting,
          cacheHitRatio,
        };
      }),
    };
  }
}
