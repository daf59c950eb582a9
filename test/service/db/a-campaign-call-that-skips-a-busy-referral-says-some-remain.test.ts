import pg from 'pg';
import { expect, it } from 'vitest';
import { createTestDatabase } from '../../helpers/database.js';
import { createCampaign, createOrganization, createReferral, createStudent } from '../../helpers/fixtures.js';
import { checkInvariantsAfterEach } from './invariants-after-each.js';

const { pool, url } = await createTestDatabase('optimized');
checkInvariantsAfterEach(pool);

// A campaign call skips referrals another transaction holds (FOR UPDATE SKIP LOCKED), so its own
// count under the limit does not mean none are left: the one held must be attached by a later call.
it('answers remaining while a skipped referral is still without the campaign, and attaches it on the next call', async () => {
  const org = await createOrganization(pool);
  const referrer = await createStudent(pool, org.id);
  const ids = [
    await createReferral(pool, referrer),
    await createReferral(pool, referrer),
    await createReferral(pool, referrer),
  ];
  const campaign = await createCampaign(pool, org.id, { basePoints: 100, multiplier: '1.00', startDate: '2020-01-01' });
  const call = async () =>
    (
      await pool.query<{ applied: number; remaining: boolean }>(
        'SELECT applied, remaining FROM process_referral_campaign($1, $2)',
        [campaign, 10],
      )
    ).rows[0];

  const holder = new pg.Client({ connectionString: url });
  await holder.connect();
  try {
    await holder.query('BEGIN');
    await holder.query('SELECT 1 FROM student_referrals WHERE id = $1 FOR UPDATE', [ids[0]]);
    expect(await call()).toEqual({ applied: 2, remaining: true });
    await holder.query('ROLLBACK');
  } finally {
    await holder.end();
  }
  expect(await call()).toEqual({ applied: 1, remaining: false });
  const { rows } = await pool.query('SELECT count(*)::integer AS n FROM student_referrals WHERE campaign_id = $1', [
    campaign,
  ]);
  expect(rows[0]).toEqual({ n: 3 });
});
