import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDataset } from '../../seed/seed-dataset.js';
import { createEmptyDatabase } from '../helpers/database.js';

// The seeder replays the award in JavaScript; these compare its rows with the service's own SQL rules.
describe('the awards a seeded database holds', () => {
  let client: pg.Client;
  beforeAll(async () => {
    const url = await createEmptyDatabase();
    await seedDataset({ databaseUrl: url, referrals: 2000, seed: 5 });
    client = new pg.Client(url);
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
  });

  it('are what the service would have awarded: campaign by date, points, tier bonus in enrollment order, achievements', async () => {
    const { rows: wrongCampaign } = await client.query(`
      SELECT sr.id FROM student_referrals sr JOIN organizations o ON o.id = sr.organization_id
        LEFT JOIN LATERAL referral_applying_campaign(sr.organization_id, sr.created_at, o.timezone, NULL) c ON true
       WHERE sr.status = 'enrolled' AND sr.campaign_id IS DISTINCT FROM c.id`);
    expect(wrongCampaign).toEqual([]);

    const { rows: wrongPoints } = await client.query(`
      SELECT sr.id, sr.points_awarded, p.total_points FROM student_referrals sr
       CROSS JOIN LATERAL calculate_referral_points_optimized(sr.id) p
       WHERE sr.status = 'enrolled' AND sr.points_awarded <> p.total_points`);
    expect(wrongPoints).toEqual([]);

    const { rows: wrongTier } = await client.query(`
      WITH ordered AS (
        SELECT sr.id, row_number() OVER (PARTITION BY sr.referrer_student_id ORDER BY sr.enrollment_date, sr.created_at) AS nth
          FROM student_referrals sr WHERE sr.status = 'enrolled')
      SELECT o.id FROM ordered o
        LEFT JOIN points_transactions pt ON pt.category = 'tier_bonus' AND pt.related_entity_id = o.id
       WHERE coalesce(pt.points_amount, 0) <> referral_tier_bonus(o.nth::integer)`);
    expect(wrongTier).toEqual([]);

    const { rows: wrongAchievements } = await client.query(`
      SELECT ur.user_id FROM user_rankings ur
       WHERE (SELECT count(*) FROM student_achievements sa JOIN achievements a ON a.id = sa.achievement_id
               WHERE sa.student_id = ur.user_id AND a.kind = 'referrals')
          <> (SELECT count(*) FROM achievements a WHERE a.organization_id = ur.organization_id
               AND a.kind = 'referrals' AND a.threshold <= ur.successful_referrals)`);
    expect(wrongAchievements).toEqual([]);

    const {
      rows: [counts],
    } = await client.query<{ enrolled: number; tiers: number; achievements: number }>(`
      SELECT (SELECT count(*)::int FROM student_referrals WHERE status = 'enrolled') AS enrolled,
             (SELECT count(*)::int FROM points_transactions WHERE category = 'tier_bonus') AS tiers,
             (SELECT count(*)::int FROM points_transactions WHERE category = 'achievement') AS achievements`);
    expect(counts!.enrolled).toBeGreaterThan(0);
    expect(counts!.tiers).toBeGreaterThan(0);
    expect(counts!.achievements).toBeGreaterThan(0);
  });
});
