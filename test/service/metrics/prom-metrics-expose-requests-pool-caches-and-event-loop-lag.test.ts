import { expect, it } from 'vitest';
import { createPromMetrics } from '../../../src/service/metrics/prom-metrics.js';

it('renders request durations, pool gauges (in use, idle, available, waiting), cache counters, event-loop lag and process metrics', async () => {
  const pool = { totalCount: 7, idleCount: 3, waitingCount: 2 };
  const poolMax = 10;
  const metrics = createPromMetrics({ pool, poolMax });
  metrics.observeRequest('/students/:studentId/profile', 'GET', 200, 0.003);
  metrics.observeRequest('/students/:studentId/profile', 'GET', 200, 0.005);
  metrics.observeRequest('/referrals', 'POST', 409, 0.002);
  metrics.cacheHit('analytics');
  metrics.cacheHit('analytics');
  metrics.cacheMiss('leaderboard');
  metrics.cacheFault('profile');

  const text = await metrics.render();
  expect(metrics.contentType).toMatch(/^text\/plain/);
  expect(text).toContain(
    'referral_service_http_request_duration_seconds_count{route="/students/:studentId/profile",method="GET",status="200"} 2',
  );
  expect(text).toContain(
    'referral_service_http_request_duration_seconds_count{route="/referrals",method="POST",status="409"} 1',
  );
  expect(text).toContain('referral_service_db_pool_in_use 4');
  expect(text).toContain('referral_service_db_pool_idle 3');
  expect(text).toContain('referral_service_db_pool_waiting 2');
  expect(text).toContain(`referral_service_db_pool_available ${poolMax - (pool.totalCount - pool.idleCount)}`);
  expect(text).toContain('referral_service_cache_hits_total{cache="analytics"} 2');
  expect(text).toContain('referral_service_cache_misses_total{cache="leaderboard"} 1');
  expect(text).toContain('referral_service_cache_faults_total{cache="profile"} 1');
  expect(text).toContain('referral_service_cache_faults_total{cache="analytics"} 0');
  expect(text).toMatch(/^nodejs_eventloop_lag_p99_seconds \d/m);
  expect(text).toMatch(/^process_resident_memory_bytes \d/m);

  pool.idleCount = 7;
  const idle = await metrics.render();
  expect(idle).toContain('referral_service_db_pool_in_use 0');
  expect(idle).toContain(`referral_service_db_pool_available ${poolMax}`);
});
