import { beforeAll, describe, expect, it } from 'vitest';
import { createSigner } from 'fast-jwt';
import { adminAuth, startApi, studentAuth, tokenSecret, type ApiHarness } from './api-harness.js';
import { snapshotTables } from './table-snapshot.js';
import {
  createCampaign,
  createOrganization,
  createReferral,
  createStudent,
  enroll,
  randomPhone,
  type StudentFixture,
} from '../../helpers/fixtures.js';

type Headers = Record<string, string>;
interface Case {
  readonly label: string;
  readonly method: 'GET' | 'POST' | 'PATCH';
  readonly url: string;
  readonly headers?: Headers;
  readonly payload?: unknown;
  readonly status: number;
  readonly code: string;
}

const unknownId = '00000000-0000-4000-8000-000000000000';
let api: ApiHarness;
let alice: StudentFixture;
let admin: Headers;
let asAlice: Headers;
const ids = { pending: '', enrolled: '', campaign: '', inactiveCampaign: '' };

function claims(organizationId: string): Record<string, string> {
  return { org: organizationId, role: 'admin' };
}

// Built lazily: the ids exist only after beforeAll.
function cases(): Case[] {
  const json = { 'content-type': 'application/json' };
  const validReferral = { referredName: 'Friend', referredPhone: randomPhone() };
  const expired = createSigner({ key: tokenSecret, expiresIn: 1000, clockTimestamp: Date.now() - 3_600_000 })(
    claims(alice.organizationId),
  );
  const forged = createSigner({ key: 'another-secret-of-some-length', expiresIn: 60_000 })(
    claims(alice.organizationId),
  );
  const unsigned = createSigner({ algorithm: 'none', expiresIn: 60_000 })(claims(alice.organizationId));
  const noExpiry = createSigner({ key: tokenSecret })(claims(alice.organizationId));
  const ref = `/referrals/${ids.pending}`;
  return [
    // create-referral
    {
      label: 'create: malformed JSON',
      method: 'POST',
      url: '/referrals',
      headers: { ...asAlice, ...json },
      payload: '{"referredName":',
      status: 400,
      code: 'MALFORMED_JSON',
    },
    {
      label: 'create: empty JSON body',
      method: 'POST',
      url: '/referrals',
      headers: { ...asAlice, ...json },
      payload: '',
      status: 400,
      code: 'MALFORMED_JSON',
    },
    {
      label: 'create: not JSON',
      method: 'POST',
      url: '/referrals',
      headers: { ...asAlice, 'content-type': 'text/plain' },
      payload: 'hello',
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    },
    {
      label: 'create: wrong type',
      method: 'POST',
      url: '/referrals',
      headers: asAlice,
      payload: { ...validReferral, referredName: 42 },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      label: 'create: unknown field',
      method: 'POST',
      url: '/referrals',
      headers: asAlice,
      payload: { ...validReferral, points: 1000 },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      label: 'create: missing field',
      method: 'POST',
      url: '/referrals',
      headers: asAlice,
      payload: { referredName: 'Friend' },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      label: 'create: bad phone',
      method: 'POST',
      url: '/referrals',
      headers: asAlice,
      payload: { ...validReferral, referredPhone: 'call me' },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      label: 'create: bad email',
      method: 'POST',
      url: '/referrals',
      headers: asAlice,
      payload: { ...validReferral, referredEmail: 'not an email' },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      label: 'create: NUL character',
      method: 'POST',
      url: '/referrals',
      headers: asAlice,
      payload: { ...validReferral, referredName: 'Fri\u0000end' },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      label: 'create: non-uuid campaign',
      method: 'POST',
      url: '/referrals',
      headers: asAlice,
      payload: { ...validReferral, campaignId: '123' },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      label: 'create: oversized body',
      method: 'POST',
      url: '/referrals',
      headers: asAlice,
      payload: { ...validReferral, referredName: 'x'.repeat(70_000) },
      status: 413,
      code: 'BODY_TOO_LARGE',
    },
    {
      label: 'create: prototype poisoning',
      method: 'POST',
      url: '/referrals',
      headers: { ...asAlice, ...json },
      payload: '{"referredName":"F","referredPhone":"+998901234567","__proto__":{"x":1}}',
      status: 400,
      code: 'MALFORMED_JSON',
    },
    {
      label: 'create: unknown campaign',
      method: 'POST',
      url: '/referrals',
      headers: asAlice,
      payload: { ...validReferral, campaignId: unknownId },
      status: 404,
      code: 'NOT_FOUND',
    },
    {
      label: 'create: live phone again',
      method: 'POST',
      url: '/referrals',
      headers: asAlice,
      payload: { referredName: 'Friend', referredPhone: '+998900000001' },
      status: 409,
      code: 'DUPLICATE',
    },
    {
      label: 'create: self-referral',
      method: 'POST',
      url: '/referrals',
      headers: asAlice,
      payload: { referredName: 'Me', referredPhone: alice.phone },
      status: 422,
      code: 'UNPROCESSABLE',
    },
    {
      label: 'create: admin names no referrer',
      method: 'POST',
      url: '/referrals',
      headers: admin,
      payload: validReferral,
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      label: 'create: admin names an unknown referrer',
      method: 'POST',
      url: '/referrals',
      headers: admin,
      payload: { ...validReferral, referrerStudentId: unknownId },
      status: 404,
      code: 'NOT_FOUND',
    },
    {
      label: 'create: no token',
      method: 'POST',
      url: '/referrals',
      payload: validReferral,
      status: 401,
      code: 'TOKEN_MISSING',
    },
    {
      label: 'create: not a bearer token',
      method: 'POST',
      url: '/referrals',
      headers: { authorization: 'Basic YTpi' },
      payload: validReferral,
      status: 401,
      code: 'TOKEN_INVALID',
    },
    {
      label: 'create: forged token',
      method: 'POST',
      url: '/referrals',
      headers: { authorization: `Bearer ${forged}` },
      payload: validReferral,
      status: 401,
      code: 'TOKEN_INVALID',
    },
    {
      label: 'create: unsigned token',
      method: 'POST',
      url: '/referrals',
      headers: { authorization: `Bearer ${unsigned}` },
      payload: validReferral,
      status: 401,
      code: 'TOKEN_INVALID',
    },
    {
      label: 'create: token without expiry',
      method: 'POST',
      url: '/referrals',
      headers: { authorization: `Bearer ${noExpiry}` },
      payload: validReferral,
      status: 401,
      code: 'TOKEN_INVALID',
    },
    {
      label: 'create: expired token',
      method: 'POST',
      url: '/referrals',
      headers: { authorization: `Bearer ${expired}` },
      payload: validReferral,
      status: 401,
      code: 'TOKEN_EXPIRED',
    },
    // update-status
    {
      label: 'status: non-uuid id',
      method: 'PATCH',
      url: '/referrals/42/status',
      headers: admin,
      payload: { status: 'contacted' },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      label: 'status: unknown status',
      method: 'PATCH',
      url: `${ref}/status`,
      headers: admin,
      payload: { status: 'won' },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      label: 'status: unknown field',
      method: 'PATCH',
      url: `${ref}/status`,
      headers: admin,
      payload: { status: 'contacted', pointsAwarded: 5 },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      label: 'status: reason without decline',
      method: 'PATCH',
      url: `${ref}/status`,
      headers: admin,
      payload: { status: 'contacted', declineReason: 'x' },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      label: 'status: pending -> enrolled',
      method: 'PATCH',
      url: `${ref}/status`,
      headers: admin,
      payload: { status: 'enrolled' },
      status: 409,
      code: 'INVALID_TRANSITION',
    },
    {
      label: 'status: enrolled -> declined',
      method: 'PATCH',
      url: `/referrals/${ids.enrolled}/status`,
      headers: admin,
      payload: { status: 'declined' },
      status: 409,
      code: 'INVALID_TRANSITION',
    },
    {
      label: 'status: unknown referral',
      method: 'PATCH',
      url: `/referrals/${unknownId}/status`,
      headers: admin,
      payload: { status: 'contacted' },
      status: 404,
      code: 'NOT_FOUND',
    },
    {
      label: 'status: by a student',
      method: 'PATCH',
      url: `${ref}/status`,
      headers: asAlice,
      payload: { status: 'contacted' },
      status: 403,
      code: 'FORBIDDEN',
    },
    {
      label: 'status: expired token',
      method: 'PATCH',
      url: `${ref}/status`,
      headers: { authorization: `Bearer ${expired}` },
      payload: { status: 'contacted' },
      status: 401,
      code: 'TOKEN_EXPIRED',
    },
    // calculate-points
    {
      label: 'points: non-uuid id',
      method: 'GET',
      url: '/referrals/abc/points',
      headers: admin,
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      label: 'points: non-uuid campaign',
      method: 'GET',
      url: `${ref}/points?campaignId=7`,
      headers: admin,
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      label: 'points: unknown query field',
      method: 'GET',
      url: `${ref}/points?bonus=1`,
      headers: admin,
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      label: 'points: unknown referral',
      method: 'GET',
      url: `/referrals/${unknownId}/points`,
      headers: admin,
      status: 404,
      code: 'NOT_FOUND',
    },
    {
      label: 'points: unknown campaign',
      method: 'GET',
      url: `${ref}/points?campaignId=${unknownId}`,
      headers: admin,
      status: 422,
      code: 'UNPROCESSABLE',
    },
    { label: 'points: no token', method: 'GET', url: `${ref}/points`, status: 401, code: 'TOKEN_MISSING' },
    // dashboard-analytics
    {
      label: 'dashboard: fresh is not a boolean',
      method: 'GET',
      url: '/admin/analytics/dashboard?fresh=maybe',
      headers: admin,
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      label: 'dashboard: unknown query field',
      method: 'GET',
      url: '/admin/analytics/dashboard?org=x',
      headers: admin,
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      label: 'dashboard: by a student',
      method: 'GET',
      url: '/admin/analytics/dashboard',
      headers: asAlice,
      status: 403,
      code: 'FORBIDDEN',
    },
    {
      label: 'dashboard: forged token',
      method: 'GET',
      url: '/admin/analytics/dashboard',
      headers: { authorization: `Bearer ${forged}` },
      status: 401,
      code: 'TOKEN_INVALID',
    },
    // leaderboard-read / leaderboard-update
    {
      label: 'leaderboard: limit 0',
      method: 'GET',
      url: '/leaderboard?limit=0',
      headers: asAlice,
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      label: 'leaderboard: limit 101',
      method: 'GET',
      url: '/leaderboard?limit=101',
      headers: asAlice,
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      label: 'leaderboard: limit not a number',
      method: 'GET',
      url: '/leaderboard?limit=ten',
      headers: asAlice,
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    { label: 'leaderboard: no token', method: 'GET', url: '/leaderboard', status: 401, code: 'TOKEN_MISSING' },
    {
      label: 'refresh: by a student',
      method: 'POST',
      url: '/admin/leaderboard/refresh',
      headers: asAlice,
      status: 403,
      code: 'FORBIDDEN',
    },
    {
      label: 'refresh: limit 1.5',
      method: 'POST',
      url: '/admin/leaderboard/refresh?limit=1.5',
      headers: admin,
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    // bulk-process
    {
      label: 'bulk: 1001 ids',
      method: 'POST',
      url: '/admin/referrals/bulk',
      headers: admin,
      payload: { referralIds: Array.from({ length: 1001 }, () => ids.pending), status: 'contacted' },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      label: 'bulk: no ids',
      method: 'POST',
      url: '/admin/referrals/bulk',
      headers: admin,
      payload: { referralIds: [], status: 'contacted' },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      label: 'bulk: a non-uuid id',
      method: 'POST',
      url: '/admin/referrals/bulk',
      headers: admin,
      payload: { referralIds: [ids.pending, 'x'], status: 'contacted' },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      label: 'bulk: ids not an array',
      method: 'POST',
      url: '/admin/referrals/bulk',
      headers: admin,
      payload: { referralIds: ids.pending, status: 'contacted' },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      label: 'bulk: unknown status',
      method: 'POST',
      url: '/admin/referrals/bulk',
      headers: admin,
      payload: { referralIds: [ids.pending], status: 'won' },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      label: 'bulk: by a student',
      method: 'POST',
      url: '/admin/referrals/bulk',
      headers: asAlice,
      payload: { referralIds: [ids.pending], status: 'contacted' },
      status: 403,
      code: 'FORBIDDEN',
    },
    {
      label: 'bulk: malformed JSON',
      method: 'POST',
      url: '/admin/referrals/bulk',
      headers: { ...admin, ...json },
      payload: '{"referralIds": [',
      status: 400,
      code: 'MALFORMED_JSON',
    },
    // campaign-processing
    {
      label: 'campaign: non-uuid id',
      method: 'POST',
      url: '/admin/campaigns/spring/process',
      headers: admin,
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      label: 'campaign: limit 0',
      method: 'POST',
      url: `/admin/campaigns/${ids.campaign}/process?limit=0`,
      headers: admin,
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      label: 'campaign: unknown campaign',
      method: 'POST',
      url: `/admin/campaigns/${unknownId}/process`,
      headers: admin,
      status: 404,
      code: 'NOT_FOUND',
    },
    {
      label: 'campaign: inactive campaign',
      method: 'POST',
      url: `/admin/campaigns/${ids.inactiveCampaign}/process`,
      headers: admin,
      status: 409,
      code: 'CONFLICT',
    },
    {
      label: 'campaign: by a student',
      method: 'POST',
      url: `/admin/campaigns/${ids.campaign}/process`,
      headers: asAlice,
      status: 403,
      code: 'FORBIDDEN',
    },
    // student routes
    {
      label: 'profile: non-uuid id',
      method: 'GET',
      url: '/students/me/profile',
      headers: asAlice,
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      label: 'profile: unknown student',
      method: 'GET',
      url: `/students/${unknownId}/profile`,
      headers: admin,
      status: 404,
      code: 'NOT_FOUND',
    },
    {
      label: 'analytics: unknown student',
      method: 'GET',
      url: `/students/${unknownId}/referral-analytics`,
      headers: admin,
      status: 404,
      code: 'NOT_FOUND',
    },
    {
      label: 'list: unknown status',
      method: 'GET',
      url: `/students/${alice.id}/referrals?status=won`,
      headers: asAlice,
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      label: 'list: limit 1000',
      method: 'GET',
      url: `/students/${alice.id}/referrals?limit=1000`,
      headers: asAlice,
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      label: 'list: unknown student',
      method: 'GET',
      url: `/students/${unknownId}/referrals`,
      headers: admin,
      status: 404,
      code: 'NOT_FOUND',
    },
    {
      label: 'ranking: non-uuid id',
      method: 'POST',
      url: '/students/1/ranking/calculate',
      headers: admin,
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      label: 'ranking: unknown student',
      method: 'POST',
      url: `/students/${unknownId}/ranking/calculate`,
      headers: admin,
      status: 404,
      code: 'NOT_FOUND',
    },
    {
      label: 'achievements: unknown student',
      method: 'POST',
      url: `/students/${unknownId}/achievements/check`,
      headers: admin,
      status: 404,
      code: 'NOT_FOUND',
    },
    {
      label: 'achievements: expired token',
      method: 'POST',
      url: `/students/${alice.id}/achievements/check`,
      headers: { authorization: `Bearer ${expired}` },
      status: 401,
      code: 'TOKEN_EXPIRED',
    },
    // admin lists and reports
    {
      label: 'pending: limit -1',
      method: 'GET',
      url: '/admin/referrals/pending?limit=-1',
      headers: admin,
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      label: 'pending: by a student',
      method: 'GET',
      url: '/admin/referrals/pending',
      headers: asAlice,
      status: 403,
      code: 'FORBIDDEN',
    },
    {
      label: 'performance: by a student',
      method: 'GET',
      url: '/admin/performance',
      headers: asAlice,
      status: 403,
      code: 'FORBIDDEN',
    },
    { label: 'unknown route', method: 'GET', url: '/referrals', headers: admin, status: 404, code: 'ROUTE_NOT_FOUND' },
  ];
}

describe('bad inputs get a 4xx, a stable code, and change nothing', () => {
  beforeAll(async () => {
    api = await startApi('optimized');
    const { pool } = api.db;
    const org = await createOrganization(pool);
    alice = await createStudent(pool, org.id);
    admin = adminAuth(org.id);
    asAlice = studentAuth(alice);
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO student_referrals (organization_id, referrer_student_id, referred_name, referred_phone)
       VALUES ($1, $2, 'Friend', '+998900000001') RETURNING id`,
      [org.id, alice.id],
    );
    ids.pending = rows[0]!.id;
    ids.enrolled = await createReferral(pool, alice);
    await enroll(pool, ids.enrolled);
    ids.campaign = await createCampaign(pool, org.id, { basePoints: 100, multiplier: '1.00', startDate: '2020-01-01' });
    ids.inactiveCampaign = await createCampaign(pool, org.id, {
      basePoints: 100,
      multiplier: '1.00',
      startDate: '2020-01-01',
      isActive: false,
    });
  });

  it('answers each bad request of the table with its status and code, leaving every table as it was', async () => {
    const before = await snapshotTables(api.db.pool);
    const outcomes: string[] = [];
    for (const c of cases()) {
      const response = await api.app.inject({
        method: c.method,
        url: c.url,
        headers: c.headers,
        ...(c.payload === undefined ? {} : { payload: c.payload as string | object }),
      });
      const body = response.json() as { error?: { code?: string; message?: unknown } };
      outcomes.push(`${c.label}: ${response.statusCode} ${body.error?.code ?? JSON.stringify(body)}`);
      expect(Object.keys(body)).toEqual(['error']);
      expect(typeof body.error?.message).toBe('string');
    }
    expect(outcomes).toEqual(cases().map((c) => `${c.label}: ${c.status} ${c.code}`));
    expect(await snapshotTables(api.db.pool)).toEqual(before);
  });
});
