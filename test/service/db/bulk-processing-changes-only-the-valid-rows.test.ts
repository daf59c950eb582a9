import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type pg from 'pg';
import { createTestDatabase } from '../../helpers/database.js';
import {
  createOrganization,
  createReferral,
  createStudent,
  enroll,
  type StudentFixture,
} from '../../helpers/fixtures.js';
import { asOrganization } from './app-session.js';
import { checkInvariantsAfterEach } from './invariants-after-each.js';

const databases = { optimized: await createTestDatabase('optimized'), baseline: await createTestDatabase('baseline') };
checkInvariantsAfterEach(databases.optimized.pool, databases.baseline.pool);

async function referralAt(pool: pg.Pool, referrer: StudentFixture, path: readonly string[]): Promise<string> {
  const id = await createReferral(pool, referrer);
  for (const status of path) await pool.query('UPDATE student_referrals SET status = $2 WHERE id = $1', [id, status]);
  return id;
}

async function rowsById(pool: pg.Pool, ids: readonly string[]): Promise<Map<string, unknown>> {
  const { rows } = await pool.query<{ id: string; r: unknown }>(
    'SELECT id, to_jsonb(sr) AS r FROM student_referrals sr WHERE id = ANY ($1)',
    [ids],
  );
  return new Map(rows.map((row) => [row.id, row.r]));
}

describe.each(['optimized', 'baseline'] as const)('bulk_process_referrals (%s)', (variant) => {
  it('enrolls the valid ids, counts every other id as failed and leaves those rows unchanged', async () => {
    const { pool } = databases[variant];
    const [org, other] = [await createOrganization(pool), await createOrganization(pool)];
    const referrer = await createStudent(pool, org.id);
    const valid = [await referralAt(pool, referrer, ['contacted']), await referralAt(pool, referrer, ['contacted'])];
    const pending = await referralAt(pool, referrer, []);
    const declined = await referralAt(pool, referrer, ['declined']);
    const enrolled = await createReferral(pool, referrer);
    await enroll(pool, enrolled);
    const deleted = await referralAt(pool, referrer, ['contacted']);
    await pool.query('UPDATE student_referrals SET deleted_at = now() WHERE id = $1', [deleted]);
    const otherOrganization = await referralAt(pool, await createStudent(pool, other.id), ['contacted']);
    const unknown = randomUUID();
    const invalid = [pending, declined, enrolled, deleted, otherOrganization];
    const before = await rowsById(pool, invalid);

    // As the service calls it: the app role, scoped to the organization (the other one's rows are invisible).
    const ids = [valid[0], pending, unknown, valid[1], declined, enrolled, deleted, otherOrganization, valid[0]];
    const result = await asOrganization(pool, org.id, async (client) => {
      const {
        rows: [outcome],
      } = await client.query<{ processed: number; failed: number; total_time_ms: number }>(
        `SELECT * FROM bulk_process_referrals($1::uuid[], 'enrolled')`,
        [ids],
      );
      return outcome;
    });

    // The repeated id is processed once and not counted twice.
    expect(result).toMatchObject({ processed: 2, failed: 6 });
    expect(result?.total_time_ms).toBeGreaterThanOrEqual(0);
    const { rows: statuses } = await pool.query<{ status: string }>(
      'SELECT status FROM student_referrals WHERE id = ANY ($1)',
      [valid],
    );
    expect(statuses).toEqual([{ status: 'enrolled' }, { status: 'enrolled' }]);
    expect(await rowsById(pool, invalid)).toEqual(before);
    const {
      rows: [ledger],
    } = await pool.query<{ n: number }>(
      `SELECT count(*)::integer AS n FROM points_transactions WHERE category = 'referral_enrolled' AND related_entity_id = ANY ($1)`,
      [valid],
    );
    expect(ledger).toEqual({ n: 2 });
  });
});
