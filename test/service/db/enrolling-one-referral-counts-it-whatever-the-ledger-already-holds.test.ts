import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../helpers/database.js';
import { createOrganization, createReferral, createStudent, enroll } from '../../helpers/fixtures.js';

describe.each(['optimized', 'baseline'] as const)('enrolling one referral (%s)', (variant) => {
  it('counts the success and records the award even when the ledger already holds its enrollment row', async () => {
    const { pool } = await createTestDatabase(variant);
    const org = await createOrganization(pool, { defaultPoints: 100 });
    const referrer = await createStudent(pool, org.id);
    const referral = await createReferral(pool, referrer);
    // Only a bulk enrollment, which pays before it moves its rows, may leave the award to the
    // ledger row it wrote; a stray row written by anything else must not stop a single enrollment.
    await pool.query(
      `INSERT INTO points_transactions (organization_id, student_id, points_amount, category, related_entity_type, related_entity_id)
       VALUES ($1, $2, 100, 'referral_enrolled', 'student_referral', $3)`,
      [org.id, referrer.id, referral],
    );

    await enroll(pool, referral);

    const {
      rows: [row],
    } = await pool.query<{ points_awarded: number; successful_referrals: number }>(
      `SELECT sr.points_awarded, ur.successful_referrals
         FROM student_referrals sr JOIN user_rankings ur ON ur.user_id = sr.referrer_student_id
        WHERE sr.id = $1`,
      [referral],
    );
    expect(row).toEqual({ points_awarded: 100, successful_referrals: 1 });
  });
});
