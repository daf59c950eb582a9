import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../helpers/database.js';
import { createCampaign, createOrganization, createReferral, createStudent, enroll } from '../../helpers/fixtures.js';
import { changeBothWays } from './status-changes.js';

describe.each(['optimized', 'baseline'] as const)('bulk_process_referrals (%s)', (variant) => {
  it('pays each enrollment, tier bonus and achievement to the same referral and referrer as single changes in id order', async () => {
    const source = await createTestDatabase(variant);
    const { pool } = source;
    const org = await createOrganization(pool, { defaultPoints: 100 });
    await createCampaign(pool, org.id, { basePoints: 200, multiplier: '1.50', startDate: '2020-01-01' });
    const [first, second] = [await createStudent(pool, org.id), await createStudent(pool, org.id)];
    // The first referrer has one enrollment already, so the bulk takes it past the 3rd and 5th tiers;
    // the second past the 3rd. Which referral earns a tier bonus depends on the order they are paid in.
    await enroll(pool, await createReferral(pool, first));
    const contacted: string[] = [];
    for (const referrer of [first, second, first, second, first, first, second, first]) {
      const id = await createReferral(pool, referrer);
      await pool.query(`UPDATE student_referrals SET status = 'contacted' WHERE id = $1`, [id]);
      contacted.push(id);
    }
    const stillPending = await createReferral(pool, second);
    await pool.query(`INSERT INTO referral_leaderboard_cache VALUES ($1, 'top', '[]', now() + interval '5 minutes')`, [
      org.id,
    ]);

    const outcome = await changeBothWays(source, org.id, [...contacted].reverse().concat(stillPending), 'enrolled');

    expect(outcome.bulk).toEqual({ processed: contacted.length, failed: 1 });
    expect(outcome.bulk).toEqual(outcome.oneByOne);
    const tierBonuses = outcome.bulkState.ledger!.filter(
      (row) => (row as { category: string }).category === 'tier_bonus',
    );
    expect(tierBonuses).toHaveLength(3);
    expect(outcome.bulkState).toEqual(outcome.oneByOneState);
  });
});
