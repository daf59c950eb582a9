import { describe, expect, it } from 'vitest';
import { adminAuth, startApi, studentAuth } from './api-harness.js';
import {
  createCampaign,
  createOrganization,
  createReferral,
  createStudent,
  randomPhone,
} from '../../helpers/fixtures.js';

describe.each(['optimized', 'baseline'] as const)('each endpoint returns its result (%s)', (variant) => {
  it('answers every route of the contract with the data the database holds', async () => {
    const { app, db } = await startApi(variant);
    const { pool } = db;
    const org = await createOrganization(pool);
    const alice = await createStudent(pool, org.id);
    const bob = await createStudent(pool, org.id);
    const admin = adminAuth(org.id);
    const asAlice = studentAuth(alice);

    // create-referral: a student for itself
    const created = await app.inject({
      method: 'POST',
      url: '/referrals',
      headers: asAlice,
      payload: { referredName: 'Friend One', referredPhone: randomPhone(), referredEmail: 'friend@example.test' },
    });
    expect(created.statusCode).toBe(201);
    const referral = created.json();
    expect(referral).toMatchObject({
      referrerStudentId: alice.id,
      status: 'pending',
      pointsAwarded: 0,
      referredName: 'Friend One',
    });

    // create-referral: an admin names the referrer
    const byAdmin = await app.inject({
      method: 'POST',
      url: '/referrals',
      headers: admin,
      payload: { referredName: 'Friend Two', referredPhone: randomPhone(), referrerStudentId: bob.id },
    });
    expect(byAdmin.statusCode).toBe(201);
    expect(byAdmin.json()).toMatchObject({ referrerStudentId: bob.id });

    // calculate-points: a preview of the first award (100 base, no tier bonus)
    const points = await app.inject({ method: 'GET', url: `/referrals/${referral.id}/points`, headers: asAlice });
    expect(points.statusCode).toBe(200);
    expect(points.json()).toEqual({
      referralId: referral.id,
      basePoints: 100,
      campaignMultiplier: 1,
      tierBonus: 0,
      totalPoints: 100,
    });

    // update-status: pending -> contacted -> enrolled awards the points
    for (const status of ['contacted', 'enrolled'] as const) {
      const updated = await app.inject({
        method: 'PATCH',
        url: `/referrals/${referral.id}/status`,
        headers: admin,
        payload: { status },
      });
      expect(updated.statusCode).toBe(200);
      expect(updated.json()).toMatchObject({ id: referral.id, status });
    }
    const enrolled = await app.inject({
      method: 'GET',
      url: `/students/${alice.id}/referrals?status=enrolled`,
      headers: asAlice,
    });
    expect(enrolled.json().items).toEqual([
      expect.objectContaining({ id: referral.id, pointsAwarded: 100, status: 'enrolled' }),
    ]);

    // referral-list without a filter: Alice's referral only, not Bob's
    const list = await app.inject({ method: 'GET', url: `/students/${alice.id}/referrals?limit=5`, headers: admin });
    expect(list.json().items.map((r: { id: string }) => r.id)).toEqual([referral.id]);

    // student-profile: student, ranking, points summary, achievements, recent referrals
    const profile = await app.inject({ method: 'GET', url: `/students/${alice.id}/profile`, headers: asAlice });
    expect(profile.statusCode).toBe(200);
    expect(profile.json()).toMatchObject({
      student: { id: alice.id, firstName: 'Test' },
      ranking: { totalPoints: 110, currentRank: 1 },
      pointsSummary: [
        { category: 'achievement', points: 10, transactions: 1 },
        { category: 'referral_enrolled', points: 100, transactions: 1 },
      ],
      achievements: [{ code: 'referral-1' }],
      referrals: {
        totalReferrals: 1,
        successfulReferrals: 1,
        pointsEarned: 100,
        recent: [{ id: referral.id, status: 'enrolled' }],
      },
    });

    // referral-analytics: the materialized view is read after its refresh (optimized); live on baseline
    await pool.query('SELECT refresh_referral_analytics()');
    const analytics = await app.inject({
      method: 'GET',
      url: `/students/${alice.id}/referral-analytics`,
      headers: asAlice,
    });
    expect(analytics.json()).toEqual({
      studentId: alice.id,
      totalReferrals: 1,
      successfulReferrals: 1,
      conversionRate: 1,
      totalPointsAwarded: 100,
      source: variant === 'optimized' ? 'materialized-view' : 'live',
    });

    // dashboard-analytics
    const dashboard = await app.inject({ method: 'GET', url: '/admin/analytics/dashboard?fresh=true', headers: admin });
    expect(dashboard.statusCode).toBe(200);
    expect(dashboard.json()).toMatchObject({
      organizationId: org.id,
      students: { total: 2, active: 2 },
      points: { total: 110 },
      topStudents: [
        { studentId: alice.id, totalPoints: 110 },
        { studentId: bob.id, totalPoints: 0 },
      ],
      referrals: {
        total: 2,
        successful: 1,
        conversionRate: 0.5,
        pointsAwarded: 100,
        referrers: 2,
        topReferrers: [
          { studentId: alice.id, successfulReferrals: 1 },
          { studentId: bob.id, successfulReferrals: 0 },
        ],
      },
    });

    // leaderboard-read (twice: computed, then from the cache table on optimized) and leaderboard-update
    const expectedEntries = [
      {
        rank: 1,
        studentId: alice.id,
        referralPoints: 100,
        successfulReferrals: 1,
        totalReferrals: 1,
        firstName: 'Test',
        lastName: 'Student',
      },
    ];
    const first = await app.inject({ method: 'GET', url: '/leaderboard?limit=10', headers: asAlice });
    const second = await app.inject({ method: 'GET', url: '/leaderboard?limit=10', headers: asAlice });
    expect(first.json()).toEqual({ source: variant === 'optimized' ? 'computed' : 'live', entries: expectedEntries });
    expect(second.json()).toEqual({ source: variant === 'optimized' ? 'cache' : 'live', entries: expectedEntries });
    const refreshed = await app.inject({ method: 'POST', url: '/admin/leaderboard/refresh', headers: admin });
    expect(refreshed.json().entries).toEqual(expectedEntries);

    // bulk-process: one valid move, one invalid transition, one unknown id
    const open = await createReferral(pool, bob);
    const bulk = await app.inject({
      method: 'POST',
      url: '/admin/referrals/bulk',
      headers: admin,
      payload: { referralIds: [open, referral.id, '00000000-0000-4000-8000-000000000000'], status: 'contacted' },
    });
    expect(bulk.statusCode).toBe(200);
    expect(bulk.json()).toMatchObject({ processed: 1, failed: 2 });

    // pending-admin: the open referrals, newest first
    const pending = await app.inject({ method: 'GET', url: '/admin/referrals/pending?limit=10', headers: admin });
    expect(pending.json().items.map((r: { id: string }) => r.id)).toEqual([open, byAdmin.json().id]);

    // campaign-processing attaches the campaign to open referrals created in its window
    const campaign = await createCampaign(pool, org.id, {
      basePoints: 200,
      multiplier: '1.50',
      startDate: '2020-01-01',
    });
    const processed = await app.inject({ method: 'POST', url: `/admin/campaigns/${campaign}/process`, headers: admin });
    expect(processed.json()).toEqual({ campaignId: campaign, applied: 2, remaining: false });

    // ranking-calculation and achievement-check
    const rank = await app.inject({
      method: 'POST',
      url: `/students/${bob.id}/ranking/calculate`,
      headers: studentAuth(bob),
    });
    expect(rank.json()).toEqual({ studentId: bob.id, currentRank: 2, totalPoints: 0 });
    await pool.query(
      `INSERT INTO points_transactions (organization_id, student_id, points_amount, category) VALUES ($1, $2, 600, 'attendance')`,
      [org.id, bob.id],
    );
    await pool.query('UPDATE user_rankings SET total_points = total_points + 600 WHERE user_id = $1', [bob.id]);
    const check = await app.inject({ method: 'POST', url: `/students/${bob.id}/achievements/check`, headers: admin });
    expect(check.json()).toEqual({
      studentId: bob.id,
      granted: [{ code: 'points-500', name: '500 points', pointsReward: 0 }],
    });

    // performance-report: the spec's monitoring query over what the service recorded
    await pool.query(
      `INSERT INTO referral_performance_metrics (organization_id, query_type, execution_time_ms, rows_affected) VALUES ($1, 'student_profile', 150, 1), ($1, 'student_profile', 250, 1)`,
      [org.id],
    );
    const report = await app.inject({ method: 'GET', url: '/admin/performance', headers: admin });
    expect(report.json()).toMatchObject({
      windowMinutes: 60,
      operations: [{ queryType: 'student_profile', avgMs: 200, maxMs: 250, minMs: 150, count: 2 }],
    });

    // health, metrics, openapi need no token
    const health = await app.inject({ method: 'GET', url: '/health' });
    expect(health.json()).toEqual({ status: 'ok', database: 'up', cache: 'memory', variant });
    const metrics = await app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toContain('referral_service_http_request_duration_seconds_bucket');
    const openapi = await app.inject({ method: 'GET', url: '/openapi.json' });
    expect(openapi.json().openapi).toMatch(/^3\./);
  });
});
