/**
 * Referrals: created over two years with term-start peaks, referred by a heavy-tailed few, with
 * the status mix a school sees and timestamps that follow the lifecycle
 * (pending -> contacted -> enrolled | declined | expired). Column-wise, like the students.
 */
import { dayMs, referenceNowMs, sampleCreatedAt } from './calendar.js';
import type { CampaignCalendar } from './generate-campaigns.js';
import type { Organization } from './generate-organizations.js';
import type { Students } from './generate-students.js';
import type { NamePool } from './name-pool.js';
import { drawUuid, WeightedSampler, type Prng } from '../src/core/prng.js';
import { scaleRatios } from './scale.js';

export const referralStatuses = ['pending', 'contacted', 'enrolled', 'declined', 'expired'] as const;
export const enrolledStatus = 2;
const pending = 0;
const contacted = 1;
const declined = 3;
const expired = 4;

export const declineReasons: readonly string[] = [
  'Chose another school',
  'Schedule does not fit',
  'Too expensive',
  'Moved away',
  'Not interested any more',
  'Could not be reached',
  'Wants to start next term',
];
const expiryDays = 90;

/** The referrals table, column-wise. Dates are epoch ms, NaN for NULL; indexes are -1 for NULL. */
export class Referrals {
  readonly ids: Uint32Array;
  readonly organization: Int32Array;
  readonly referrer: Int32Array;
  readonly firstName: Uint16Array;
  readonly lastName: Uint16Array;
  /** Phone and e-mail serial (unique over students and referrals). */
  readonly serial: Int32Array;
  readonly hasEmail: Uint8Array;
  /** Campaign index or -1; for enrolled referrals, the award sets it. */
  readonly campaign: Int32Array;
  readonly status: Uint8Array;
  readonly pointsAwarded: Int32Array;
  /** Student index or -1; the award sets it. */
  readonly enrolledAs: Int32Array;
  readonly contactDate: Float64Array;
  readonly enrollmentDate: Float64Array;
  /** Index into declineReasons or -1. */
  readonly declineReason: Int8Array;
  readonly createdAt: Float64Array;
  readonly updatedAt: Float64Array;
  readonly deletedAt: Float64Array;
  readonly length: number;

  constructor(length: number) {
    this.length = length;
    this.ids = new Uint32Array(length * 4);
    this.organization = new Int32Array(length);
    this.referrer = new Int32Array(length);
    this.firstName = new Uint16Array(length);
    this.lastName = new Uint16Array(length);
    this.serial = new Int32Array(length);
    this.hasEmail = new Uint8Array(length);
    this.campaign = new Int32Array(length);
    this.status = new Uint8Array(length);
    this.pointsAwarded = new Int32Array(length);
    this.enrolledAs = new Int32Array(length).fill(-1);
    this.contactDate = new Float64Array(length).fill(NaN);
    this.enrollmentDate = new Float64Array(length).fill(NaN);
    this.declineReason = new Int8Array(length).fill(-1);
    this.createdAt = new Float64Array(length);
    this.updatedAt = new Float64Array(length);
    this.deletedAt = new Float64Array(length).fill(NaN);
  }
}

function seconds(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

/** A moment `minDays`..`maxDays` after `from`, or a random one between `from` and now when that would be in the future. */
function after(prng: Prng, from: number, minDays: number, maxDays: number): number {
  const t = from + prng.between(minDays, maxDays) * dayMs;
  return seconds(t < referenceNowMs ? t : from + prng.next() * (referenceNowMs - from));
}

/**
 * An open referral untouched for 90 days would have been expired by the maintenance job, so a
 * still-open old one was followed up recently.
 */
function lastTouch(prng: Prng, from: number): number {
  return referenceNowMs - from < expiryDays * dayMs
    ? from
    : seconds(referenceNowMs - prng.between(1, expiryDays - 10) * dayMs);
}

function drawStatus(prng: Prng): number {
  const mix = scaleRatios.statusMix;
  const u = prng.next();
  if (u < mix.pending) return pending;
  if (u < mix.pending + mix.contacted) return contacted;
  if (u < mix.pending + mix.contacted + mix.enrolled) return enrolledStatus;
  if (u < mix.pending + mix.contacted + mix.enrolled + mix.declined) return declined;
  return expired;
}

/** Fills in one referral's status and lifecycle timestamps, each after the one before and before now. */
function lifecycle(prng: Prng, r: Referrals, i: number, drawn: number): void {
  const createdAt = r.createdAt[i]!;
  const status = drawn === expired && referenceNowMs - createdAt < (expiryDays + 8) * dayMs ? pending : drawn;
  r.status[i] = status;
  if (status === pending) {
    r.updatedAt[i] = lastTouch(prng, createdAt);
  } else if (status === contacted) {
    const contact = after(prng, createdAt, 0.2, 10);
    r.contactDate[i] = contact;
    r.updatedAt[i] = Math.max(contact, lastTouch(prng, contact));
  } else if (status === enrolledStatus) {
    const contact = after(prng, createdAt, 0.2, Math.min(10, (referenceNowMs - createdAt) / dayMs / 3));
    const enrollment = after(prng, contact, 1, 30);
    r.contactDate[i] = contact;
    r.enrollmentDate[i] = enrollment;
    r.updatedAt[i] = enrollment;
  } else if (status === declined) {
    const contact = prng.chance(0.7) ? after(prng, createdAt, 0.2, 10) : NaN;
    r.contactDate[i] = contact;
    r.declineReason[i] = prng.int(declineReasons.length);
    r.updatedAt[i] = after(prng, Number.isNaN(contact) ? createdAt : contact, 1, 20);
  } else {
    const contact = prng.chance(0.5) ? after(prng, createdAt, 0.2, 5) : NaN;
    r.contactDate[i] = contact;
    r.updatedAt[i] = after(prng, Number.isNaN(contact) ? createdAt : contact, expiryDays, expiryDays + 7);
  }
}

/**
 * The N referrals in creation order. Referrers are drawn per organization in proportion to
 * their propensity, so a few students refer hundreds and most refer one or none.
 */
export function generateReferrals(
  prng: Prng,
  pool: NamePool,
  organizations: readonly Organization[],
  students: Students,
  calendar: CampaignCalendar,
): Referrals {
  const total = organizations.reduce((sum, org) => sum + org.referrals, 0);
  const r = new Referrals(total);
  for (let i = 0; i < total; i += 1)
    r.createdAt[i] = sampleCreatedAt(prng, scaleRatios.historyDays, scaleRatios.termPeakShare);
  r.createdAt.sort();

  let at = 0;
  organizations.forEach((org, organization) => {
    r.organization.fill(organization, at, at + org.referrals);
    at += org.referrals;
  });
  for (let i = total - 1; i > 0; i -= 1) {
    const j = prng.int(i + 1);
    const swap = r.organization[i]!;
    r.organization[i] = r.organization[j]!;
    r.organization[j] = swap;
  }

  const members: number[][] = organizations.map(() => []);
  for (let s = 0; s < students.length; s += 1) members[students.organization[s]!]!.push(s);
  const samplers = members.map((list) => {
    const weights = list.map((s) => students.propensity[s]!);
    return new WeightedSampler(weights.some((w) => w > 0) ? weights : weights.map(() => 1));
  });
  const offsets = organizations.map((o) => o.utcOffsetMinutes);

  for (let i = 0; i < total; i += 1) {
    const organization = r.organization[i]!;
    drawUuid(prng, r.ids, i);
    lifecycle(prng, r, i, drawStatus(prng));
    r.referrer[i] = members[organization]![samplers[organization]!.sample(prng)]!;
    r.firstName[i] = prng.int(pool.firstNames.length);
    r.lastName[i] = prng.int(pool.lastNames.length);
    r.serial[i] = students.length + i;
    r.hasEmail[i] = prng.chance(0.7) ? 1 : 0;
    const status = r.status[i]!;
    const applying = calendar.applying(organization, r.createdAt[i]!, offsets[organization]!);
    r.campaign[i] = status === enrolledStatus || prng.chance(scaleRatios.openReferralCampaignShare) ? applying : -1;
    if (status !== enrolledStatus && prng.chance(scaleRatios.deletedShare)) {
      const deletedAt = Math.max(r.updatedAt[i]!, seconds(referenceNowMs - prng.between(0, 30) * dayMs));
      r.deletedAt[i] = deletedAt;
      r.updatedAt[i] = deletedAt;
    }
  }
  return r;
}

export const referralColumns = [
  'id',
  'organization_id',
  'referrer_student_id',
  'referred_name',
  'referred_phone',
  'referred_email',
  'campaign_id',
  'status',
  'points_awarded',
  'enrolled_as_student_id',
  'contact_date',
  'enrollment_date',
  'decline_reason',
  'created_at',
  'updated_at',
  'deleted_at',
] as const;
