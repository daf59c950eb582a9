import { expect, it } from 'vitest';
import { createPromMetrics } from '../../../src/service/metrics/prom-metrics.js';

it('keeps each instance on its own registry', async () => {
  const pool = { totalCount: 0, idleCount: 0, waitingCount: 0 };
  const first = createPromMetrics({ pool, poolMax: 10 });
  const second = createPromMetrics({ pool, poolMax: 10 });
  first.cacheHit('leaderboard');
  expect(await first.render()).toContain('referral_service_cache_hits_total{cache="leaderboard"} 1');
  expect(await second.render()).toContain('referral_service_cache_hits_total{cache="leaderboard"} 0');
});
