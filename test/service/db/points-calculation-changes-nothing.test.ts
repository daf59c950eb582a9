import { describe, expect, it } from 'vitest';
import type pg from 'pg';
import { createTestDatabase } from '../../helpers/database.js';
import { createCampaign, createOrganization, createReferral, createStudent, enroll } from '../../helpers/fixtures.js';
import { checkInvariantsAfterEach } from './invariants-after-each.js';

const databases = { optimized: await createTestDatabase('optimized'), baseline: await createTestDatabase('baseline') };
checkInvariantsAfterEach(databases.optimized.pool, databases.baseline.pool);

/** A fingerprint of every table's content in the public schema. */
async function fingerprint(pool: pg.Pool): Promise<Record<string, string>> {
  const { rows: tables } = await pool.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  const result: Record<string, string> = {};
  for (const { name } of tables) {
    const {
      rows: [row],
    } = await pool.query<{ digest: string | null }>(
      `SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest FROM "${name}" t`,
    );
    result[name] = row?.digest ?? 'empty';
  }
  return result;
}

describe.each(['optimized', 'baseline'] as const)('calculate_referral_points_optimized (%s)', (variant) => {
  it('changes no row of any table, for pending and enrolled referrals alike', async () => {
    const { pool } = databases[variant];
    const org = await createOrganization(pool);
    const referrer = await createStudent(pool, org.id);
    const campaignId = await createCampaign(pool, org.id, {
      basePoints: 150,
      multiplier: '1.20',
      startDate: '2020-01-01',
    });
    const enrolled = await createReferral(pool, referrer);
    await enroll(pool, enrolled);
    const pending = await createReferral(pool, referrer);

    const before = await fingerprint(pool);
    for (const [referral, explicit] of [
      [pending, null],
      [pending, campaignId],
      [enrolled, null],
      [enrolled, campaignId],
    ]) {
      const { rows } = await pool.query('SELECT * FROM calculate_referral_points_optimized($1, $2)', [
        referral,
        explicit,
      ]);
      expect(rows).toHaveLength(1);
    }
    expect(await fingerprint(pool)).toEqual(before);
    const {
      rows: [volatility],
    } = await pool.query(`SELECT provolatile FROM pg_proc WHERE proname = 'calculate_referral_points_optimized'`);
    expect(volatility).toEqual({ provolatile: 's' });
  });
});
