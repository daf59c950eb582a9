import { afterAll, expect, it } from 'vitest';
import { buildApp } from '../../../src/service/app.js';
import { createTokenCodec } from '../../../src/service/auth/token-codec.js';
import { resolveServiceConfig } from '../../../src/service/config.js';
import { createTestDatabase } from '../../helpers/database.js';
import { createOrganization, createStudent } from '../../helpers/fixtures.js';

const secret = 'metrics-endpoint-secret-0123456789';
const db = await createTestDatabase();
const app = await buildApp(
  resolveServiceConfig({ databaseUrl: db.url, tokenSecret: secret, logLevel: 'silent', pool: { min: 0 } }),
);
afterAll(() => app.close());

it('serves Prometheus text with per-route request histograms, pool gauges, cache counters and event-loop lag', async () => {
  const org = await createOrganization(db.pool);
  const student = await createStudent(db.pool, org.id);
  const codec = createTokenCodec(secret);
  const admin = {
    authorization: `Bearer ${codec.sign({ organizationId: org.id, role: 'admin', studentId: undefined }, 600)}`,
  };
  const own = {
    authorization: `Bearer ${codec.sign({ organizationId: org.id, role: 'student', studentId: student.id }, 600)}`,
  };
  expect((await app.inject({ method: 'GET', url: `/students/${student.id}/profile`, headers: own })).statusCode).toBe(
    200,
  );
  expect((await app.inject({ method: 'GET', url: `/students/${student.id}/profile`, headers: own })).statusCode).toBe(
    200,
  );
  expect((await app.inject({ method: 'GET', url: `/students/${student.id}/profile` })).statusCode).toBe(401);
  expect((await app.inject({ method: 'GET', url: '/admin/analytics/dashboard', headers: admin })).statusCode).toBe(200);
  expect((await app.inject({ method: 'GET', url: '/admin/analytics/dashboard', headers: admin })).statusCode).toBe(200);

  const response = await app.inject({ method: 'GET', url: '/metrics' });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = response.body;
  // Route patterns, not raw URLs: one series per route however many students there are.
  expect(text).toContain(
    'referral_service_http_request_duration_seconds_count{route="/students/:studentId/profile",method="GET",status="200"} 2',
  );
  expect(text).toContain(
    'referral_service_http_request_duration_seconds_count{route="/students/:studentId/profile",method="GET",status="401"} 1',
  );
  expect(text).not.toContain(student.id);
  expect(text).toContain('referral_service_cache_misses_total{cache="analytics"} 1');
  expect(text).toContain('referral_service_cache_hits_total{cache="analytics"} 1');
  expect(text).toMatch(/^referral_service_db_pool_in_use \d+$/m);
  expect(text).toMatch(/^referral_service_db_pool_idle \d+$/m);
  expect(text).toMatch(/^referral_service_db_pool_waiting 0$/m);
  expect(text).toMatch(/^nodejs_eventloop_lag_p99_seconds [\d.e-]+$/m);
  expect(text).toMatch(/^process_cpu_seconds_total [\d.e-]+$/m);
});
