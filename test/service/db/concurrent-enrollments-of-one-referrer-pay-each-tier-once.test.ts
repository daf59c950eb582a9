import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { createTestDatabase } from '../../helpers/database.js';
import { createOrganization, createReferral, createStudent } from '../../helpers/fixtures.js';
import { checkInvariantsAfterEach } from './invariants-after-each.js';

const databases = { optimized: await createTestDatabase('optimized'), baseline: await createTestDatabase('baseline') };
checkInvariantsAfterEach(databases.optimized.pool, databases.baseline.pool);

const referrals = 10;

describe.each(['optimized', 'baseline'] as const)('concurrent enrollments of one referrer (%s)', (variant) => {
  it(`${referrals} referrals enrolled at once on ${referrals} connections pay the 3rd, 5th and 10th tier bonus once each`, async () => {
    const { pool, url } = databases[variant];
    const org = await createOrganization(pool);
    const referrer = await createStudent(pool, org.id);
    const ids: string[] = [];
    for (let i = 0; i < referrals; i += 1) {
      const id = await createReferral(pool, referrer);
      await pool.query(`UPDATE student_referrals SET status = 'contacted' WHERE id = $1`, [id]);
      ids.push(id);
    }

    const clients = ids.map(() => new pg.Client({ connectionString: url }));
    try {
      await Promise.all(clients.map((client) => client.connect()));
      await Promise.all(
        clients.map((client, i) =>
          client.query(`UPDATE student_referrals SET status = 'enrolled' WHERE id = $1`, [ids[i]]),
        ),
      );
    } finally {
      await Promise.all(clients.map((client) => client.end()));
    }

    const { rows: tiers } = await pool.query<{ points_amount: number }>(
      `SELECT points_amount FROM points_transactions WHERE student_id = $1 AND category = 'tier_bonus' ORDER BY points_amount`,
      [referrer.id],
    );
    expect(tiers.map((t) => t.points_amount)).toEqual([50, 150, 300]);
    const {
      rows: [ranking],
    } = await pool.query('SELECT successful_referrals, referral_points_earned FROM user_rankings WHERE user_id = $1', [
      referrer.id,
    ]);
    expect(ranking).toEqual({
      successful_referrals: referrals,
      referral_points_earned: referrals * 100 + 50 + 150 + 300,
    });
    const {
      rows: [achievements],
    } = await pool.query<{ n: number }>(
      'SELECT count(*)::integer AS n FROM student_achievements WHERE student_id = $1',
      [referrer.id],
    );
    expect(achievements).toEqual({ n: 4 });
  });
});
