import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../helpers/database.js';
import { createCampaign, createOrganization, createReferral, createStudent, enroll } from '../../helpers/fixtures.js';
import { changeBothWays } from './status-changes.js';

/** One referrer of a case: enrollments paid before the bulk, and contacted referrals the bulk enrolls. */
const referrerCase = fc.record({
  enrolledBefore: fc.integer({ min: 0, max: 9 }),
  contacted: fc.integer({ min: 0, max: 7 }),
  // some of its contacted referrals carry a campaign of their own (the award uses it over the dated one)
  ownCampaignEvery: fc.integer({ min: 0, max: 3 }),
});

describe('bulk_process_referrals', () => {
  it('pays any mix of referrers, tiers, achievements and campaigns as single changes in id order would', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(referrerCase, { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        fc.boolean(),
        async (referrers, datedCampaign, shuffled) => {
          const source = await createTestDatabase('optimized');
          const { pool } = source;
          const org = await createOrganization(pool, { defaultPoints: 100 });
          if (datedCampaign) {
            await createCampaign(pool, org.id, { basePoints: 120, multiplier: '1.25', startDate: '2020-01-01' });
          }
          const own = await createCampaign(pool, org.id, {
            basePoints: 300,
            multiplier: '2.00',
            startDate: '2030-01-01',
          });
          const ids: string[] = [];
          for (const shape of referrers) {
            const student = await createStudent(pool, org.id);
            for (let k = 0; k < shape.enrolledBefore; k++) await enroll(pool, await createReferral(pool, student));
            for (let k = 0; k < shape.contacted; k++) {
              const withOwn = shape.ownCampaignEvery > 0 && k % shape.ownCampaignEvery === 0;
              const id = await createReferral(pool, student, withOwn ? { campaignId: own } : {});
              await pool.query(`UPDATE student_referrals SET status = 'contacted' WHERE id = $1`, [id]);
              ids.push(id);
            }
          }
          const sent = shuffled ? [...ids].reverse() : ids;

          const outcome = await changeBothWays(source, org.id, sent, 'enrolled');

          expect(outcome.bulk).toEqual({ processed: ids.length, failed: 0 });
          expect(outcome.bulk).toEqual(outcome.oneByOne);
          expect(outcome.bulkState).toEqual(outcome.oneByOneState);
        },
      ),
      { numRuns: 12 },
    );
  }, 120_000);
});
