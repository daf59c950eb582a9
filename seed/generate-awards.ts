/**
 * The award every enrolled referral would have received from the service (award_referral_enrollment
 * in 0002_rules.sql), replayed in enrollment order: the campaign applying by date, round(base x
 * multiplier), the tier bonus at the referrer's 3rd, 5th and 10th success, the referral achievements
 * at 1, 3, 5 and 10 with their reward rows, and the new student each enrollment creates.
 */
import type { Campaign } from './generate-campaigns.js';
import type { Organization } from './generate-organizations.js';
import { enrolledStatus, type Referrals } from './generate-referrals.js';
import type { Students } from './generate-students.js';
import { drawUuid, type Prng } from '../src/core/prng.js';

/** An achievement as the organizations trigger created it (read back from the database). */
export interface Achievement {
  readonly id: string;
  readonly organization: number;
  readonly code: string;
  readonly kind: 'referrals' | 'points';
  readonly threshold: number;
  readonly pointsReward: number;
}

export const ledgerCategories = [
  'referral_enrolled',
  'tier_bonus',
  'achievement',
  'attendance',
  'homework',
  'behaviour',
  'participation',
] as const;
export type LedgerCategory = (typeof ledgerCategories)[number];
/** What a ledger row's related entity is: none, a referral, or a student achievement. */
export const entityKinds = [null, 'student_referral', 'student_achievement'] as const;

/** points_transactions, column-wise; `entity` indexes the referrals or student achievements. */
export class Ledger {
  readonly organization: Int32Array;
  readonly student: Int32Array;
  readonly amount: Int32Array;
  readonly category: Uint8Array;
  readonly entityKind: Uint8Array;
  readonly entity: Int32Array;
  readonly createdAt: Float64Array;
  length = 0;

  constructor(capacity: number) {
    this.organization = new Int32Array(capacity);
    this.student = new Int32Array(capacity);
    this.amount = new Int32Array(capacity);
    this.category = new Uint8Array(capacity);
    this.entityKind = new Uint8Array(capacity);
    this.entity = new Int32Array(capacity);
    this.createdAt = new Float64Array(capacity);
  }

  add(
    organization: number,
    student: number,
    amount: number,
    category: LedgerCategory,
    entityKind: number,
    entity: number,
    createdAt: number,
  ): void {
    const i = this.length;
    this.length += 1;
    this.organization[i] = organization;
    this.student[i] = student;
    this.amount[i] = amount;
    this.category[i] = ledgerCategories.indexOf(category);
    this.entityKind[i] = entityKind;
    this.entity[i] = entity;
    this.createdAt[i] = createdAt;
  }
}

/** student_achievements, column-wise; `achievement` indexes the read-back achievements. */
export class StudentAchievements {
  readonly ids: Uint32Array;
  readonly student: Int32Array;
  readonly achievement: Int32Array;
  readonly awardedAt: Float64Array;
  length = 0;

  constructor(capacity: number) {
    this.ids = new Uint32Array(capacity * 4);
    this.student = new Int32Array(capacity);
    this.achievement = new Int32Array(capacity);
    this.awardedAt = new Float64Array(capacity);
  }
}

/** The same thresholds as referral_tier_bonus(). */
export function tierBonus(successful: number): number {
  return successful === 3 ? 50 : successful === 5 ? 150 : successful === 10 ? 300 : 0;
}

/** round(base x multiplier) as PostgreSQL computes it on numeric (half away from zero), exactly. */
export function basePoints(base: number, multiplierCents: number): number {
  return Math.floor((base * multiplierCents + 50) / 100);
}

/**
 * Applies every enrollment: fills in the referrals' awards and new students, and returns the
 * achievements granted. The award rows go into `ledger`.
 */
export function generateAwards(
  prng: Prng,
  organizations: readonly Organization[],
  campaigns: readonly Campaign[],
  achievements: readonly Achievement[],
  students: Students,
  referrals: Referrals,
  ledger: Ledger,
): StudentAchievements {
  const enrolled: number[] = [];
  for (let i = 0; i < referrals.length; i += 1) if (referrals.status[i] === enrolledStatus) enrolled.push(i);
  const at = referrals.enrollmentDate;
  enrolled.sort((a, b) => at[a]! - at[b]! || a - b);

  // achievement index by (organization, threshold) for referral achievements
  const byThreshold = organizations.map(() => new Map<number, number>());
  achievements.forEach((a, index) => {
    if (a.kind === 'referrals') byThreshold[a.organization]!.set(a.threshold, index);
  });
  const successful = new Int32Array(students.length);
  const granted = new StudentAchievements(enrolled.length);

  for (const i of enrolled) {
    const organization = referrals.organization[i]!;
    const referrer = referrals.referrer[i]!;
    const when = at[i]!;
    const count = successful[referrer]! + 1;
    successful[referrer] = count;
    const campaign = referrals.campaign[i]! >= 0 ? campaigns[referrals.campaign[i]!]! : undefined;
    const base = basePoints(
      campaign?.basePoints ?? organizations[organization]!.defaultReferralPoints,
      campaign?.multiplierCents ?? 100,
    );
    const tier = tierBonus(count);
    referrals.pointsAwarded[i] = base + tier;
    ledger.add(organization, referrer, base, 'referral_enrolled', 1, i, when);
    if (tier > 0) ledger.add(organization, referrer, tier, 'tier_bonus', 1, i, when);
    const achievement = byThreshold[organization]!.get(count);
    if (achievement !== undefined) {
      const g = granted.length;
      granted.length += 1;
      drawUuid(prng, granted.ids, g);
      granted.student[g] = referrer;
      granted.achievement[g] = achievement;
      granted.awardedAt[g] = when;
      const reward = achievements[achievement]!.pointsReward;
      if (reward > 0) ledger.add(organization, referrer, reward, 'achievement', 2, g, when);
    }
    referrals.enrolledAs[i] = students.add(
      prng,
      organization,
      referrals.firstName[i]!,
      referrals.lastName[i]!,
      referrals.serial[i]!,
      referrals.hasEmail[i] === 1,
      0,
      when,
    );
  }
  return granted;
}

export const ledgerColumns = [
  'id',
  'organization_id',
  'student_id',
  'points_amount',
  'category',
  'related_entity_type',
  'related_entity_id',
  'created_at',
] as const;
export const studentAchievementColumns = [
  'id',
  'organization_id',
  'student_id',
  'achievement_id',
  'awarded_at',
] as const;
