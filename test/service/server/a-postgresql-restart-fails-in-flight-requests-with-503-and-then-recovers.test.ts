import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { buildApp } from '../../../src/service/app.js';
import { createTokenCodec } from '../../../src/service/auth/token-codec.js';
import { resolveServiceConfig } from '../../../src/service/config.js';
import { createOrganization, createReferral, createStudent } from '../../helpers/fixtures.js';
import { startRestartablePostgres } from './restartable-postgres.js';

const secret = 'restart-fault-secret-0123456789';
const server = await startRestartablePostgres();
const app = await buildApp(resolveServiceConfig({ databaseUrl: server.url, tokenSecret: secret, logLevel: 'silent', pool: { min: 0 } }));
const url = await app.listen({ port: 0, host: '127.0.0.1' });
afterAll(() => app.close());

const setup = new pg.Client({ connectionString: server.url });
await setup.connect();
const org = await createOrganization(setup);
const student = await createStudent(setup, org.id);
const referrals = [await createReferral(setup, student), await createReferral(setup, student)];
await setup.end();
const headers = {
  authorization: `Bearer ${createTokenCodec(secret).sign({ organizationId: org.id, role: 'admin', studentId: undefined }, 600)}`,
  'content-type': 'application/json',
};
const contact = (referralId: string) => fetch(`${url}/referrals/${referralId}/status`, { method: 'PATCH', headers, body: JSON.stringify({ status: 'contacted' }) });

it('answers 503 to a request in flight when PostgreSQL goes down and to requests while it is down, then 200 once it is back', async () => {
  // Another session holds the row, so the request is still running inside PostgreSQL when it stops.
  const holder = new pg.Client({ connectionString: server.url });
  holder.on('error', () => undefined);
  await holder.connect();
  await holder.query('BEGIN');
  await holder.query('SELECT 1 FROM student_referrals WHERE id = $1 FOR UPDATE', [referrals[0]]);
  const inFlight = contact(referrals[0]!);
  await expect.poll(async () => (await holder.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND application_name = 'referral-bench-service'")).rows[0]!.n,
  { timeout: 10_000 }).toBe(1);

  await server.stop();
  const failed = await inFlight;
  expect(failed.status).toBe(503);
  expect(await failed.json()).toMatchObject({ error: { code: 'DATABASE_UNAVAILABLE' } });
  const whileDown = await contact(referrals[1]!);
  expect(whileDown.status).toBe(503);
  expect(await whileDown.json()).toMatchObject({ error: { code: 'DATABASE_UNAVAILABLE' } });

  await server.start();
  await expect.poll(async () => (await contact(referrals[1]!)).status, { timeout: 20_000, interval: 200 }).toBe(200);
  expect((await contact(referrals[0]!)).status).toBe(200);
});
