import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../helpers/database.js';
import { createCampaign, createOrganization, createReferral, createStudent, enroll } from '../../helpers/fixtures.js';
import { checkInvariantsAfterEach } from './invariants-after-each.js';

const databases = { optimized: await createTestDatabase('optimized'), baseline: await createTestDatabase('baseline') };
checkInvariantsAfterEach(databases.optimized.pool, databases.baseline.pool);

interface Entry {
  rank: number;
  studentId: string;
  referralPoints: number;
  successfulReferrals: number;
}

describe.each(['optimized', 'baseline'] as const)('referral_leaderboard (%s)', (variant) => {
  it('gives competition ranks by referral points, ties broken by successful referrals, and lists only earners', async () => {
    const { pool } = databases[variant];
    const org = await createOrganization(pool);
    const [twoEnrolled, oneRich, oneA, oneB, none] = [
      await createStudent(pool, org.id),
      await createStudent(pool, org.id),
      await createStudent(pool, org.id),
      await createStudent(pool, org.id),
      await createStudent(pool, org.id),
    ];
    for (const student of [twoEnrolled, twoEnrolled, oneA, oneB])
      await enroll(pool, await createReferral(pool, student));
    const campaign = await createCampaign(pool, org.id, {
      basePoints: 200,
      multiplier: '1.00',
      startDate: '2020-01-01',
    });
    await enroll(pool, await createReferral(pool, oneRich, { campaignId: campaign }));
    await createReferral(pool, none);
    // another school's star does not appear
    const elsewhere = await createOrganization(pool);
    await enroll(pool, await createReferral(pool, await createStudent(pool, elsewhere.id)));

    const {
      rows: [{ board } = { board: [] }],
    } = await pool.query<{ board: Entry[] }>('SELECT referral_leaderboard($1) AS board', [org.id]);
    expect(
      board.map(({ rank, studentId, referralPoints, successfulReferrals }) => ({
        rank,
        studentId,
        referralPoints,
        successfulReferrals,
      })),
    ).toEqual([
      { rank: 1, studentId: twoEnrolled.id, referralPoints: 200, successfulReferrals: 2 },
      { rank: 2, studentId: oneRich.id, referralPoints: 200, successfulReferrals: 1 },
      ...[oneA, oneB]
        .map((s) => s.id)
        .sort()
        .map((studentId) => ({ rank: 3, studentId, referralPoints: 100, successfulReferrals: 1 })),
    ]);
    const {
      rows: [{ top } = { top: [] }],
    } = await pool.query<{ top: Entry[] }>('SELECT referral_leaderboard($1, 2) AS top', [org.id]);
    expect(top.map((e) => e.studentId)).toEqual([twoEnrolled.id, oneRich.id]);
  });
});
