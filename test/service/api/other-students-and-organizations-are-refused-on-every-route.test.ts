import { describe, expect, it } from 'vitest';
import { adminAuth, startApi, studentAuth } from './api-harness.js';
import { snapshotTables } from './table-snapshot.js';
import {
  createCampaign,
  createOrganization,
  createReferral,
  createStudent,
  enroll,
  randomPhone,
} from '../../helpers/fixtures.js';
import { createTokenCodec } from '../../../src/service/auth/token-codec.js';
import { tokenSecret } from './api-harness.js';

interface Attempt {
  label: string;
  method: 'GET' | 'POST' | 'PATCH';
  url: string;
  headers: Record<string, string>;
  payload?: object;
  status: number;
}

describe('other students and organizations are refused on every route', () => {
  it('answers 403 for another student of the organization and 404 for another organization, changing and revealing nothing', async () => {
    const { app, db } = await startApi('optimized');
    const { pool } = db;
    const orgA = await createOrganization(pool);
    const orgB = await createOrganization(pool);
    const alice = await createStudent(pool, orgA.id);
    const bob = await createStudent(pool, orgA.id);
    const carol = await createStudent(pool, orgB.id);
    const bobReferral = await createReferral(pool, bob);
    const bobContacted = await createReferral(pool, bob);
    await pool.query(`UPDATE student_referrals SET status = 'contacted' WHERE id = $1`, [bobContacted]);
    const carolReferral = await createReferral(pool, carol);
    const carolEnrolled = await createReferral(pool, carol);
    await enroll(pool, carolEnrolled);
    const campaignB = await createCampaign(pool, orgB.id, {
      basePoints: 500,
      multiplier: '2.00',
      startDate: '2020-01-01',
    });
    await pool.query(
      `INSERT INTO referral_performance_metrics (organization_id, query_type, execution_time_ms) VALUES ($1, 'org_b_secret', 900)`,
      [orgB.id],
    );

    const adminA = adminAuth(orgA.id);
    const asAlice = studentAuth(alice);
    // A validly signed token that claims Alice inside organization B.
    const aliceInB = {
      authorization: `Bearer ${createTokenCodec(tokenSecret).sign({ organizationId: orgB.id, role: 'student', studentId: alice.id }, 600)}`,
    };
    const newReferral = () => ({ referredName: 'Friend', referredPhone: randomPhone() });

    const attempts: Attempt[] = [];
    for (const [route, method] of [
      ['profile', 'GET'],
      ['referral-analytics', 'GET'],
      ['referrals', 'GET'],
      ['ranking/calculate', 'POST'],
      ['achievements/check', 'POST'],
    ] as const) {
      attempts.push({
        label: `student ${route} of another student`,
        method,
        url: `/students/${bob.id}/${route}`,
        headers: asAlice,
        status: 403,
      });
      attempts.push({
        label: `student ${route} of another organization`,
        method,
        url: `/students/${carol.id}/${route}`,
        headers: asAlice,
        status: 403,
      });
      attempts.push({
        label: `admin ${route} of another organization`,
        method,
        url: `/students/${carol.id}/${route}`,
        headers: adminA,
        status: 404,
      });
      attempts.push({
        label: `forged-org token ${route}`,
        method,
        url: `/students/${alice.id}/${route}`,
        headers: aliceInB,
        status: 404,
      });
    }
    attempts.push(
      {
        label: 'student points of another student',
        method: 'GET',
        url: `/referrals/${bobReferral}/points`,
        headers: asAlice,
        status: 403,
      },
      {
        label: 'student points of another organization',
        method: 'GET',
        url: `/referrals/${carolReferral}/points`,
        headers: asAlice,
        status: 404,
      },
      {
        label: 'admin points of another organization',
        method: 'GET',
        url: `/referrals/${carolReferral}/points`,
        headers: adminA,
        status: 404,
      },
      {
        label: "admin points with another organization's campaign",
        method: 'GET',
        url: `/referrals/${bobReferral}/points?campaignId=${campaignB}`,
        headers: adminA,
        status: 422,
      },
      {
        label: 'student creates for another student',
        method: 'POST',
        url: '/referrals',
        headers: asAlice,
        payload: { ...newReferral(), referrerStudentId: bob.id },
        status: 403,
      },
      {
        label: "admin creates for another organization's student",
        method: 'POST',
        url: '/referrals',
        headers: adminA,
        payload: { ...newReferral(), referrerStudentId: carol.id },
        status: 404,
      },
      {
        label: "student creates with another organization's campaign",
        method: 'POST',
        url: '/referrals',
        headers: asAlice,
        payload: { ...newReferral(), campaignId: campaignB },
        status: 404,
      },
      {
        label: 'student changes a status',
        method: 'PATCH',
        url: `/referrals/${bobReferral}/status`,
        headers: asAlice,
        payload: { status: 'contacted' },
        status: 403,
      },
      {
        label: "admin changes another organization's referral",
        method: 'PATCH',
        url: `/referrals/${carolReferral}/status`,
        headers: adminA,
        payload: { status: 'contacted' },
        status: 404,
      },
      {
        label: "admin enrolls as another organization's student",
        method: 'PATCH',
        url: `/referrals/${bobContacted}/status`,
        headers: adminA,
        payload: { status: 'enrolled', enrolledAsStudentId: carol.id },
        status: 404,
      },
      {
        label: "admin processes another organization's campaign",
        method: 'POST',
        url: `/admin/campaigns/${campaignB}/process`,
        headers: adminA,
        status: 404,
      },
      {
        label: 'student bulk',
        method: 'POST',
        url: '/admin/referrals/bulk',
        headers: asAlice,
        payload: { referralIds: [bobReferral], status: 'contacted' },
        status: 403,
      },
      { label: 'student dashboard', method: 'GET', url: '/admin/analytics/dashboard', headers: asAlice, status: 403 },
      { label: 'student pending list', method: 'GET', url: '/admin/referrals/pending', headers: asAlice, status: 403 },
      {
        label: 'student leaderboard refresh',
        method: 'POST',
        url: '/admin/leaderboard/refresh',
        headers: asAlice,
        status: 403,
      },
      { label: 'student performance report', method: 'GET', url: '/admin/performance', headers: asAlice, status: 403 },
    );

    const secrets = [carol.id, carolReferral, carolEnrolled, campaignB, 'org_b_secret'];
    const before = await snapshotTables(pool);
    const outcomes: string[] = [];
    for (const attempt of attempts) {
      const response = await app.inject({
        method: attempt.method,
        url: attempt.url,
        headers: attempt.headers,
        ...(attempt.payload ? { payload: attempt.payload } : {}),
      });
      outcomes.push(`${attempt.label}: ${response.statusCode}`);
      for (const secret of secrets) expect(response.body).not.toContain(secret);
    }
    expect(outcomes).toEqual(attempts.map((a) => `${a.label}: ${a.status}`));

    // Bulk over another organization's ids: counted as failed like unknown ids, nothing moves.
    const bulk = await app.inject({
      method: 'POST',
      url: '/admin/referrals/bulk',
      headers: adminA,
      payload: { referralIds: [carolReferral], status: 'contacted' },
    });
    expect(bulk.json()).toMatchObject({ processed: 0, failed: 1 });
    expect(await snapshotTables(pool)).toEqual(before);

    // Organization-wide reads see only the caller's organization.
    await pool.query('SELECT refresh_referral_analytics()');
    for (const url of [
      '/admin/analytics/dashboard?fresh=true',
      '/admin/referrals/pending',
      '/leaderboard',
      '/admin/performance',
    ]) {
      const response = await app.inject({ method: 'GET', url, headers: adminA });
      expect(response.statusCode, url).toBe(200);
      for (const secret of secrets) expect(response.body, url).not.toContain(secret);
    }
    const dashboard = await app.inject({
      method: 'GET',
      url: '/admin/analytics/dashboard?fresh=true',
      headers: adminA,
    });
    expect(dashboard.json()).toMatchObject({ students: { total: 2 }, referrals: { total: 2, successful: 0 } });
  });
});
