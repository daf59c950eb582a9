import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../helpers/database.js';
import { createCampaign, createOrganization, createReferral, createStudent } from '../../helpers/fixtures.js';
import { checkInvariantsAfterEach } from './invariants-after-each.js';

const databases = { optimized: await createTestDatabase('optimized'), baseline: await createTestDatabase('baseline') };
checkInvariantsAfterEach(databases.optimized.pool, databases.baseline.pool);

// A pooled connection runs the function's statement from PL/pgSQL's cached plan: custom plans
// first, then (plan_cache_mode = auto) a generic one. Both must see the same window.
describe.each(['optimized', 'baseline'] as const)('process_referral_campaign on one connection (%s)', (variant) => {
  it.each(['force_custom_plan', 'force_generic_plan'])(
    'attaches only referrals in the window, closed or open-ended, batch after batch (%s)',
    async (planMode) => {
      const { pool } = databases[variant];
      const org = await createOrganization(pool, { timezone: 'Asia/Tashkent' });
      const referrer = await createStudent(pool, org.id);
      const at = (createdAt: string) => createReferral(pool, referrer, { createdAt });
      const march = await createCampaign(pool, org.id, {
        basePoints: 200,
        multiplier: '1.50',
        startDate: '2026-03-10',
        endDate: '2026-03-20',
      });
      const open = await createCampaign(pool, org.id, {
        basePoints: 100,
        multiplier: '1.10',
        startDate: '2026-04-01',
        endDate: null,
      });
      const inMarch = [
        await at('2026-03-12T08:00:00Z'),
        await at('2026-03-18T08:00:00Z'),
        await at('2026-03-20T18:00:00Z' /* 23:00 locally */),
      ];
      const fromApril = [
        await at('2026-03-31T19:30:00Z' /* 00:30 on April 1st locally */),
        await at('2026-06-01T08:00:00Z'),
        await at('2031-01-01T08:00:00Z'),
      ];
      const between = await at('2026-03-25T08:00:00Z');
      const before = await at('2026-03-09T18:00:00Z'); // 23:00 the day before the start, locally

      const client = await pool.connect();
      try {
        await client.query(`SET plan_cache_mode = ${planMode}`);
        const drain = async (campaign: string): Promise<number[]> => {
          const applied: number[] = [];
          for (let remaining = true; remaining && applied.length < 10;) {
            const {
              rows: [batch],
            } = await client.query<{ applied: number; remaining: boolean }>(
              'SELECT * FROM process_referral_campaign($1, 1)',
              [campaign],
            );
            applied.push(batch!.applied);
            remaining = batch!.remaining;
          }
          return applied;
        };
        expect(await drain(march)).toEqual([1, 1, 1, 0]);
        expect(await drain(open)).toEqual([1, 1, 1, 0]);
      } finally {
        client.release();
      }

      const { rows } = await pool.query<{ id: string; campaign_id: string | null }>(
        'SELECT id, campaign_id FROM student_referrals WHERE referrer_student_id = $1',
        [referrer.id],
      );
      const campaignOf = Object.fromEntries(rows.map((r) => [r.id, r.campaign_id]));
      expect(campaignOf).toEqual({
        ...Object.fromEntries(inMarch.map((id) => [id, march])),
        ...Object.fromEntries(fromApril.map((id) => [id, open])),
        [between]: null,
        [before]: null,
      });
    },
  );

  it('moves updated_at of the referrals it attaches, and only theirs', async () => {
    const { pool } = databases[variant];
    const org = await createOrganization(pool);
    const referrer = await createStudent(pool, org.id);
    const campaign = await createCampaign(pool, org.id, {
      basePoints: 100,
      multiplier: '1.00',
      startDate: '2026-03-01',
      endDate: '2026-03-31',
    });
    const attached = await createReferral(pool, referrer, { createdAt: '2026-03-15T08:00:00Z' });
    const outside = await createReferral(pool, referrer, { createdAt: '2026-04-15T08:00:00Z' });
    await pool.query(`UPDATE student_referrals SET updated_at = '2026-04-20T00:00:00Z' WHERE id = ANY ($1)`, [
      [attached, outside],
    ]);

    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT * FROM process_referral_campaign($1)', [campaign]);
      const {
        rows: [now],
      } = await client.query<{ now: Date }>('SELECT now()');
      await client.query('COMMIT');
      const { rows } = await pool.query<{ id: string; updated_at: Date }>(
        'SELECT id, updated_at FROM student_referrals WHERE id = ANY ($1)',
        [[attached, outside]],
      );
      expect(Object.fromEntries(rows.map((r) => [r.id, r.updated_at.toISOString()]))).toEqual({
        [attached]: now!.now.toISOString(),
        [outside]: '2026-04-20T00:00:00.000Z',
      });
    } finally {
      client.release();
    }
  });
});
