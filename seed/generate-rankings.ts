/**
 * user_rankings, derived from the referrals and the ledger exactly as the service's triggers
 * would have kept them: one row per student, counters over non-deleted referrals, points as the
 * sum of the ledger, last activity as the latest event, and the competition rank by total points.
 */
import { ledgerCategories, type Ledger } from './generate-awards.js';
import { enrolledStatus, type Referrals } from './generate-referrals.js';
import type { Students } from './generate-students.js';

export interface Rankings {
  readonly totalPoints: Float64Array;
  readonly totalReferrals: Int32Array;
  readonly successfulReferrals: Int32Array;
  readonly referralPointsEarned: Float64Array;
  readonly currentRank: Int32Array;
  /** -Infinity when the student never did anything (NULL). */
  readonly lastActivityAt: Float64Array;
}

const referralEnrolled = ledgerCategories.indexOf('referral_enrolled');
const tierBonus = ledgerCategories.indexOf('tier_bonus');

export function generateRankings(students: Students, referrals: Referrals, ledger: Ledger): Rankings {
  const n = students.length;
  const totalPoints = new Float64Array(n);
  const referralPointsEarned = new Float64Array(n);
  const totalReferrals = new Int32Array(n);
  const successfulReferrals = new Int32Array(n);
  const lastActivityAt = new Float64Array(n).fill(-Infinity);

  for (let i = 0; i < referrals.length; i += 1) {
    const referrer = referrals.referrer[i]!;
    // inserting a referral touches the referrer's ranking, deleted or not
    if (referrals.createdAt[i]! > lastActivityAt[referrer]!) lastActivityAt[referrer] = referrals.createdAt[i]!;
    if (!Number.isNaN(referrals.deletedAt[i])) continue;
    totalReferrals[referrer]! += 1;
    if (referrals.status[i] === enrolledStatus) successfulReferrals[referrer]! += 1;
  }
  for (let i = 0; i < ledger.length; i += 1) {
    const student = ledger.student[i]!;
    const amount = ledger.amount[i]!;
    totalPoints[student]! += amount;
    const category = ledger.category[i];
    if (category === referralEnrolled || category === tierBonus) referralPointsEarned[student]! += amount;
    if (ledger.createdAt[i]! > lastActivityAt[student]!) lastActivityAt[student] = ledger.createdAt[i]!;
  }

  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => students.organization[a]! - students.organization[b]! || totalPoints[b]! - totalPoints[a]!);
  const currentRank = new Int32Array(n);
  let position = 0;
  for (let k = 0; k < n; k += 1) {
    const student = order[k]!;
    const previous = order[k - 1];
    const sameOrganization =
      previous !== undefined && students.organization[previous] === students.organization[student];
    position = sameOrganization ? position + 1 : 1;
    currentRank[student] =
      sameOrganization && totalPoints[previous] === totalPoints[student] ? currentRank[previous]! : position;
  }
  return { totalPoints, totalReferrals, successfulReferrals, referralPointsEarned, currentRank, lastActivityAt };
}

export const rankingColumns = [
  'user_id',
  'organization_id',
  'total_points',
  'total_referrals',
  'successful_referrals',
  'referral_points_earned',
  'current_rank',
  'last_activity_at',
] as const;
