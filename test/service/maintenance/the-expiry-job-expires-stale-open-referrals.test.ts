import { expect, it } from 'vitest';
import { createTestDatabase } from '../../helpers/database.js';
import { createOrganization, createReferral, createStudent, enroll } from '../../helpers/fixtures.js';
import { runMaintenanceJob } from './run-maintenance-job.js';

const db = await createTestDatabase();

it('closes pending and contacted referrals untouched for over 90 days, and nothing else', async () => {
  const org = await createOrganization(db.pool);
  const student = await createStudent(db.pool, org.id);
  const stalePending = await createReferral(db.pool, student);
  const staleContacted = await createReferral(db.pool, student);
  const staleEnrolled = await createReferral(db.pool, student);
  const recent = await createReferral(db.pool, student);
  await db.pool.query(`UPDATE student_referrals SET status = 'contacted' WHERE id = $1`, [staleContacted]);
  await enroll(db.pool, staleEnrolled);
  await db.pool.query(`UPDATE student_referrals SET updated_at = now() - interval '91 days' WHERE id = ANY($1)`, [
    [stalePending, staleContacted, staleEnrolled],
  ]);

  expect(await runMaintenanceJob(db.url, 'expire-stale-referrals')).toMatchObject({ state: 'completed' });

  const { rows } = await db.pool.query<{ id: string; status: string }>(
    'SELECT id, status FROM student_referrals WHERE id = ANY($1)',
    [[stalePending, staleContacted, staleEnrolled, recent]],
  );
  const status = Object.fromEntries(rows.map((row) => [row.id, row.status]));
  expect(status).toEqual({
    [stalePending]: 'expired',
    [staleContacted]: 'expired',
    [staleEnrolled]: 'enrolled',
    [recent]: 'pending',
  });
});
