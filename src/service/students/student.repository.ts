/** The student profile: one round trip (the student_profile function builds the whole document). */
import type { OrgTransaction } from '../db/pool.js';

/** The profile document, or undefined when the organization has no such live student. */
export async function readProfile(
  tx: OrgTransaction,
  studentId: string,
  includeReferrals: boolean,
): Promise<Record<string, unknown> | undefined> {
  const { rows } = await tx.query<{ profile: Record<string, unknown> | null }>({
    name: 'student-profile',
    text: 'SELECT student_profile($1, $2) AS profile',
    values: [studentId, includeReferrals],
  });
  return rows[0]?.profile ?? undefined;
}
