import { expect, it } from 'vitest';
import { parsePrometheusText, sumOf } from '../../../src/harness/measure/metrics-scrape.js';
import { mergeWorkerMetrics } from '../../../src/service/metrics/cluster-metrics.js';
import { createPromMetrics } from '../../../src/service/metrics/prom-metrics.js';

it('sums requests, cache lookups and connections in use over the workers, and reports the available connections of the worker with the fewest', async () => {
  const poolMax = 10;
  const busy = { totalCount: 9, idleCount: 0, waitingCount: 4 };
  const quiet = { totalCount: 3, idleCount: 2, waitingCount: 0 };
  const first = createPromMetrics({ pool: busy, poolMax });
  const second = createPromMetrics({ pool: quiet, poolMax });
  first.observeRequest('/health', 'GET', 200, 0.001);
  first.observeRequest('/health', 'GET', 200, 0.003);
  second.observeRequest('/health', 'GET', 200, 0.002);
  first.cacheHit('leaderboard');
  second.cacheMiss('leaderboard');
  second.cacheHit('leaderboard');

  const merged = parsePrometheusText(await mergeWorkerMetrics([await first.toJSON(), await second.toJSON()]));
  const one = (name: string, labels: Record<string, string> = {}) => sumOf(merged, name, labels);
  expect(one('referral_service_http_request_duration_seconds_count', { route: '/health' })).toBe(3);
  expect(one('referral_service_http_request_duration_seconds_bucket', { route: '/health', le: '0.002' })).toBe(2);
  expect(one('referral_service_cache_hits_total', { cache: 'leaderboard' })).toBe(2);
  expect(one('referral_service_cache_misses_total', { cache: 'leaderboard' })).toBe(1);
  const inUse = (pool: typeof busy) => pool.totalCount - pool.idleCount;
  expect(one('referral_service_db_pool_in_use')).toBe(inUse(busy) + inUse(quiet));
  expect(one('referral_service_db_pool_waiting')).toBe(busy.waitingCount + quiet.waitingCount);
  expect(one('referral_service_db_pool_available')).toBe(Math.min(poolMax - inUse(busy), poolMax - inUse(quiet)));
  expect(merged.filter((sample) => sample.name === 'referral_service_db_pool_available')).toHaveLength(1);
});
