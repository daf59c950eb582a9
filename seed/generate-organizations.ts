/** Organizations: several schools of uneven size, one large school dominating. */
import { dayMs, referenceNowMs } from './calendar.js';
import type { NamePool } from './name-pool.js';
import type { Prng } from '../src/core/prng.js';
import { scaleRatios } from './scale.js';

export interface Organization {
  readonly id: string;
  readonly name: string;
  /** A fixed-offset zone (no daylight saving), so local dates are exact without a zone database. */
  readonly timezone: string;
  readonly utcOffsetMinutes: number;
  readonly defaultReferralPoints: number;
  readonly createdAt: number;
  /** How many of the N referrals belong to this organization. */
  readonly referrals: number;
}

const zones: ReadonlyArray<readonly [string, number]> = [
  ['Asia/Tashkent', 300],
  ['Asia/Samarkand', 300],
  ['Asia/Dubai', 240],
  ['Asia/Kolkata', 330],
  ['UTC', 0],
  ['Asia/Tokyo', 540],
];
const schoolKinds: readonly string[] = [
  'Academy',
  'School',
  'Lyceum',
  'Learning Centre',
  'International School',
  'Language School',
];

/** Splits `total` by Zipf weights, largest first, so the counts sum exactly to `total`. */
export function zipfSplit(total: number, parts: number, exponent: number): number[] {
  const weights = Array.from({ length: parts }, (_, k) => 1 / Math.pow(k + 1, exponent));
  const sum = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w) => Math.floor((total * w) / sum));
  let rest = total - counts.reduce((a, b) => a + b, 0);
  for (let k = 0; rest > 0; k = (k + 1) % parts, rest -= 1) counts[k] = (counts[k] ?? 0) + 1;
  return counts;
}

export function generateOrganizations(prng: Prng, pool: NamePool, count: number, referrals: number): Organization[] {
  const sizes = zipfSplit(referrals, count, scaleRatios.organizationSizeExponent);
  return sizes.map((size, k) => {
    const [timezone, utcOffsetMinutes] = k === 0 ? zones[0]! : prng.pick(zones);
    return {
      id: prng.uuid(),
      name: k === 0 ? 'Harry School' : `${pool.cities[k % pool.cities.length]} ${prng.pick(schoolKinds)} ${k}`,
      timezone,
      utcOffsetMinutes,
      defaultReferralPoints: prng.chance(0.25) ? 150 : 100,
      createdAt: referenceNowMs - (scaleRatios.historyDays + 365 + prng.int(365)) * dayMs,
      referrals: size,
    };
  });
}

export const organizationColumns = ['id', 'name', 'timezone', 'default_referral_points', 'created_at'] as const;
