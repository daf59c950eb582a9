import { expect, it } from 'vitest';
import { createTestDatabase } from '../../helpers/database.js';
import { createOrganization, createReferral, createStudent } from '../../helpers/fixtures.js';
import { runMaintenanceJob } from './run-maintenance-job.js';

const db = await createTestDatabase('optimized');

it('refreshes mv_referral_analytics so a referral made since the last refresh is counted', async () => {
  const org = await createOrganization(db.pool);
  const student = await createStudent(db.pool, org.id);
  await createReferral(db.pool, student);
  const totals = async () =>
    (
      await db.pool.query<{ total_referrals: number }>(
        'SELECT total_referrals FROM mv_referral_analytics WHERE referrer_student_id = $1',
        [student.id],
      )
    ).rows;
  expect(await totals()).toEqual([]);

  expect(await runMaintenanceJob(db.url, 'refresh-referral-analytics')).toMatchObject({ state: 'completed' });
  expect(await totals()).toEqual([{ total_referrals: 1 }]);
});
