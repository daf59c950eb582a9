import { expect, it } from 'vitest';
import { createTestDatabase } from '../../helpers/database.js';
import { createOrganization } from '../../helpers/fixtures.js';
import { runMaintenanceJob } from './run-maintenance-job.js';

const db = await createTestDatabase();

it('deletes leaderboard cache rows past their expiry and keeps live ones', async () => {
  const org = await createOrganization(db.pool);
  await db.pool.query(
    `INSERT INTO referral_leaderboard_cache (organization_id, cache_key, cache_data, expires_at)
     VALUES ($1, 'expired', '[]', now() - interval '1 minute'), ($1, 'live', '[]', now() + interval '5 minutes')`,
    [org.id],
  );

  expect(await runMaintenanceJob(db.url, 'cleanup-leaderboard-cache')).toMatchObject({ state: 'completed' });

  const { rows } = await db.pool.query<{ cache_key: string }>('SELECT cache_key FROM referral_leaderboard_cache');
  expect(rows).toEqual([{ cache_key: 'live' }]);
});
