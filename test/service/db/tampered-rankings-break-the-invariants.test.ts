import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../helpers/database.js';
import { createOrganization, createReferral, createStudent, enroll } from '../../helpers/fixtures.js';
import { checkInvariants } from '../../../src/harness/invariants/check-invariants.js';

const { pool } = await createTestDatabase('optimized');

// The invariant check guards every other database test; this shows it can fail.
const tamperings = [
  {
    column: 'referral_points_earned',
    invariant: "referral_points_earned equals the sum of the student's referral ledger rows",
  },
  { column: 'total_referrals', invariant: "total_referrals counts the student's non-deleted referrals" },
  { column: 'successful_referrals', invariant: "successful_referrals counts the student's enrolled referrals" },
  { column: 'total_points', invariant: "total_points equals the sum of all the student's ledger rows" },
] as const;

describe('the invariant check', () => {
  it.each(tamperings)('reports a ranking whose $column disagrees with the data', async ({ column, invariant }) => {
    const org = await createOrganization(pool);
    const referrer = await createStudent(pool, org.id);
    await enroll(pool, await createReferral(pool, referrer));
    expect(await checkInvariants(pool)).toMatchObject({ state: 'passed' });

    await pool.query(`UPDATE user_rankings SET ${column} = ${column} + 1 WHERE user_id = $1`, [referrer.id]);
    try {
      const report = await checkInvariants(pool);
      expect(report.state).toBe('failed');
      expect(report.violations.map((v) => v.invariant)).toContain(invariant);
      expect(report.violations.find((v) => v.invariant === invariant)?.examples[0]).toMatchObject({
        user_id: referrer.id,
      });
    } finally {
      await pool.query(`UPDATE user_rankings SET ${column} = ${column} - 1 WHERE user_id = $1`, [referrer.id]);
    }
  });
});

describe('the invariant check on the optimized variant', () => {
  it("reports an organization's count of ranked students that disagrees with the rankings", async () => {
    const org = await createOrganization(pool);
    await createStudent(pool, org.id);
    expect(await checkInvariants(pool)).toMatchObject({ state: 'passed' });

    await pool.query('UPDATE ranking_points_students SET students = students + 1 WHERE organization_id = $1', [org.id]);
    try {
      const report = await checkInvariants(pool);
      expect(report.violations.map((v) => v.invariant)).toEqual(['the organization counts every ranking it holds']);
      expect(report.violations[0]?.examples[0]).toMatchObject({ organization_id: org.id, counted: 2, rankings: '1' });
    } finally {
      await pool.query('UPDATE ranking_points_students SET students = students - 1 WHERE organization_id = $1', [
        org.id,
      ]);
    }
  });

  it('reports a points histogram that disagrees with the rankings', async () => {
    const org = await createOrganization(pool);
    await createStudent(pool, org.id);
    expect(await checkInvariants(pool)).toMatchObject({ state: 'passed' });

    await pool.query('UPDATE ranking_points_histogram SET students = students + 1 WHERE organization_id = $1', [
      org.id,
    ]);
    try {
      const report = await checkInvariants(pool);
      expect(report.violations.map((v) => v.invariant)).toEqual([
        'the points histogram counts every ranking at its total',
      ]);
      expect(report.violations[0]?.examples[0]).toMatchObject({ organization_id: org.id, total_points: 0 });
    } finally {
      await pool.query('UPDATE ranking_points_histogram SET students = students - 1 WHERE organization_id = $1', [
        org.id,
      ]);
    }
  });
});
