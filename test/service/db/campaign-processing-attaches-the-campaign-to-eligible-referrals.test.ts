import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../helpers/database.js';
import { createCampaign, createOrganization, createReferral, createStudent, enroll } from '../../helpers/fixtures.js';
import { checkInvariantsAfterEach } from './invariants-after-each.js';

const databases = { optimized: await createTestDatabase('optimized'), baseline: await createTestDatabase('baseline') };
checkInvariantsAfterEach(databases.optimized.pool, databases.baseline.pool);

const march = { basePoints: 200, multiplier: '1.50', startDate: '2026-03-10', endDate: '2026-03-20' };

describe.each(['optimized', 'baseline'] as const)('process_referral_campaign (%s)', (variant) => {
  it('attaches the campaign, in batches, to the open referrals created in its local-time window that have none', async () => {
    const { pool } = databases[variant];
    const org = await createOrganization(pool, { timezone: 'Asia/Tashkent' });
    const referrer = await createStudent(pool, org.id);
    const at = (createdAt: string, overrides: { campaignId?: string } = {}) =>
      createReferral(pool, referrer, { createdAt, ...overrides });
    // enrolled before the campaign existed, so its award recorded no campaign: only its status excludes it
    const enrolled = await at('2026-03-15T12:00:00Z');
    await enroll(pool, enrolled);
    const campaign = await createCampaign(pool, org.id, march);

    const eligible = [
      await at('2026-03-15T12:00:00Z'),
      await at('2026-03-09T20:00:00Z' /* 01:00 on the start day locally */),
    ];
    const afterEnd = await at('2026-03-20T19:30:00Z'); // 00:30 the day after the end, locally
    const otherCampaign = await createCampaign(pool, org.id, { ...march, multiplier: '1.10' });
    const alreadyAttached = await at('2026-03-15T12:00:00Z', { campaignId: otherCampaign });
    const deleted = await at('2026-03-15T12:00:00Z');
    await pool.query('UPDATE student_referrals SET deleted_at = now() WHERE id = $1', [deleted]);
    const elsewhere = await createOrganization(pool, { timezone: 'Asia/Tashkent' });
    await createReferral(pool, await createStudent(pool, elsewhere.id), { createdAt: '2026-03-15T12:00:00Z' });

    const batches: unknown[] = [];
    for (let remaining = true; remaining && batches.length < 5;) {
      const {
        rows: [batch],
      } = await pool.query<{ applied: number; remaining: boolean }>('SELECT * FROM process_referral_campaign($1, 1)', [
        campaign,
      ]);
      batches.push(batch);
      remaining = batch?.remaining ?? false;
    }
    expect(batches).toEqual([
      { applied: 1, remaining: true },
      { applied: 1, remaining: true },
      { applied: 0, remaining: false },
    ]);

    const { rows } = await pool.query<{ id: string }>(
      'SELECT id FROM student_referrals WHERE campaign_id = $1 ORDER BY id',
      [campaign],
    );
    expect(rows.map((r) => r.id)).toEqual([...eligible].sort());
    const { rows: untouched } = await pool.query<{ id: string; campaign_id: string | null }>(
      'SELECT id, campaign_id FROM student_referrals WHERE id = ANY ($1) ORDER BY id',
      [[afterEnd, enrolled, alreadyAttached, deleted]],
    );
    expect(Object.fromEntries(untouched.map((r) => [r.id, r.campaign_id]))).toEqual({
      [afterEnd]: null,
      [enrolled]: null,
      [alreadyAttached]: otherCampaign,
      [deleted]: null,
    });
  });

  it('refuses an inactive campaign (RB409) and an unknown one (RB404)', async () => {
    const { pool } = databases[variant];
    const org = await createOrganization(pool);
    const inactive = await createCampaign(pool, org.id, { ...march, isActive: false });
    await expect(pool.query('SELECT * FROM process_referral_campaign($1)', [inactive])).rejects.toMatchObject({
      code: 'RB409',
    });
    await expect(pool.query('SELECT * FROM process_referral_campaign($1)', [randomUUID()])).rejects.toMatchObject({
      code: 'RB404',
    });
  });
});
