import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { buildApp } from '../../../src/service/app.js';
import { createTokenCodec } from '../../../src/service/auth/token-codec.js';
import { resolveServiceConfig } from '../../../src/service/config.js';
import { createOrganization, createReferral, createStudent } from '../../helpers/fixtures.js';
import { startRestartablePostgres } from './restartable-postgres.js';

const secret = 'restart-wait-secret-0123456789';
const server = await startRestartablePostgres();
// A connect timeout far longer than the restart takes on a busy machine: what is tested is that
// the request waits for the server, not how fast the server comes back.
const app = await buildApp(resolveServiceConfig({ databaseUrl: server.url, tokenSecret: secret, logLevel: 'silent', pool: { min: 0, connectTimeoutMs: 30_000 } }));
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

it('holds a request that arrives while PostgreSQL is down until it is back, then answers it once, from a pool whose old connections died', async () => {
  // The pool's connection from before the restart is the one the next request would be handed.
  expect((await contact(referrals[0]!)).status).toBe(200);
  await server.stop();
  const sentWhileDown = contact(referrals[1]!);
  let answered = false;
  void sentWhileDown.then(() => { answered = true; });
  await new Promise((resolve) => setTimeout(resolve, 1000));
  expect(answered).toBe(false);
  await server.start();
  const response = await sentWhileDown;
  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({ id: referrals[1], status: 'contacted' });

  const check = new pg.Client({ connectionString: server.url });
  await check.connect();
  const { rows } = await check.query<{ status: string; n: string }>('SELECT status, count(*) AS n FROM student_referrals WHERE id = ANY($1) GROUP BY status', [referrals]);
  await check.end();
  expect(rows).toEqual([{ status: 'contacted', n: '2' }]);
});
