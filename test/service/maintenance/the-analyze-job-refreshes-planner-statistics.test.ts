import { expect, it } from 'vitest';
import { createTestDatabase } from '../../helpers/database.js';
import { runMaintenanceJob } from './run-maintenance-job.js';

const db = await createTestDatabase();

it('analyzes student_referrals, user_rankings and points_transactions', async () => {
  const analyzed = async () =>
    (
      await db.pool.query<{ relname: string }>(
        `SELECT relname FROM pg_stat_user_tables
      WHERE relname IN ('student_referrals', 'user_rankings', 'points_transactions') AND last_analyze IS NOT NULL
      ORDER BY relname`,
      )
    ).rows.map((row) => row.relname);
  expect(await analyzed()).toEqual([]);

  expect(await runMaintenanceJob(db.url, 'analyze-referral-tables')).toMatchObject({ state: 'completed' });
  // The statistics collector publishes asynchronously.
  await expect
    .poll(analyzed, { timeout: 10_000 })
    .toEqual(['points_transactions', 'student_referrals', 'user_rankings']);
});
