import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../helpers/database.js';
import { createCampaign, createOrganization, createReferral, createStudent } from '../../helpers/fixtures.js';
import { checkInvariantsAfterEach } from './invariants-after-each.js';

const databases = { optimized: await createTestDatabase('optimized'), baseline: await createTestDatabase('baseline') };
checkInvariantsAfterEach(databases.optimized.pool, databases.baseline.pool);

const calculate = 'SELECT * FROM calculate_referral_points_optimized($1, $2)';
const campaign = { basePoints: 200, multiplier: '1.50', startDate: '2020-01-01' };

describe.each(['optimized', 'baseline'] as const)('calculate_referral_points_optimized errors (%s)', (variant) => {
  it('refuses an explicit campaign of another organization with RB422', async () => {
    const { pool } = databases[variant];
    const [org, other] = [await createOrganization(pool), await createOrganization(pool)];
    const referral = await createReferral(pool, await createStudent(pool, org.id));
    const foreign = await createCampaign(pool, other.id, campaign);
    await expect(pool.query(calculate, [referral, foreign])).rejects.toMatchObject({ code: 'RB422' });
  });

  it('refuses a deleted explicit campaign with RB422', async () => {
    const { pool } = databases[variant];
    const org = await createOrganization(pool);
    const referral = await createReferral(pool, await createStudent(pool, org.id));
    const deleted = await createCampaign(pool, org.id, { ...campaign, deleted: true });
    await expect(pool.query(calculate, [referral, deleted])).rejects.toMatchObject({ code: 'RB422' });
  });

  it('refuses an unknown referral with RB404', async () => {
    const { pool } = databases[variant];
    await expect(pool.query(calculate, [randomUUID(), null])).rejects.toMatchObject({ code: 'RB404' });
  });

  it('refuses a deleted referral with RB404', async () => {
    const { pool } = databases[variant];
    const org = await createOrganization(pool);
    const referral = await createReferral(pool, await createStudent(pool, org.id));
    await pool.query('UPDATE student_referrals SET deleted_at = now() WHERE id = $1', [referral]);
    await expect(pool.query(calculate, [referral, null])).rejects.toMatchObject({ code: 'RB404' });
  });
});
