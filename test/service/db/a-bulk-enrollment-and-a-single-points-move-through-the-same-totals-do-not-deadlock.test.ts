import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { expect, it } from 'vitest';
import { createTestDatabase } from '../../helpers/database.js';
import { createOrganization, createReferral, createStudent } from '../../helpers/fixtures.js';
import { checkInvariantsAfterEach } from './invariants-after-each.js';

const pid = (await bulk.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    const enrolled = bulk.query<{ processed: number }>(
      `SELECT processed FROM bulk_process_referrals($1::uuid[], 'enrolled')`,
      [referrals],
    );
    // wait until the bulk is blocked on a row lock (the total 0)
    for (let tries = 0; tries < 200; tries += 1) {
      const { rows } = await pool.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND wait_event_type = $2', [
        pid,
        'Lock',
      ]);
      if (rows.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
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
