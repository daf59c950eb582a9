/**
 * How large the schools a data-volume step loaded were: the load spreads its users over every
 * school, and the largest one grows with the dataset, so a size's figures are read against it.
 */
import type { Queryable } from '../../service/index.js';

export interface SchoolSizes {
  readonly schools: number;
  /** The school with the most referrals: its referrals and its students. */
  readonly largestSchoolReferrals: number;
  readonly largestSchoolStudents: number;
}

/** Reads the sizes as the database owner (row-level security does not apply to it). */
export async function schoolSizes(db: Queryable): Promise<SchoolSizes> {
  const {
    rows: [row],
  } = await db.query<{ schools: string; referrals: string | null; students: string | null }>(
    `WITH referrals AS (SELECT organization_id, count(*) AS n FROM student_referrals WHERE deleted_at IS NULL GROUP BY organization_id),
          largest AS (SELECT organization_id, n FROM referrals ORDER BY n DESC, organization_id LIMIT 1)
     SELECT (SELECT count(*) FROM organizations) AS schools,
            (SELECT n FROM largest) AS referrals,
            (SELECT count(*) FROM students s JOIN largest l USING (organization_id) WHERE s.deleted_at IS NULL) AS students`,
  );
  return {
    schools: Number(row?.schools ?? 0),
    largestSchoolReferrals: Number(row?.referrals ?? 0),
    largestSchoolStudents: Number(row?.students ?? 0),
  };
}
