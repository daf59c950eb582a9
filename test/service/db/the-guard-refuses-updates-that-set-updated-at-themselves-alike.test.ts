import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../helpers/database.js';
import { createCampaign, createOrganization, createReferral, createStudent, enroll } from '../../helpers/fixtures.js';
import { checkInvariantsAfterEach } from './invariants-after-each.js';

const databases = { optimized: await createTestDatabase('optimized'), baseline: await createTestDatabase('baseline') };
checkInvariantsAfterEach(databases.optimized.pool, databases.baseline.pool);

// The guard skips updates none of its rules can apply to (campaign processing's, which set
// updated_at themselves); an update that sets updated_at must meet every rule all the same.
describe.each(['optimized', 'baseline'] as const)(
  'the referral guard and updates that set updated_at (%s)',
  (variant) => {
    it('refuses what it refuses without updated_at, and lets a campaign-only change through as written', async () => {
      const { pool } = databases[variant];
      const org = await createOrganization(pool);
      const referrer = await createStudent(pool, org.id);
      const other = await createStudent(pool, org.id);
      const campaign = await createCampaign(pool, org.id, {
        basePoints: 100,
        multiplier: '1.00',
        startDate: '2020-01-01',
      });
      const update = (set: string, id: string) =>
        pool.query(`UPDATE student_referrals SET ${set}, updated_at = now() - interval '1 day' WHERE id = $1`, [id]);

      const deleted = await createReferral(pool, referrer);
      await pool.query('UPDATE student_referrals SET deleted_at = now() WHERE id = $1', [deleted]);
      await expect(update(`campaign_id = '${campaign}'`, deleted)).rejects.toMatchObject({ code: 'RB404' });

      const enrolled = await createReferral(pool, referrer);
      await enroll(pool, enrolled);
      await expect(update('deleted_at = now()', enrolled)).rejects.toMatchObject({ code: 'RB409' });

      const open = await createReferral(pool, referrer);
      await expect(update(`status = 'enrolled'`, open)).rejects.toMatchObject({ code: 'RB409' });
      await expect(update(`referrer_student_id = '${other.id}'`, open)).rejects.toMatchObject({ code: 'RB422' });
      await expect(update(`created_at = created_at - interval '1 hour'`, open)).rejects.toMatchObject({
        code: 'RB422',
      });

      await update(`status = 'contacted'`, open);
      const {
        rows: [contacted],
      } = await pool.query<{ contacted: boolean }>(
        'SELECT contact_date IS NOT NULL AS contacted FROM student_referrals WHERE id = $1',
        [open],
      );
      expect(contacted).toEqual({ contacted: true });

      await update(`campaign_id = '${campaign}'`, open);
      const {
        rows: [row],
      } = await pool.query<{ campaign_id: string; written: boolean }>(
        `SELECT campaign_id, updated_at < now() - interval '23 hours' AS written FROM student_referrals WHERE id = $1`,
        [open],
      );
      expect(row).toEqual({ campaign_id: campaign, written: true });
    });
  },
);
