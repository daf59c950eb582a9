import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../helpers/database.js';
import { createOrganization, createReferral, createStudent, enroll } from '../../helpers/fixtures.js';
import { checkInvariantsAfterEach } from './invariants-after-each.js';

// Created at collection time so the helper's afterAll (which drops the database) is registered.
const databases = { optimized: await createTestDatabase('optimized'), baseline: await createTestDatabase('baseline') };
checkInvariantsAfterEach(databases.optimized.pool, databases.baseline.pool);

describe.each(['optimized', 'baseline'] as const)('enrolling a referral (%s)', (variant) => {
  it('writes one ledger row and updates the ranking', async () => {
    const { pool } = databases[variant];
    const org = await createOrganization(pool);
    const referrer = await createStudent(pool, org.id);
    const referral = await createReferral(pool, referrer);
    await enroll(pool, referral);

    const { rows: ledger } = await pool.query(
      'SELECT category, points_amount FROM points_transactions WHERE related_entity_id = $1',
      [referral],
    );
    expect(ledger).toEqual([{ category: 'referral_enrolled', points_amount: 100 }]);
    const {
      rows: [ranking],
    } = await pool.query(
      'SELECT total_referrals, successful_referrals, referral_points_earned, total_points FROM user_rankings WHERE user_id = $1',
      [referrer.id],
    );
    // 100 for the referral, 10 for the "first referral enrolled" achievement
    expect(ranking).toEqual({
      total_referrals: 1,
      successful_referrals: 1,
      referral_points_earned: 100,
      total_points: 110,
    });
  });
});
