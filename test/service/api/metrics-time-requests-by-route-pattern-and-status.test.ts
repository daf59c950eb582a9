import { describe, expect, it } from 'vitest';
import { adminAuth, startApi } from './api-harness.js';
import { createOrganization, createStudent } from '../../helpers/fixtures.js';

describe('GET /metrics', () => {
  it('times requests by route pattern and status, and times database operations by query type', async () => {
    const { app, db } = await startApi('optimized');
    const org = await createOrganization(db.pool);
    const student = await createStudent(db.pool, org.id);
    const admin = adminAuth(org.id);
    await app.inject({ method: 'GET', url: `/students/${student.id}/profile`, headers: admin });
    await app.inject({ method: 'GET', url: '/students/00000000-0000-4000-8000-000000000000/profile', headers: admin });
    await app.inject({ method: 'GET', url: '/no/such/route' });

    const response = await app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    const text = response.body;
    // the pattern, never the concrete id, so series stay few
    expect(text).toMatch(
      /referral_service_http_request_duration_seconds_count\{route="\/students\/:studentId\/profile",method="GET",status="200"\} 1/,
    );
    expect(text).toMatch(
      /referral_service_http_request_duration_seconds_count\{route="\/students\/:studentId\/profile",method="GET",status="404"\} 1/,
    );
    expect(text).toMatch(
      /referral_service_http_request_duration_seconds_count\{route="unmatched",method="GET",status="404"\} 1/,
    );
    expect(text).not.toContain(student.id);
    // both profile reads ran their query (one found the student, one did not)
    expect(text).toMatch(/referral_service_db_operation_duration_seconds_count\{query_type="student_profile"\} 2/);
    expect(text).toMatch(/referral_service_db_pool_idle \d+/);
  });
});
