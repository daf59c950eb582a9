import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../helpers/database.js';
import { createOrganization, createReferral, createStudent } from '../../helpers/fixtures.js';
import { asOrganization } from './app-session.js';

describe.each(['optimized', 'baseline'] as const)('bulk_process_referrals (%s)', (variant) => {
  it('pays an enrollment batch set-based: one new version of each referral, its status and award together', async () => {
    const { pool } = await createTestDatabase(variant);
    const org = await createOrganization(pool);
    const referrers = [await createStudent(pool, org.id), await createStudent(pool, org.id)];
    const ids: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      const id = await createReferral(pool, referrers[i % 2]!);
      await pool.query(`UPDATE student_referrals SET status = 'contacted' WHERE id = $1`, [id]);
      ids.push(id);
    }

    // One at a time, the ranking trigger writes each enrolled referral a second time (its award):
    // the per-row path, which every equivalence test also accepts, would count twelve here.
    // The counter is the backend's, and holds its earlier transactions' writes until it reports
    // them (at most once a second): the bulk's are the difference across it, in one transaction.
    const updated = await asOrganization(pool, org.id, async (client) => {
      const count = async () =>
        Number(
          (
            await client.query<{ updated: string }>(
              `SELECT pg_stat_get_xact_tuples_updated('student_referrals'::regclass) AS updated`,
            )
          ).rows[0]!.updated,
        );
      const before = await count();
      const { rows } = await client.query<{ processed: number }>(
        `SELECT processed FROM bulk_process_referrals($1::uuid[], 'enrolled')`,
        [ids],
      );
      expect(rows[0]!.processed).toBe(ids.length);
      return (await count()) - before;
    });

    expect(updated).toBe(ids.length);
    const { rows: awarded } = await pool.query<{ points_awarded: number }>(
      'SELECT points_awarded FROM student_referrals WHERE id = ANY ($1::uuid[])',
      [ids],
    );
    expect(awarded.every((row) => row.points_awarded > 0)).toBe(true);
  });
});
