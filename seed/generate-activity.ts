/**
 * The CRM around the referral feature: students earn points for
 * attendance, homework, behaviour and participation, as ledger rows without a related entity.
 */
import { referenceNowMs } from './calendar.js';
import type { Ledger } from './generate-awards.js';
import type { Students } from './generate-students.js';
import type { Prng } from '../src/core/prng.js';

const homeworkPoints: readonly number[] = [5, 10, 10, 15];

/** Appends `count` activity rows over all students, each dated between the student's arrival and the reference time. */
export function generateActivity(prng: Prng, students: Students, ledger: Ledger, count: number): void {
  for (let i = 0; i < count; i += 1) {
    const student = prng.int(students.length);
    const created = students.createdAt[student]!;
    const when = Math.floor((created + prng.next() * (referenceNowMs - created)) / 1000) * 1000;
    const organization = students.organization[student]!;
    const u = prng.next();
    if (u < 0.45) ledger.add(organization, student, 5, 'attendance', 0, -1, when);
    else if (u < 0.75) ledger.add(organization, student, prng.pick(homeworkPoints), 'homework', 0, -1, when);
    else if (u < 0.9) ledger.add(organization, student, 3, 'participation', 0, -1, when);
    // behaviour is the one category that also takes points away
    else ledger.add(organization, student, prng.chance(0.3) ? -5 : 5, 'behaviour', 0, -1, when);
  }
}
