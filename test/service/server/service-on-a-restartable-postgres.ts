/** The service on a PostgreSQL of the test's own that the test restarts, with two pending referrals of one organization. */
import pg from 'pg';
import { afterAll } from 'vitest';
import { buildApp } from '../../../src/service/app.js';
import { createTokenCodec } from '../../../src/service/auth/token-codec.js';
import { resolveServiceConfig, type ServiceConfigInput } from '../../../src/service/config.js';
import { createOrganization, createReferral, createStudent } from '../../helpers/fixtures.js';
import { startRestartablePostgres, type RestartablePostgres } from './restartable-postgres.js';

export interface ServiceOnRestartablePostgres {
  readonly server: RestartablePostgres;
  readonly referrals: readonly [string, string];
  /** PATCHes the referral to 'contacted' as the organization's admin, over the socket. */
  contact(referralId: string): Promise<Response>;
}

/**
 * Starts the server and the service on it (closed after the file); `prepare` runs on the
 * database after the referrals exist (e.g. a trigger that stalls one of them).
 */
export async function startServiceOnRestartablePostgres(
  pool: ServiceConfigInput['pool'],
  prepare: (client: pg.Client, referrals: readonly [string, string]) => Promise<void> = async () => undefined,
): Promise<ServiceOnRestartablePostgres> {
  const secret = 'restart-test-secret-0123456789';
  const server = await startRestartablePostgres();
  const app = await buildApp(
    resolveServiceConfig({
      databaseUrl: server.url,
      tokenSecret: secret,
      logLevel: 'silent',
      pool: { min: 0, ...pool },
    }),
  );
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  afterAll(() => app.close());

  const setup = new pg.Client({ connectionString: server.url });
  await setup.connect();
  const org = await createOrganization(setup);
  const student = await createStudent(setup, org.id);
  const referrals = [await createReferral(setup, student), await createReferral(setup, student)] as const;
  await prepare(setup, referrals);
  await setup.end();
  const headers = {
    authorization: `Bearer ${createTokenCodec(secret).sign({ organizationId: org.id, role: 'admin', studentId: undefined }, 600)}`,
    'content-type': 'application/json',
  };
  const contact = (referralId: string) =>
    fetch(`${url}/referrals/${referralId}/status`, {
      method: 'PATCH',
      headers,
      body: JSON.stringify({ status: 'contacted' }),
    });
  return { server, referrals, contact };
}
