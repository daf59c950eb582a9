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

/** student_achievements, column-wise; `achievement` indexes the read-back achievements. Grows as achievements are granted. */
export class StudentAchievements {
  ids: Uint32Array;
  student: Int32Array;
  achievement: Int32Array;
  awardedAt: Float64Array;
  length = 0;

  constructor(capacity: number) {
    this.ids = new Uint32Array(capacity * 4);
    this.student = new Int32Array(capacity);
    this.achievement = new Int32Array(capacity);
    this.awardedAt = new Float64Array(capacity);
  }

  /** Makes room for one more and returns its index. */
  append(): number {
    const g = this.length;
    if (g === this.student.length) {
      const capacity = Math.max(16, g * 2);
      const grown = <T extends Uint32Array | Int32Array | Float64Array>(old: T, size: number): T => {
        const next = new (old.constructor as new (n: number) => T)(size);
        next.set(old);
        return next;
      };
      this.ids = grown(this.ids, capacity * 4);
      this.student = grown(this.student, capacity);
      this.achievement = grown(this.achievement, capacity);
      this.awardedAt = grown(this.awardedAt, capacity);
    }
    this.length += 1;
    return g;
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
 * Applies the enrollments in enrollment order (then referral order), as the referrals are drawn:
 * fills in the referrals' awards and new students, grants the achievements, and writes the award
 * rows into `ledger`. An enrollment comes after its referral's creation and the referrals are
 * drawn in creation order, so once referrals [0, k) are drawn every enrollment dated before the
 * creation of referral k is known: those are applied, the later ones wait for the next run.
 */
export class AwardReplay {
  readonly granted = new StudentAchievements(1024);
  readonly #prng: Prng;
  readonly #organizations: readonly Organization[];
  readonly #campaigns: readonly Campaign[];
  readonly #achievements: readonly Achievement[];
  readonly #students: Students;
  readonly #referrals: Referrals;
  readonly #ledger: Ledger;
  /** Achievement index by threshold, per organization, for the referral achievements. */
  readonly #byThreshold: Map<number, number>[];
  /** Successful referrals so far, per referrer (the existing students, the only referrers). */
  readonly #successful: Int32Array;
  /** Referrals [0, seen) were looked at; the enrolled ones among them not yet applied. */
  #seen = 0;
  #waiting: number[] = [];

  constructor(
    prng: Prng,
    organizations: readonly Organization[],
    campaigns: readonly Campaign[],
    achievements: readonly Achievement[],
    students: Students,
    referrals: Referrals,
    ledger: Ledger,
  ) {
    this.#prng = prng;
    this.#organizations = organizations;
    this.#campaigns = campaigns;
    this.#achievements = achievements;
    this.#students = students;
    this.#referrals = referrals;
    this.#ledger = ledger;
    this.#byThreshold = organizations.map(() => new Map<number, number>());
    achievements.forEach((a, index) => {
      if (a.kind === 'referrals') this.#byThreshold[a.organization]!.set(a.threshold, index);
    });
    this.#successful = new Int32Array(students.length);
  }

  /**
   * Applies the enrollments of referrals [0, drawn) dated before `before` (the creation time of
   * referral `drawn`; Infinity once all are drawn).
   */
  applyUntil(drawn: number, before: number): void {
    const referrals = this.#referrals;
    const at = referrals.enrollmentDate;
    for (let i = this.#seen; i < drawn; i += 1) if (referrals.status[i] === enrolledStatus) this.#waiting.push(i);
    this.#seen = Math.max(this.#seen, drawn);
    const due: number[] = [];
    const later: number[] = [];
    for (const i of this.#waiting) (at[i]! < before ? due : later).push(i);
    this.#waiting = later;
    due.sort((a, b) => at[a]! - at[b]! || a - b);
    for (const i of due) this.#apply(i);
  }

  /** Referral rows [0, settled) are final: drawn, and awarded if enrolled. */
  settled(): number {
    let first = this.#seen;
    for (const i of this.#waiting) if (i < first) first = i;
    return first;
  }

  #apply(i: number): void {
    const referrals = this.#referrals;
    const organization = referrals.organization[i]!;
    const referrer = referrals.referrer[i]!;
    const when = referrals.enrollmentDate[i]!;
    const count = this.#successful[referrer]! + 1;
    this.#successful[referrer] = count;
    const campaign = referrals.campaign[i]! >= 0 ? this.#campaigns[referrals.campaign[i]!]! : undefined;
    const base = basePoints(
      campaign?.basePoints ?? this.#organizations[organization]!.defaultReferralPoints,
      campaign?.multiplierCents ?? 100,
    );
    const tier = tierBonus(count);
    referrals.pointsAwarded[i] = base + tier;
    const ledger = this.#ledger;
    ledger.add(organization, referrer, base, 'referral_enrolled', 1, i, when);
    if (tier > 0) ledger.add(organization, referrer, tier, 'tier_bonus', 1, i, when);
    const achievement = this.#byThreshold[organization]!.get(count);
    if (achievement !== undefined) {
      const granted = this.granted;
      const g = granted.append();
      drawUuid(this.#prng, granted.ids, g);
      granted.student[g] = referrer;
      granted.achievement[g] = achievement;
      granted.awardedAt[g] = when;
      const reward = this.#achievements[achievement]!.pointsReward;
      if (reward > 0) ledger.add(organization, referrer, reward, 'achievement', 2, g, when);
    }
    referrals.enrolledAs[i] = this.#students.add(
      this.#prng,
      organization,
      referrals.firstName[i]!,
      referrals.lastName[i]!,
      referrals.serial[i]!,
      referrals.hasEmail[i] === 1,
      0,
      when,
    );
  }
}

/** Applies every enrollment at once (see AwardReplay) and returns the achievements granted. */
export function generateAwards(
  prng: Prng,
  organizations: readonly Organization[],
  campaigns: readonly Campaign[],
  achievements: readonly Achievement[],
  students: Students,
  referrals: Referrals,
  ledger: Ledger,
): StudentAchievements {
  const replay = new AwardReplay(prng, organizations, campaigns, achievements, students, referrals, ledger);
  replay.applyUntil(referrals.length, Infinity);
  return replay.granted;
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
