import pg from 'pg';
import { expect, it } from 'vitest';
import { startServiceOnRestartablePostgres } from './service-on-a-restartable-postgres.js';

// A connect timeout far longer than the restart takes on a busy machine: what is tested is that
// the request waits for the server, not how fast the server comes back.
const { server, referrals, contact } = await startServiceOnRestartablePostgres({ connectTimeoutMs: 30_000 });

it('holds a request that arrives while PostgreSQL is down until it is back, then answers it once, from a pool whose old connections died', async () => {
  // The pool's connection from before the restart is the one the next request would be handed.
  expect((await contact(referrals[0]!)).status).toBe(200);
  await server.stop();
  const sentWhileDown = contact(referrals[1]!);
  let answered = false;
  void sentWhileDown.then(() => {
    answered = true;
  });
  await new Promise((resolve) => setTimeout(resolve, 1000));
  expect(answered).toBe(false);
  await server.start();
  const response = await sentWhileDown;
  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({ id: referrals[1], status: 'contacted' });

  const check = new pg.Client({ connectionString: server.url });
  await check.connect();
  const { rows } = await check.query<{ status: string; n: string }>(
    'SELECT status, count(*) AS n FROM student_referrals WHERE id = ANY($1) GROUP BY status',
    [referrals],
  );
  await check.end();
  expect(rows).toEqual([{ status: 'contacted', n: '2' }]);
});
