import pg from 'pg';
import { expect, it } from 'vitest';
import { startServiceOnRestartablePostgres } from './service-on-a-restartable-postgres.js';

// No statement timeout within the test: the in-flight request must fail from the restart alone.
const { server, referrals, contact } = await startServiceOnRestartablePostgres(
  { statementTimeoutMs: 600_000 },
  async (setup, [stalled]) => {
    // An update of the first referral sleeps inside PostgreSQL for longer than the test runs: it
    // cannot commit before the restart, which is what makes its 503 certain. (A lock held by another
    // session was not: the shutdown ends the holder too, and the waiting update could commit first.)
    await setup.query(
      `CREATE FUNCTION stall_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(600); RETURN NEW; END $$`,
    );
    await setup.query(
      `CREATE TRIGGER stall_update BEFORE UPDATE ON student_referrals FOR EACH ROW WHEN (OLD.id = '${stalled}') EXECUTE FUNCTION stall_update()`,
    );
  },
);

it('answers 503 to a request in flight when PostgreSQL goes down and to requests while it is down, then 200 once it is back', async () => {
  const inFlight = contact(referrals[0]!);
  const watcher = new pg.Client({ connectionString: server.url });
  watcher.on('error', () => undefined);
  await watcher.connect();
  await expect
    .poll(
      async () =>
        (
          await watcher.query<{ n: number }>(
            "SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event = 'PgSleep' AND application_name = 'referral-bench-service'",
          )
        ).rows[0]!.n,
      { timeout: 10_000 },
    )
    .toBe(1);

  await server.stop();
  const failed = await inFlight;
  expect(failed.status).toBe(503);
  expect(await failed.json()).toMatchObject({ error: { code: 'DATABASE_UNAVAILABLE' } });
  const whileDown = await contact(referrals[1]!);
  expect(whileDown.status).toBe(503);
  expect(await whileDown.json()).toMatchObject({ error: { code: 'DATABASE_UNAVAILABLE' } });

  await server.start();
  await expect.poll(async () => (await contact(referrals[1]!)).status, { timeout: 20_000, interval: 200 }).toBe(200);
  // The stalled update was rolled back: once the stall is gone, the same change goes through.
  const cleanup = new pg.Client({ connectionString: server.url });
  await cleanup.connect();
  await cleanup.query('DROP TRIGGER stall_update ON student_referrals');
  await cleanup.end();
  expect((await contact(referrals[0]!)).status).toBe(200);
});
