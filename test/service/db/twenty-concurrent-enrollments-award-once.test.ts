import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { createTestDatabase } from '../../helpers/database.js';
import { createOrganization, createReferral, createStudent } from '../../helpers/fixtures.js';
import { checkInvariantsAfterEach } from './invariants-after-each.js';

const databases = { optimized: await createTestDatabase('optimized'), baseline: await createTestDatabase('baseline') };
checkInvariantsAfterEach(databases.optimized.pool, databases.baseline.pool);

const attempts = 20;

describe.each(['optimized', 'baseline'] as const)('concurrent enrollment (%s)', (variant) => {
  it(`${attempts} connections enrolling the same referral at once produce one ledger row and one award`, async () => {
    const { pool, url } = databases[variant];
    const org = await createOrganization(pool);
    const referrer = await createStudent(pool, org.id);
    const referral = await createReferral(pool, referrer);
    await pool.query(`UPDATE student_referrals SET status = 'contacted' WHERE id = $1`, [referral]);

    const clients = Array.from({ length: attempts }, () => new pg.Client({ connectionString: url }));
    try {
      await Promise.all(clients.map((client) => client.connect()));
      const outcomes = await Promise.allSettled(
        clients.map((client) =>
          client.query(`UPDATE student_referrals SET status = 'enrolled' WHERE id = $1`, [referral]),
        ),
      );
      // Same-status updates are no-ops, so every attempt succeeds; only one of them awards.
      expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
    } finally {
      await Promise.all(clients.map((client) => client.end()));
    }

    const { rows: ledger } = await pool.query(
      `SELECT category, points_amount FROM points_transactions WHERE related_entity_id = $1`,
      [referral],
    );
    expect(ledger).toEqual([{ category: 'referral_enrolled', points_amount: 100 }]);
    const {
      rows: [ranking],
    } = await pool.query('SELECT successful_referrals, referral_points_earned FROM user_rankings WHERE user_id = $1', [
      referrer.id,
    ]);
    expect(ranking).toEqual({ successful_referrals: 1, referral_points_earned: 100 });
    const { rows: achievements } = await pool.query('SELECT 1 FROM student_achievements WHERE student_id = $1', [
      referrer.id,
    ]);
    expect(achievements).toHaveLength(1);
  });
});
