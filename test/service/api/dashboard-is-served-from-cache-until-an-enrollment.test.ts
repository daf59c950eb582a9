import { describe, expect, it } from 'vitest';
import { adminAuth, startApi } from './api-harness.js';
import { createOrganization, createReferral, createStudent } from '../../helpers/fixtures.js';

describe.each(['optimized', 'baseline'] as const)('dashboard cache (%s)', (variant) => {
  it('serves the cached dashboard until a referral of the same organization is enrolled', async () => {
    const { app, db, cache } = await startApi(variant);
    const { pool } = db;
    const org = await createOrganization(pool);
    const other = await createOrganization(pool);
    const student = await createStudent(pool, org.id);
    await createStudent(pool, other.id);
    const [single, viaBulk] = [await createReferral(pool, student), await createReferral(pool, student)];
    const admin = adminAuth(org.id);
    const otherAdmin = adminAuth(other.id);
    const dashboard = (headers: Record<string, string>) =>
      app.inject({ method: 'GET', url: '/admin/analytics/dashboard', headers });

    const miss = await dashboard(admin);
    const hit = await dashboard(admin);
    expect([miss.headers['x-cache'], hit.headers['x-cache']]).toEqual(['miss', 'hit']);
    expect(hit.body).toBe(miss.body);
    expect(await cache.get(`analytics:${org.id}:dashboard`)).toBe(miss.body);
    expect((await dashboard(otherAdmin)).headers['x-cache']).toBe('miss');

    // Contacting changes no analytics: the cached copy stays.
    await app.inject({
      method: 'PATCH',
      url: `/referrals/${single}/status`,
      headers: admin,
      payload: { status: 'contacted' },
    });
    expect((await dashboard(admin)).headers['x-cache']).toBe('hit');

    await app.inject({
      method: 'PATCH',
      url: `/referrals/${single}/status`,
      headers: admin,
      payload: { status: 'enrolled' },
    });
    const afterEnrollment = await dashboard(admin);
    expect(afterEnrollment.headers['x-cache']).toBe('miss');
    if (variant === 'baseline') expect(afterEnrollment.json().referrals).toMatchObject({ total: 2, successful: 1 });
    // Another organization's entry is untouched.
    expect((await dashboard(otherAdmin)).headers['x-cache']).toBe('hit');

    // An enrollment through bulk processing invalidates too.
    expect((await dashboard(admin)).headers['x-cache']).toBe('hit');
    await pool.query(`UPDATE student_referrals SET status = 'contacted' WHERE id = $1`, [viaBulk]);
    const bulk = await app.inject({
      method: 'POST',
      url: '/admin/referrals/bulk',
      headers: admin,
      payload: { referralIds: [viaBulk], status: 'enrolled' },
    });
    expect(bulk.json()).toMatchObject({ processed: 1 });
    expect((await dashboard(admin)).headers['x-cache']).toBe('miss');

    // ?fresh=true bypasses the cache for uncached timing.
    expect(
      (await app.inject({ method: 'GET', url: '/admin/analytics/dashboard?fresh=true', headers: admin })).headers[
        'x-cache'
      ],
    ).toBe('bypass');
  });
});
