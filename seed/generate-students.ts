/**
 * Students: the existing body of each school (the potential referrers), plus the new students
 * that enrolled referrals become. Kept column-wise in typed arrays (a million rows of objects
 * and strings would spend the seeder's time in the garbage collector). Phones and e-mails are
 * unique across the whole dataset, which keeps both anti-fraud rules true (one live referral per
 * phone, no self-referral).
 */
import { dayMs, referenceNowMs } from './calendar.js';
import type { ChunkWriter } from './chunk-writer.js';
import type { Organization } from './generate-organizations.js';
import type { NamePool } from './name-pool.js';
import { drawUuid, type Prng } from '../src/core/prng.js';
import { scaleRatios } from './scale.js';

export const enrollmentStatuses = ['active', 'graduated', 'withdrawn'] as const;

/** Writes a unique, random-looking Uzbek mobile number for serial `k` (a bijection on 9 digits). */
export function writePhone(out: ChunkWriter, k: number): void {
  out.text('+998').padded((k * 387_420_489 + 123_456_789) % 1_000_000_000, 9);
}

/** Writes a unique e-mail for serial `k`, or NULL when the person gave none. */
export function writeEmail(
  out: ChunkWriter,
  pool: NamePool,
  hasEmail: number,
  first: number,
  last: number,
  k: number,
): void {
  if (hasEmail !== 1) {
    out.nul();
    return;
  }
  out
    .text(pool.emailFirst[first]!)
    .text('.')
    .text(pool.emailLast[last]!)
    .int(k)
    .text('@')
    .text(pool.domains[k % pool.domains.length]!);
}

/** The students table, column-wise; `serial` numbers the person's phone and e-mail. */
export class Students {
  readonly ids: Uint32Array;
  readonly organization: Int32Array;
  readonly firstName: Uint16Array;
  readonly lastName: Uint16Array;
  readonly serial: Int32Array;
  readonly hasEmail: Uint8Array;
  readonly status: Uint8Array;
  readonly createdAt: Float64Array;
  /** Referral propensity of existing students (0: never refers). */
  readonly propensity: Float64Array;
  length = 0;

  constructor(capacity: number) {
    this.ids = new Uint32Array(capacity * 4);
    this.organization = new Int32Array(capacity);
    this.firstName = new Uint16Array(capacity);
    this.lastName = new Uint16Array(capacity);
    this.serial = new Int32Array(capacity);
    this.hasEmail = new Uint8Array(capacity);
    this.status = new Uint8Array(capacity);
    this.createdAt = new Float64Array(capacity);
    this.propensity = new Float64Array(capacity);
  }

  /** Appends a student with an id drawn from `prng`; returns its index. */
  add(
    prng: Prng,
    organization: number,
    firstName: number,
    lastName: number,
    serial: number,
    hasEmail: boolean,
    status: number,
    createdAt: number,
  ): number {
    const i = this.length;
    this.length += 1;
    drawUuid(prng, this.ids, i);
    this.organization[i] = organization;
    this.firstName[i] = firstName;
    this.lastName[i] = lastName;
    this.serial[i] = serial;
    this.hasEmail[i] = hasEmail ? 1 : 0;
    this.status[i] = status;
    this.createdAt[i] = createdAt;
    return i;
  }
}

/**
 * The existing students, split over organizations in proportion to their referrals, each with a
 * referral propensity (0 for those who never refer). They all predate the referral history.
 * `capacity` leaves room for the students enrollments add later.
 */
export function generateBaseStudents(
  prng: Prng,
  pool: NamePool,
  organizations: readonly Organization[],
  total: number,
  referrals: number,
  capacity: number,
): Students {
  const historyStart = referenceNowMs - scaleRatios.historyDays * dayMs;
  const counts = organizations.map((org) => Math.max(5, Math.round((total * org.referrals) / referrals)));
  const students = new Students(counts.reduce((a, b) => a + b, 0) + capacity);
  counts.forEach((count, organization) => {
    for (let i = 0; i < count; i += 1) {
      const status = prng.chance(0.85) ? 0 : prng.chance(0.6) ? 1 : 2;
      const k = students.length;
      const s = students.add(
        prng,
        organization,
        prng.int(pool.firstNames.length),
        prng.int(pool.lastNames.length),
        k,
        prng.chance(0.9),
        status,
        historyStart - Math.floor(prng.next() * 365 * 86_400) * 1000,
      );
      students.propensity[s] = prng.chance(scaleRatios.activeReferrerShare)
        ? prng.pareto(scaleRatios.referrerParetoShape, scaleRatios.referrerParetoCap)
        : 0;
    }
  });
  return students;
}

export const studentColumns = [
  'id',
  'organization_id',
  'first_name',
  'last_name',
  'phone',
  'email',
  'enrollment_status',
  'created_at',
] as const;
