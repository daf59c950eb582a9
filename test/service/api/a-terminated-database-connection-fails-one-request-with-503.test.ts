import { describe, expect, it } from 'vitest';
import { adminAuth, startApi } from './api-harness.js';
import { createOrganization, createReferral, createStudent } from '../../helpers/fixtures.js';

describe('a terminated database connection', () => {
  it('fails the in-flight request with a clean 503 and the next request succeeds', async () => {
    const { app, db } = await startApi('optimized');
    const { pool } = db;
    const org = await createOrganization(pool);
    const student = await createStudent(pool, org.id);
    const referral = await createReferral(pool, student);
    const admin = adminAuth(org.id);

    // Hold the referral's row lock so the service's update waits inside the database...
    const blocker = await pool.connect();
    await blocker.query('BEGIN');
    await blocker.query('SELECT 1 FROM student_referrals WHERE id = $1 FOR UPDATE', [referral]);
    const inFlight = app.inject({
      method: 'PATCH',
      url: `/referrals/${referral}/status`,
      headers: admin,
      payload: { status: 'contacted' },
    });
    let waiting: { pid: number }[] = [];
    for (let i = 0; i < 200 && waiting.length === 0; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      ({ rows: waiting } = await pool.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = 'referral-bench-service' AND wait_event_type = 'Lock'`));
    }
    expect(waiting).toHaveLength(1);
    // ...then end that backend, as a server restart would.
    await pool.query('SELECT pg_terminate_backend($1)', [waiting[0]!.pid]);
    const failed = await inFlight;
    await blocker.query('ROLLBACK');
    blocker.release();

    expect(failed.statusCode).toBe(503);
    expect(failed.json()).toEqual({ error: { code: 'DATABASE_UNAVAILABLE', message: expect.any(String) } });
    expect(failed.body).not.toMatch(/terminat|SQL|at .*\.js/i);

    const retried = await app.inject({
      method: 'PATCH',
      url: `/referrals/${referral}/status`,
      headers: admin,
      payload: { status: 'contacted' },
    });
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toMatchObject({ status: 'contacted' });
  });
});
