import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../helpers/database.js';
import { createOrganization, createReferral, createStudent } from '../../helpers/fixtures.js';
import { checkInvariantsAfterEach } from './invariants-after-each.js';

const databases = { optimized: await createTestDatabase('optimized'), baseline: await createTestDatabase('baseline') };
checkInvariantsAfterEach(databases.optimized.pool, databases.baseline.pool);

// How many times each update calls the ranking function: the optimized trigger's WHEN clause skips
// updates that keep the status (the spec's "only fires on actual status changes"); the baseline
// trigger calls it on every update.
const updates = [
  { change: 'sets the same status', set: `status = 'pending'`, calls: { optimized: 0, baseline: 1 } },
  { change: 'changes only referred_name', set: `referred_name = 'Someone Else'`, calls: { optimized: 0, baseline: 1 } },
  { change: 'changes the status', set: `status = 'contacted'`, calls: { optimized: 1, baseline: 1 } },
] as const;

describe.each(['optimized', 'baseline'] as const)('the ranking trigger (%s)', (variant) => {
  it.each(updates)(
    'an update that $change calls update_referral_ranking_optimized the expected number of times',
    async ({ set, calls }) => {
      const { pool } = databases[variant];
      const org = await createOrganization(pool);
      const referral = await createReferral(pool, await createStudent(pool, org.id));

      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        // Superuser-only setting, scoped to this transaction: the shared server's configuration stays as it is.
        await client.query(`SET LOCAL track_functions = 'pl'`);
        // This backend's counters not yet flushed to the shared statistics (they may include earlier
        // transactions of this connection, hence the difference); nothing flushes them mid-transaction.
        const counted = async () => {
          const { rows } = await client.query<{ calls: string }>(
            `SELECT calls FROM pg_stat_xact_user_functions WHERE funcname = 'update_referral_ranking_optimized'`,
          );
          return Number(rows[0]?.calls ?? 0);
        };
        const before = await counted();
        await client.query(`UPDATE student_referrals SET ${set} WHERE id = $1`, [referral]);
        const after = await counted();
        await client.query('COMMIT');
        expect(after - before).toBe(calls[variant]);
      } finally {
        client.release();
      }
    },
  );
});
