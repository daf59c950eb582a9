/**
 * The service's metrics in Prometheus form, on a registry of its own (never prom-client's global
 * one, so two apps in one process, as in tests, do not share counters). Event-loop lag comes with
 * the default process metrics (`nodejs_eventloop_lag_*_seconds`, sampled by monitorEventLoopDelay
 * and reset at every scrape).
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
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
  /** Receives every operation; keeps the slow ones for referral_performance_metrics. */
  readonly recorder?: SlowOperationRecorder;
}

export type PromMetrics = ServiceMetrics & {
  /** Content-Type header for the `/metrics` response. */
  readonly contentType: string;
  /** The exposition text. */
  render(): Promise<string>;
};

/** Latency buckets in seconds: the targets range from about a millisecond to a tenth of a second. */
const latencyBuckets = [0.0005, 0.001, 0.002, 0.004, 0.008, 0.016, 0.032, 0.064, 0.128, 0.256, 0.512, 1, 2.5, 5];

export function createPromMetrics(options: PromMetricsOptions): PromMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const { pool, recorder } = options;

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
    name: 'referral_service_db_pool_waiting',
    help: 'Requests waiting for a pool connection',
    registers,
    collect() {
      this.set(pool.waitingCount);
    },
  });
  const hits = new Counter({ name: 'referral_service_cache_hits_total', help: 'Cache hits by cache', labelNames: ['cache'] as const, registers });
  const misses = new Counter({ name: 'referral_service_cache_misses_total', help: 'Cache misses by cache', labelNames: ['cache'] as const, registers });
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
