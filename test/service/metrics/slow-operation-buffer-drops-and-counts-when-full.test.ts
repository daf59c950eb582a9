import { expect, it } from 'vitest';
import { createPromMetrics } from '../../../src/service/metrics/prom-metrics.js';
import { createSlowOperationRecorder } from '../../../src/service/metrics/slow-operation-recorder.js';
import { createTestDatabase } from '../../helpers/database.js';
import { createOrganization } from '../../helpers/fixtures.js';

const db = await createTestDatabase();

it('keeps at most maxBuffered operations, counts the rest as dropped and reports it in metrics', async () => {
  const org = await createOrganization(db.pool);
  const recorder = createSlowOperationRecorder({
    db: db.pool,
    maxBuffered: 3,
    batchSize: 100,
    flushIntervalMs: 60_000,
  });
  const metrics = createPromMetrics({ pool: db.pool, poolMax: 10, recorder });
  for (let i = 0; i < 5; i += 1) metrics.observeOperation('campaign-processing', org.id, 150, 10);

  expect(recorder.dropped).toBe(2);
  expect(await metrics.render()).toContain('referral_service_slow_operations_dropped 2');
  await recorder.close();
  const { rows } = await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM referral_performance_metrics');
  expect(rows[0]!.n).toBe(3);
});
