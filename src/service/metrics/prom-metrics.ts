/**
 * The service's metrics in Prometheus form, on a registry of its own (never prom-client's global
 * one, so two apps in one process, as in tests, do not share counters). Event-loop lag comes with
 * the default process metrics (`nodejs_eventloop_lag_*_seconds`, sampled by monitorEventLoopDelay
 * and reset at every scrape).
 */
import {
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  Registry,
  type MetricObjectWithValues,
  type MetricValue,
} from 'prom-client';
import type { CacheName } from '../cache/cache.js';
import type { ServiceMetrics } from './service-metrics.js';
import type { SlowOperationRecorder } from './slow-operation-recorder.js';

/** What the metrics read from the connection pool (node-postgres's Pool has these). */
export interface PoolStats {
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
}

export interface PromMetricsOptions {
  readonly pool: PoolStats;
  /** The pool's size limit (`pool.max`): what is available is this less the connections in use. */
  readonly poolMax: number;
  /** Receives every operation; keeps the slow ones for referral_performance_metrics. */
  readonly recorder?: SlowOperationRecorder;
}

export type PromMetrics = ServiceMetrics & {
  /** Content-Type header for the `/metrics` response. */
  readonly contentType: string;
  /** The exposition text. */
  render(): Promise<string>;
  /** The same metrics as prom-client's JSON, which a cluster primary sums across workers. */
  toJSON(): Promise<MetricObjectWithValues<MetricValue<string>>[]>;
};

/**
 * Latency buckets in seconds: the targets range from about a millisecond to a few seconds. Every
 * warning and critical level of the alert rules is a boundary, so a p95 compared with one is exact
 * rather than interpolated inside a bucket.
 */
const latencyBuckets = [
  0.0005, 0.001, 0.002, 0.004, 0.008, 0.016, 0.032, 0.04, 0.05, 0.064, 0.08, 0.1, 0.128, 0.256, 0.512, 1, 1.5, 2, 2.5,
  3, 5,
];

export function createPromMetrics(options: PromMetricsOptions): PromMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const { pool, poolMax, recorder } = options;

  const requests = new Histogram({
    name: 'referral_service_http_request_duration_seconds',
    help: 'HTTP request duration by route pattern, method and status code',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: latencyBuckets,
    registers,
  });
  const operations = new Histogram({
    name: 'referral_service_db_operation_duration_seconds',
    help: 'Database operation duration by query type',
    labelNames: ['query_type'] as const,
    buckets: latencyBuckets,
    registers,
  });
  new Gauge({
    name: 'referral_service_db_pool_in_use',
    help: 'Pool connections checked out',
    registers,
    collect() {
      this.set(pool.totalCount - pool.idleCount);
    },
  });
  new Gauge({
    name: 'referral_service_db_pool_idle',
    help: 'Pool connections open and idle',
    registers,
    collect() {
      this.set(pool.idleCount);
    },
  });
  new Gauge({
    name: 'referral_service_db_pool_available',
    help: 'Pool connections that can still be checked out (the limit less those in use); across workers, the fewest of any worker',
    registers,
    // Each worker has a pool of its own: a sum would hide one worker's exhausted pool behind another's idle one.
    aggregator: 'min',
    collect() {
      this.set(poolMax - (pool.totalCount - pool.idleCount));
    },
  });
  new Gauge({
    name: 'referral_service_db_pool_waiting',
    help: 'Requests waiting for a pool connection',
    registers,
    collect() {
      this.set(pool.waitingCount);
    },
  });
  const hits = new Counter({
    name: 'referral_service_cache_hits_total',
    help: 'Cache hits by cache',
    labelNames: ['cache'] as const,
    registers,
  });
  const misses = new Counter({
    name: 'referral_service_cache_misses_total',
    help: 'Cache misses by cache',
    labelNames: ['cache'] as const,
    registers,
  });
  const faults = new Counter({
    name: 'referral_service_cache_faults_total',
    help: 'Cache backend faults by cache (the request was served from the database)',
    labelNames: ['cache'] as const,
    registers,
  });
  if (recorder) {
    new Gauge({
      name: 'referral_service_slow_operations_dropped',
      help: 'Slow operations not written to referral_performance_metrics (buffer full or write failed)',
      registers,
      collect() {
        this.set(recorder.dropped);
      },
    });
  }
  // Every cache label present from the start, so a scrape shows zeros instead of missing series.
  for (const cache of ['analytics', 'leaderboard', 'profile'] satisfies CacheName[]) {
    hits.inc({ cache }, 0);
    misses.inc({ cache }, 0);
    faults.inc({ cache }, 0);
  }

  return {
    contentType: registry.contentType,
    render: () => registry.metrics(),
    toJSON: () => registry.getMetricsAsJSON(),
    observeRequest(route, method, status, seconds) {
      requests.observe({ route, method, status: String(status) }, seconds);
    },
    cacheHit(cache) {
      hits.inc({ cache });
    },
    cacheMiss(cache) {
      misses.inc({ cache });
    },
    cacheFault(cache) {
      faults.inc({ cache });
    },
    observeOperation(queryType, organizationId, milliseconds, rowsAffected) {
      operations.observe({ query_type: queryType }, milliseconds / 1000);
      recorder?.record({ queryType, organizationId, executionTimeMs: milliseconds, rowsAffected });
    },
  };
}
