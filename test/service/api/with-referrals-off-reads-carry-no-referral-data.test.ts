import { describe, expect, it } from 'vitest';
import { adminAuth, startApi } from './api-harness.js';
import { createOrganization, createReferral, createStudent, enroll } from '../../helpers/fixtures.js';

describe('the referral feature switched off (the spec\'s integration-impact "before")', () => {
  it('serves profile, dashboard and achievement check without referral data or referral achievements', async () => {
    const { app, db } = await startApi('optimized', { referralsEnabled: false });
    const { pool } = db;
    const org = await createOrganization(pool);
    const student = await createStudent(pool, org.id);
    await enroll(pool, await createReferral(pool, student));
    await pool.query(
      `INSERT INTO points_transactions (organization_id, student_id, points_amount, category) VALUES ($1, $2, 40, 'homework')`,
      [org.id, student.id],
    );
    await pool.query('UPDATE user_rankings SET total_points = total_points + 40 WHERE user_id = $1', [student.id]);
    // a referral achievement not yet granted: the check must leave it alone with the feature off
    await pool.query(`DELETE FROM student_achievements WHERE student_id = $1`, [student.id]);
    const admin = adminAuth(org.id);

    const profile = (
      await app.inject({ method: 'GET', url: `/students/${student.id}/profile`, headers: admin })
    ).json();
    expect(profile).not.toHaveProperty('referrals');
    expect(profile.pointsSummary).toEqual([
      { category: 'achievement', points: 10, transactions: 1 },
      { category: 'homework', points: 40, transactions: 1 },
    ]);
    expect(profile.achievements).toEqual([]);

    await pool.query('SELECT refresh_referral_analytics()');
    const dashboard = (await app.inject({ method: 'GET', url: '/admin/analytics/dashboard', headers: admin })).json();
    expect(dashboard).not.toHaveProperty('referrals');
    expect(dashboard).toMatchObject({ students: { total: 1 }, topStudents: [{ studentId: student.id }] });

    const check = (
      await app.inject({ method: 'POST', url: `/students/${student.id}/achievements/check`, headers: admin })
    ).json();
    expect(check).toEqual({ studentId: student.id, granted: [] });
  });
});
