/** Analytics SQL: everything reads the view referral_analytics (materialized on optimized, live on baseline). */
import type { OrgTransaction } from '../db/pool.js';

/** The dashboard document (students, points, top students, and referral figures when enabled). */
export async function readDashboard(
  tx: OrgTransaction,
  organizationId: string,
  includeReferrals: boolean,
): Promise<Record<string, unknown>> {
  const { rows } = await tx.query<{ dashboard: Record<string, unknown> }>({
    name: 'analytics-dashboard',
    text: 'SELECT organization_dashboard($1, $2) AS dashboard',
    values: [organizationId, includeReferrals],
  });
  return rows[0]!.dashboard;
}

export interface ReferralAnalyticsRow {
  studentId: string;
  totalReferrals: number;
  successfulReferrals: number;
  conversionRate: number;
  totalPointsAwarded: number;
}

/** One student's referral analytics (zeros before its first referral), or undefined for no such student. */
export async function readStudentAnalytics(
  tx: OrgTransaction,
  organizationId: string,
  studentId: string,
): Promise<ReferralAnalyticsRow | undefined> {
  const { rows } = await tx.query<ReferralAnalyticsRow>({
    name: 'analytics-student',
    text: `SELECT s.id AS "studentId",
                  coalesce(a.total_referrals, 0) AS "totalReferrals",
                  coalesce(a.successful_referrals, 0) AS "successfulReferrals",
                  coalesce(a.conversion_rate, 0)::float8 AS "conversionRate",
                  coalesce(a.total_points_awarded, 0)::integer AS "totalPointsAwarded"
             FROM students s
             LEFT JOIN referral_analytics a ON a.referrer_student_id = $1 AND a.organization_id = $2
            WHERE s.id = $1 AND s.organization_id = $2 AND s.deleted_at IS NULL`,
    values: [studentId, organizationId],
  });
  return rows[0];
}
