import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../helpers/database.js';
import { createOrganization, createReferral, createStudent, enroll } from '../../helpers/fixtures.js';
import { checkInvariantsAfterEach } from './invariants-after-each.js';

const databases = { optimized: await createTestDatabase('optimized'), baseline: await createTestDatabase('baseline') };
checkInvariantsAfterEach(databases.optimized.pool, databases.baseline.pool);

describe.each(['optimized', 'baseline'] as const)('frozen referrals (%s)', (variant) => {
  it('refuse deleting an enrolled referral (RB409) and any change to a deleted one (RB404)', async () => {
    const { pool } = databases[variant];
    const org = await createOrganization(pool);
    const referrer = await createStudent(pool, org.id);
    const enrolled = await createReferral(pool, referrer);
    await enroll(pool, enrolled);
    await expect(
      pool.query('UPDATE student_referrals SET deleted_at = now() WHERE id = $1', [enrolled]),
    ).rejects.toMatchObject({ code: 'RB409' });

    const deleted = await createReferral(pool, referrer);
    await pool.query('UPDATE student_referrals SET deleted_at = now() WHERE id = $1', [deleted]);
    for (const change of [`status = 'contacted'`, 'deleted_at = NULL', `referred_name = 'Renamed'`]) {
      await expect(pool.query(`UPDATE student_referrals SET ${change} WHERE id = $1`, [deleted])).rejects.toMatchObject(
        { code: 'RB404' },
      );
    }
    const {
      rows: [ranking],
    } = await pool.query('SELECT total_referrals, successful_referrals FROM user_rankings WHERE user_id = $1', [
      referrer.id,
    ]);
    expect(ranking).toEqual({ total_referrals: 1, successful_referrals: 1 });
  });
});
