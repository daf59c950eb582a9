import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../helpers/database.js';
import {
  createCampaign,
  createOrganization,
  createReferral,
  createStudent,
  enroll,
  type CampaignInput,
} from '../../helpers/fixtures.js';
import { checkInvariantsAfterEach } from './invariants-after-each.js';

const databases = { optimized: await createTestDatabase('optimized'), baseline: await createTestDatabase('baseline') };
checkInvariantsAfterEach(databases.optimized.pool, databases.baseline.pool);

interface Points {
  base_points: number;
  campaign_multiplier: string;
  tier_bonus: number;
  total_points: number;
}

interface PointsCase {
  readonly name: string;
  /** The school's time zone. @default "Asia/Tashkent" (UTC+5, no daylight saving) */
  readonly timezone?: string;
  readonly defaultPoints?: number;
  readonly campaigns?: Readonly<Record<string, CampaignInput>>;
  /** When the referral was created. @default "2026-03-15T12:00:00Z" */
  readonly createdAt?: string;
  /** Key of the campaign recorded on the referral. */
  readonly own?: string;
  /** Key of a campaign deleted after the referral was created. */
  readonly deleteAfterCreation?: string;
  /** Key of a campaign deleted after the award (the award stays what it was). */
  readonly deleteAfterAward?: string;
  /** Key of the campaign passed explicitly (a what-if: the award ignores it). */
  readonly explicit?: string;
  /** Referrals of the same referrer already enrolled. @default 0 */
  readonly priorEnrollments?: number;
  readonly expected: Points;
}

const march: CampaignInput = { basePoints: 200, multiplier: '1.50', startDate: '2026-03-10', endDate: '2026-03-20' };
const noCampaign = (total: number, tier = 0): Points => ({
  base_points: total - tier,
  campaign_multiplier: '1.00',
  tier_bonus: tier,
  total_points: total,
});

const cases: PointsCase[] = [
  // campaign choice
  { name: 'no campaign: the organization default', expected: noCampaign(100) },
  { name: 'no campaign: a custom organization default', defaultPoints: 80, expected: noCampaign(80) },
  {
    name: 'a campaign whose window holds the creation date',
    campaigns: { march },
    expected: { base_points: 200, campaign_multiplier: '1.50', tier_bonus: 0, total_points: 300 },
  },
  {
    name: 'an inactive campaign is ignored',
    campaigns: { march: { ...march, isActive: false } },
    expected: noCampaign(100),
  },
  {
    name: 'a deleted campaign is ignored',
    campaigns: { march: { ...march, deleted: true } },
    expected: noCampaign(100),
  },
  {
    name: 'ties go to the highest multiplier',
    campaigns: {
      low: { ...march, basePoints: 100, multiplier: '1.50' },
      high: { ...march, basePoints: 100, multiplier: '2.00', startDate: '2026-03-01' },
    },
    expected: { base_points: 100, campaign_multiplier: '2.00', tier_bonus: 0, total_points: 200 },
  },
  {
    name: 'equal multipliers go to the latest start',
    campaigns: {
      early: { ...march, basePoints: 110, startDate: '2026-03-01' },
      late: { ...march, basePoints: 120, startDate: '2026-03-12' },
    },
    expected: { base_points: 120, campaign_multiplier: '1.50', tier_bonus: 0, total_points: 180 },
  },
  {
    name: "the referral's own campaign beats the one selected by date",
    campaigns: { march, own: { basePoints: 50, multiplier: '1.00', startDate: '2025-01-01', endDate: '2025-02-01' } },
    own: 'own',
    expected: { base_points: 50, campaign_multiplier: '1.00', tier_bonus: 0, total_points: 50 },
  },
  {
    name: 'a deleted own campaign falls back to the one selected by date',
    campaigns: { march, own: { basePoints: 500, multiplier: '2.00', startDate: '2026-03-01' } },
    own: 'own',
    deleteAfterCreation: 'own',
    expected: { base_points: 200, campaign_multiplier: '1.50', tier_bonus: 0, total_points: 300 },
  },
  {
    name: 'an explicit campaign beats the own and the dated one, even inactive and out of window',
    campaigns: {
      march,
      own: { ...march, basePoints: 50 },
      whatIf: { basePoints: 70, multiplier: '1.10', startDate: '2020-01-01', endDate: '2020-01-02', isActive: false },
    },
    own: 'own',
    explicit: 'whatIf',
    expected: { base_points: 70, campaign_multiplier: '1.10', tier_bonus: 0, total_points: 77 },
  },
  {
    name: 'an enrolled referral reports its award after its campaign is deleted',
    campaigns: { march },
    deleteAfterAward: 'march',
    expected: { base_points: 200, campaign_multiplier: '1.50', tier_bonus: 0, total_points: 300 },
  },
  // window edges, in the school's time zone (UTC+5)
  {
    name: 'the start day in local time (the day before in UTC)',
    campaigns: { march },
    createdAt: '2026-03-09T20:00:00Z',
    expected: { base_points: 200, campaign_multiplier: '1.50', tier_bonus: 0, total_points: 300 },
  },
  {
    name: 'the evening before the start day in local time',
    campaigns: { march },
    createdAt: '2026-03-09T18:30:00Z',
    expected: noCampaign(100),
  },
  {
    name: 'the last minutes of the end day in local time',
    campaigns: { march },
    createdAt: '2026-03-20T18:30:00Z',
    expected: { base_points: 200, campaign_multiplier: '1.50', tier_bonus: 0, total_points: 300 },
  },
  {
    name: 'the day after the end day in local time (still the end day in UTC)',
    campaigns: { march },
    createdAt: '2026-03-20T19:30:00Z',
    expected: noCampaign(100),
  },
  {
    name: 'an open end applies forever after the start',
    campaigns: { open: { ...march, endDate: null } },
    createdAt: '2031-07-01T12:00:00Z',
    expected: { base_points: 200, campaign_multiplier: '1.50', tier_bonus: 0, total_points: 300 },
  },
  {
    name: 'the same instant in UTC: the start day there, the day before in New York',
    timezone: 'America/New_York',
    campaigns: { march },
    createdAt: '2026-03-10T02:00:00Z',
    expected: noCampaign(100),
  },
  // multiplier rounding
  {
    name: '100 x 1.25 = 125',
    campaigns: { c: { ...march, basePoints: 100, multiplier: '1.25' } },
    expected: { base_points: 100, campaign_multiplier: '1.25', tier_bonus: 0, total_points: 125 },
  },
  {
    name: '75 x 1.50 = 112.5 rounds up to 113',
    campaigns: { c: { ...march, basePoints: 75, multiplier: '1.50' } },
    expected: { base_points: 75, campaign_multiplier: '1.50', tier_bonus: 0, total_points: 113 },
  },
  {
    name: '33 x 1.33 = 43.89 rounds to 44',
    campaigns: { c: { ...march, basePoints: 33, multiplier: '1.33' } },
    expected: { base_points: 33, campaign_multiplier: '1.33', tier_bonus: 0, total_points: 44 },
  },
  {
    name: '3 x 0.50 = 1.5 rounds up to 2',
    campaigns: { c: { ...march, basePoints: 3, multiplier: '0.50' } },
    expected: { base_points: 3, campaign_multiplier: '0.50', tier_bonus: 0, total_points: 2 },
  },
  // tier thresholds: the referrer's successful count, this one included
  { name: 'the 1st enrollment pays no tier bonus', priorEnrollments: 0, expected: noCampaign(100) },
  { name: 'the 2nd enrollment pays no tier bonus', priorEnrollments: 1, expected: noCampaign(100) },
  { name: 'the 3rd enrollment pays +50', priorEnrollments: 2, expected: noCampaign(150, 50) },
  { name: 'the 4th enrollment pays no tier bonus', priorEnrollments: 3, expected: noCampaign(100) },
  { name: 'the 5th enrollment pays +150', priorEnrollments: 4, expected: noCampaign(250, 150) },
  { name: 'the 10th enrollment pays +300', priorEnrollments: 9, expected: noCampaign(400, 300) },
  { name: 'the 11th enrollment pays no tier bonus', priorEnrollments: 10, expected: noCampaign(100) },
];

const calculate =
  'SELECT base_points, campaign_multiplier, tier_bonus, total_points FROM calculate_referral_points_optimized($1, $2)';

describe.each(['optimized', 'baseline'] as const)('the points formula (%s)', (variant) => {
  it.each(cases)('$name', async (c) => {
    const { pool } = databases[variant];
    const org = await createOrganization(pool, {
      timezone: c.timezone ?? 'Asia/Tashkent',
      defaultPoints: c.defaultPoints ?? 100,
    });
    const referrer = await createStudent(pool, org.id);
    const campaignIds: Record<string, string> = {};
    for (const [key, input] of Object.entries(c.campaigns ?? {}))
      campaignIds[key] = await createCampaign(pool, org.id, input);
    for (let i = 0; i < (c.priorEnrollments ?? 0); i += 1) await enroll(pool, await createReferral(pool, referrer));
    const referral = await createReferral(pool, referrer, {
      createdAt: c.createdAt ?? '2026-03-15T12:00:00Z',
      ...(c.own ? { campaignId: campaignIds[c.own] } : {}),
    });
    if (c.deleteAfterCreation)
      await pool.query('UPDATE referral_campaigns SET deleted_at = now() WHERE id = $1', [
        campaignIds[c.deleteAfterCreation],
      ]);

    const {
      rows: [preview],
    } = await pool.query<Points>(calculate, [referral, c.explicit ? campaignIds[c.explicit] : null]);
    expect(preview).toEqual(c.expected);
    if (c.explicit) return;

    // The award pays exactly what the preview announced, and the function then reports it.
    await enroll(pool, referral);
    const {
      rows: [awarded],
    } = await pool.query<{ points_awarded: number; ledger: number }>(
      `SELECT sr.points_awarded, (SELECT sum(points_amount)::integer FROM points_transactions
                                   WHERE related_entity_id = sr.id AND category IN ('referral_enrolled', 'tier_bonus')) AS ledger
         FROM student_referrals sr WHERE sr.id = $1`,
      [referral],
    );
    expect(awarded).toEqual({ points_awarded: c.expected.total_points, ledger: c.expected.total_points });
    if (c.deleteAfterAward)
      await pool.query('UPDATE referral_campaigns SET deleted_at = now() WHERE id = $1', [
        campaignIds[c.deleteAfterAward],
      ]);
    const {
      rows: [after],
    } = await pool.query<Points>(calculate, [referral, null]);
    expect(after).toEqual(c.expected);
  });
});
