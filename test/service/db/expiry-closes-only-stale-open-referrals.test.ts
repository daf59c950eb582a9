import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../helpers/database.js';
import { createOrganization, createReferral, createStudent } from '../../helpers/fixtures.js';
import { checkInvariantsAfterEach } from './invariants-after-each.js';

const databases = { optimized: await createTestDatabase('optimized'), baseline: await createTestDatabase('baseline') };
checkInvariantsAfterEach(databases.optimized.pool, databases.baseline.pool);

describe.each(['optimized', 'baseline'] as const)('expire_stale_referrals (%s)', (variant) => {
  it('expires open referrals untouched for 90 days, even after a no-op retry, and nothing else', async () => {
    const { pool } = databases[variant];
    const org = await createOrganization(pool);
    const referrer = await createStudent(pool, org.id);
    const make = async (status: string | null, daysIdle: number) => {
      const id = await createReferral(pool, referrer);
      if (status) await pool.query('UPDATE student_referrals SET status = $2 WHERE id = $1', [id, status]);
      await pool.query(`UPDATE student_referrals SET updated_at = now() - make_interval(days => $2) WHERE id = $1`, [
        id,
        daysIdle,
      ]);
      return id;
    };
    const stalePending = await make(null, 91);
    const staleContacted = await make('contacted', 120);
    const retried = await make(null, 91);
    // an idempotent retry (same status) must not restart the clock
    await pool.query(`UPDATE student_referrals SET status = 'pending' WHERE id = $1`, [retried]);
    const freshPending = await make(null, 89);
    const staleDeclined = await make('declined', 200);

    const {
      rows: [result],
    } = await pool.query<{ expired: number }>('SELECT expire_stale_referrals(90) AS expired');
    expect(result).toEqual({ expired: 3 });
    const { rows } = await pool.query<{ id: string; status: string }>(
      'SELECT id, status FROM student_referrals WHERE referrer_student_id = $1',
      [referrer.id],
    );
    expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual({
      [stalePending]: 'expired',
      [staleContacted]: 'expired',
      [retried]: 'expired',
      [freshPending]: 'pending',
      [staleDeclined]: 'declined',
    });
  });
});
