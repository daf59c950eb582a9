import { expect, it } from 'vitest';
import { createPromMetrics } from '../../../src/service/metrics/prom-metrics.js';
import { createSlowOperationRecorder } from '../../../src/service/metrics/slow-operation-recorder.js';
import { createTestDatabase } from '../../helpers/database.js';
import { createOrganization } from '../../helpers/fixtures.js';

const db = await createTestDatabase();

it('writes operations at or over the threshold, with their organization, and only those', async () => {
  const orgA = await createOrganization(db.pool);
  const orgB = await createOrganization(db.pool);
  const recorder = createSlowOperationRecorder({ db: db.pool, thresholdMs: 50, batchSize: 2, flushIntervalMs: 60_000 });
  const metrics = createPromMetrics({ pool: db.pool, poolMax: 10, recorder });

  metrics.observeOperation('student-profile', orgA.id, 49.9, 1);
  metrics.observeOperation('student-profile', orgA.id, 50, 1);
  metrics.observeOperation('bulk-process', orgB.id, 120.4, 100);
  metrics.observeOperation('dashboard-analytics', orgB.id, 75, null);
  await recorder.close();

  const { rows } = await db.pool.query<{
    query_type: string;
    organization_id: string;
    execution_time_ms: number;
    rows_affected: number | null;
  }>(
    'SELECT query_type, organization_id, execution_time_ms, rows_affected FROM referral_performance_metrics ORDER BY execution_time_ms',
  );
  expect(rows).toEqual([
    { query_type: 'student-profile', organization_id: orgA.id, execution_time_ms: 50, rows_affected: 1 },
    { query_type: 'dashboard-analytics', organization_id: orgB.id, execution_time_ms: 75, rows_affected: null },
    { query_type: 'bulk-process', organization_id: orgB.id, execution_time_ms: 120, rows_affected: 100 },
  ]);
  expect(recorder.dropped).toBe(0);
});
