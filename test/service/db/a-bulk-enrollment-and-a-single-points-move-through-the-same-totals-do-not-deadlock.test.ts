import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { expect, it } from 'vitest';
import { createTestDatabase } from '../../helpers/database.js';
import { createOrganization, createReferral, createStudent } from '../../helpers/fixtures.js';
import { checkInvariantsAfterEach } from './invariants-after-each.js';

const { pool, url } = await createTestDatabase('optimized');
checkInvariantsAfterEach(pool);

async function scoped(organizationId: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('BEGIN');
  await client.query(
    "SELECT set_config('role', 'referral_bench_app', true), set_config('app.organization_id', $1, true)",
    [organizationId],
  );
  return client;
}

const grant = (client: pg.Client, organizationId: string, studentId: string, points: number) =>
  client.query(`SELECT grant_points($1, $2, $3, 'homework', 'lesson', $4)`, [
    organizationId,
    studentId,
    points,
    randomUUID(),
  ]);

// The rank histogram's rows are locked lowest total first by a single move. A bulk enrollment
// moving a referrer at 110 up and one at 0 up must not take 110 before 0: a single move 0 -> 100
// holding 0, then 100 -> 110, would wait for it while the bulk waits for 0.
it('a bulk enrollment waits for a single move through the same totals instead of deadlocking with it', async () => {
  const org = await createOrganization(pool);
  const [high, low, single] = [
    await createStudent(pool, org.id),
    await createStudent(pool, org.id),
    await createStudent(pool, org.id),
  ];
  const setup = await scoped(org.id);
  await grant(setup, org.id, high.id, 110);
  await setup.query('COMMIT');
  await setup.end();
  const referrals = [await createReferral(pool, high), await createReferral(pool, low)];
  await pool.query(`UPDATE student_referrals SET status = 'contacted' WHERE id = ANY($1)`, [referrals]);

  const moving = await scoped(org.id);
  const bulk = await scoped(org.id);
  try {
    await grant(moving, org.id, single.id, 100); // holds the totals 0 and 100
    const pid = (await bulk.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    const enrolled = bulk.query<{ processed: number }>(
      `SELECT processed FROM bulk_process_referrals($1::uuid[], 'enrolled')`,
      [referrals],
    );
    // wait until the bulk is blocked on a row lock (the total 0): without that wait the race is not run
    let blocked = false;
    for (let tries = 0; tries < 200 && !blocked; tries += 1) {
      const { rows } = await pool.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND wait_event_type = $2', [
        pid,
        'Lock',
      ]);
      blocked = rows.length > 0;
      if (!blocked) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(blocked).toBe(true);
    await grant(moving, org.id, single.id, 10); // 100 -> 110
    await moving.query('COMMIT');
    expect((await enrolled).rows[0]?.processed).toBe(2);
    await bulk.query('COMMIT');
  } finally {
    await moving.end();
    await bulk.end();
  }
  const { rows } = await pool.query<{ user_id: string; total_points: number }>(
    'SELECT user_id, total_points FROM user_rankings WHERE user_id = $1',
    [single.id],
  );
  expect(rows[0]?.total_points).toBe(110);
});
