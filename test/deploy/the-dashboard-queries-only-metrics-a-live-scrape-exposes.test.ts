import { afterAll, expect, it } from 'vitest';
import { parsePrometheusText } from '../../src/harness/measure/metrics-scrape.js';
import { buildApp } from '../../src/service/app.js';
import { createTokenCodec } from '../../src/service/auth/token-codec.js';
import { resolveServiceConfig } from '../../src/service/config.js';
import { createTestDatabase } from '../helpers/database.js';
import { createOrganization, createStudent } from '../helpers/fixtures.js';
import { dashboardQueries, metricNames, readDashboard } from './dashboard-queries.js';

const secret = 'dashboard-metrics-secret-0123456789';
const db = await createTestDatabase();
const app = await buildApp(
  resolveServiceConfig({ databaseUrl: db.url, tokenSecret: secret, logLevel: 'silent', pool: { min: 0 } }),
);
afterAll(() => app.close());

it("reads in every panel and variable only metric names that the service's /metrics exposes once it has served requests", async () => {
  // Labelled series (per route, per query type) exist only once something was observed.
  const org = await createOrganization(db.pool);
  const student = await createStudent(db.pool, org.id);
  const codec = createTokenCodec(secret);
  const own = {
    authorization: `Bearer ${codec.sign({ organizationId: org.id, role: 'student', studentId: student.id }, 600)}`,
  };
  const admin = {
    authorization: `Bearer ${codec.sign({ organizationId: org.id, role: 'admin', studentId: undefined }, 600)}`,
  };
  expect((await app.inject({ method: 'GET', url: `/students/${student.id}/profile`, headers: own })).statusCode).toBe(
    200,
  );
  expect((await app.inject({ method: 'GET', url: '/admin/analytics/dashboard', headers: admin })).statusCode).toBe(200);
  expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);

  const scrape = await app.inject({ method: 'GET', url: '/metrics' });
  expect(scrape.statusCode).toBe(200);
  const exposed = new Set(parsePrometheusText(scrape.body).map((sample) => sample.name));

  for (const { where, query } of dashboardQueries(readDashboard())) {
    const names = metricNames(query);
    expect(names, `${where} reads no metric: ${query}`).not.toHaveLength(0);
    for (const name of names)
      expect(exposed.has(name), `${where} reads ${name}, which /metrics does not expose`).toBe(true);
  }
});
