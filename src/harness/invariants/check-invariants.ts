/**
 * The domain invariants (docs/domain.md), checked in SQL against a database after any workload. Each check
 * returns the offending rows (capped), so a report can show what broke, not only that it broke.
 */
import type { Queryable } from '../../service/index.js';

import type { InvariantReport, InvariantViolation } from '../result/invariant-report.schema.js';

export type { InvariantReport, InvariantViolation };

const referralCategories = `('referral_enrolled', 'tier_bonus')`;

/** Named SQL checks; each selects the rows that break its invariant. */
export const invariantChecks: Readonly<Record<string, string>> = Object.freeze({
  "referral_points_earned equals the sum of the student's referral ledger rows": `
    SELECT ur.user_id, ur.referral_points_earned, coalesce(l.sum, 0) AS ledger
      FROM user_rankings ur
      LEFT JOIN (SELECT student_id, sum(points_amount) AS sum FROM points_transactions
                  WHERE category IN ${referralCategories} GROUP BY student_id) l ON l.student_id = ur.user_id
     WHERE ur.referral_points_earned <> coalesce(l.sum, 0)`,
  "total_referrals counts the student's non-deleted referrals": `
    SELECT ur.user_id, ur.total_referrals, coalesce(r.n, 0) AS actual
      FROM user_rankings ur
      LEFT JOIN (SELECT referrer_student_id, count(*) AS n FROM student_referrals
                  WHERE deleted_at IS NULL GROUP BY referrer_student_id) r ON r.referrer_student_id = ur.user_id
     WHERE ur.total_referrals <> coalesce(r.n, 0)`,
  "successful_referrals counts the student's enrolled referrals": `
    SELECT ur.user_id, ur.successful_referrals, coalesce(r.n, 0) AS actual
      FROM user_rankings ur
      LEFT JOIN (SELECT referrer_student_id, count(*) AS n FROM student_referrals
                  WHERE deleted_at IS NULL AND status = 'enrolled' GROUP BY referrer_student_id) r
        ON r.referrer_student_id = ur.user_id
     WHERE ur.successful_referrals <> coalesce(r.n, 0)`,
  'no referral has more than one referral_enrolled ledger row': `
    SELECT related_entity_id, count(*) AS rows FROM points_transactions
     WHERE category = 'referral_enrolled' GROUP BY related_entity_id HAVING count(*) > 1`,
  'every enrolled referral has exactly its award in the ledger': `
    SELECT sr.id, sr.points_awarded, coalesce(l.sum, 0) AS ledger, coalesce(l.enrolled_rows, 0) AS enrolled_rows
      FROM student_referrals sr
      LEFT JOIN (SELECT related_entity_id, sum(points_amount) AS sum,
                        count(*) FILTER (WHERE category = 'referral_enrolled') AS enrolled_rows
                   FROM points_transactions WHERE category IN ${referralCategories}
                    AND related_entity_type = 'student_referral' GROUP BY related_entity_id) l ON l.related_entity_id = sr.id
     WHERE (sr.status = 'enrolled' AND (coalesce(l.enrolled_rows, 0) <> 1 OR sr.points_awarded <> coalesce(l.sum, 0)))
        OR (sr.status <> 'enrolled' AND (coalesce(l.sum, 0) <> 0 OR sr.points_awarded <> 0))`,
  "total_points equals the sum of all the student's ledger rows": `
    SELECT ur.user_id, ur.total_points, coalesce(l.sum, 0) AS ledger
      FROM user_rankings ur
      LEFT JOIN (SELECT student_id, sum(points_amount) AS sum FROM points_transactions GROUP BY student_id) l
        ON l.student_id = ur.user_id
     WHERE ur.total_points <> coalesce(l.sum, 0)`,
  'every student has exactly one ranking row in its organization': `
    SELECT s.id FROM students s
      LEFT JOIN user_rankings ur ON ur.user_id = s.id AND ur.organization_id = s.organization_id
     WHERE ur.user_id IS NULL`,
});

/** Checks of what only one schema variant has, each run where its table exists. */
export const variantInvariantChecks: Readonly<Record<string, { readonly table: string; readonly sql: string }>> =
  Object.freeze({
    'the points histogram counts every ranking at its total': {
      table: 'ranking_points_histogram',
      sql: `
    SELECT coalesce(h.organization_id, u.organization_id) AS organization_id, coalesce(h.total_points, u.total_points) AS total_points,
           coalesce(h.students, 0) AS histogram, coalesce(u.students, 0) AS rankings
      FROM ranking_points_histogram h
      FULL JOIN (SELECT organization_id, total_points, count(*) AS students FROM user_rankings GROUP BY organization_id, total_points) u
        ON u.organization_id = h.organization_id AND u.total_points = h.total_points
     WHERE coalesce(h.students, 0) <> coalesce(u.students, 0)`,
    },
    'the organization counts every ranking it holds': {
      table: 'ranking_points_students',
      sql: `
    SELECT coalesce(c.organization_id, u.organization_id) AS organization_id,
           coalesce(c.students, 0) AS counted, coalesce(u.students, 0) AS rankings
      FROM ranking_points_students c
      FULL JOIN (SELECT organization_id, count(*) AS students FROM user_rankings GROUP BY 1) u
        ON u.organization_id = c.organization_id
     WHERE coalesce(c.students, 0) <> coalesce(u.students, 0)`,
    },
  });

/** Runs every check. Connect as the database owner: row-level security would hide rows. */
export async function checkInvariants(db: Queryable, exampleLimit = 5): Promise<InvariantReport> {
  const violations: InvariantViolation[] = [];
  const { rows: present } = await db.query<{ table: string }>(
    'SELECT t AS table FROM unnest($1::text[]) t WHERE to_regclass(t) IS NOT NULL',
    [Object.values(variantInvariantChecks).map((c) => c.table)],
  );
  const tables = new Set(present.map((row) => row.table));
  const checks: Record<string, string> = { ...invariantChecks };
  for (const [invariant, check] of Object.entries(variantInvariantChecks))
    if (tables.has(check.table)) checks[invariant] = check.sql;
  for (const [invariant, sql] of Object.entries(checks)) {
    const { rows } = await db.query<Record<string, unknown>>(
      `SELECT count(*) OVER () AS __total, v.* FROM (${sql}) v LIMIT ${exampleLimit}`,
    );
    if (rows.length > 0) {
      const count = Number(rows[0]?.__total ?? rows.length);
      violations.push({ invariant, count, examples: rows.map(({ __total: _omit, ...rest }) => rest) });
    }
  }
  return { state: violations.length === 0 ? 'passed' : 'failed', checked: Object.keys(checks), violations };
}
