import { describe, expect, it } from 'vitest';
import type pg from 'pg';
import { createTestDatabase } from '../../helpers/database.js';
import { createOrganization, createReferral, createStudent, enroll } from '../../helpers/fixtures.js';
import { asOrganization } from './app-session.js';
import { checkInvariantsAfterEach } from './invariants-after-each.js';

const databases = { optimized: await createTestDatabase('optimized'), baseline: await createTestDatabase('baseline') };
checkInvariantsAfterEach(databases.optimized.pool, databases.baseline.pool);

async function analytics(pool: pg.Pool, organizationId: string): Promise<unknown[]> {
  return asOrganization(
    pool,
    organizationId,
    async (client) =>
      (
        await client.query(
          `SELECT referrer_student_id, total_referrals, successful_referrals, conversion_rate, total_points_awarded
       FROM referral_analytics ORDER BY referrer_student_id`,
        )
      ).rows,
  );
}

describe.each(['optimized', 'baseline'] as const)('referral analytics (%s)', (variant) => {
  it('count non-deleted referrals, enrollments, conversion and points per referrer once refreshed', async () => {
    const { pool } = databases[variant];
    const org = await createOrganization(pool);
    const referrer = await createStudent(pool, org.id);
    for (let i = 0; i < 2; i += 1) await enroll(pool, await createReferral(pool, referrer));
    await createReferral(pool, referrer);
    const deleted = await createReferral(pool, referrer);
    await pool.query('UPDATE student_referrals SET deleted_at = now() WHERE id = $1', [deleted]);

    await pool.query('SELECT refresh_referral_analytics()');
    expect(await analytics(pool, org.id)).toEqual([
      {
        referrer_student_id: referrer.id,
        total_referrals: 3,
        successful_referrals: 2,
        conversion_rate: '0.67',
        total_points_awarded: '200',
      },
    ]);

    // What differs between the variants is freshness: the materialized view waits for its refresh.
    await enroll(pool, await createReferral(pool, referrer));
    const beforeRefresh = await analytics(pool, org.id);
    expect(beforeRefresh).toEqual([expect.objectContaining({ total_referrals: variant === 'optimized' ? 3 : 4 })]);
    await pool.query('SELECT refresh_referral_analytics()');
    expect(await analytics(pool, org.id)).toEqual([
      expect.objectContaining({ total_referrals: 4, successful_referrals: 3, conversion_rate: '0.75' }),
    ]);
  });
});
