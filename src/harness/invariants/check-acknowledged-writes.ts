/**
 * Nothing lost: every write the service acknowledged during a load, checked against the database
 * after the step. A difference is a violation, listed with the referrals' ids, and fails the run
 * like a broken invariant.
 */
import type { Queryable } from '../../service/index.js';
import type { AcknowledgedWrites } from '../../../scenarios/acknowledged-writes.js';
import type { InvariantReport, InvariantViolation } from '../result/invariant-report.schema.js';

/** The checks, by the name reports show. */
export const acknowledgedWriteChecks = Object.freeze({
  created: 'every acknowledged new referral exists, once',
  transitions: "every acknowledged status is the referral's status or a later one",
  enrollments: 'every acknowledged enrollment has one referral_enrolled ledger row and the points the response gave',
});

const createdSql = `
  SELECT w.id, count(sr.id)::int AS found
    FROM unnest($1::uuid[]) w(id)
    LEFT JOIN student_referrals sr ON sr.id = w.id AND sr.deleted_at IS NULL
   GROUP BY w.id HAVING count(sr.id) <> 1`;

// contacted may since have been enrolled, declined or expired; a terminal status must stay as acknowledged.
const transitionsSql = `
  SELECT w.id, w.acknowledged, sr.status AS found
    FROM unnest($1::uuid[], $2::text[]) w(id, acknowledged)
    LEFT JOIN student_referrals sr ON sr.id = w.id AND sr.deleted_at IS NULL
   WHERE sr.id IS NULL
      OR NOT (sr.status = w.acknowledged
              OR w.acknowledged = 'pending'
              OR (w.acknowledged = 'contacted' AND sr.status IN ('enrolled', 'declined', 'expired')))`;

const enrollmentsSql = `
  SELECT w.id, w.points AS acknowledged_points, sr.points_awarded, count(pt.id)::int AS ledger_rows
    FROM unnest($1::uuid[], $2::int[]) w(id, points)
    LEFT JOIN student_referrals sr ON sr.id = w.id
    LEFT JOIN points_transactions pt
      ON pt.category = 'referral_enrolled' AND pt.related_entity_type = 'student_referral' AND pt.related_entity_id = w.id
   GROUP BY w.id, w.points, sr.points_awarded
  HAVING count(pt.id) <> 1 OR (w.points IS NOT NULL AND w.points IS DISTINCT FROM sr.points_awarded)`;

/** Checks every acknowledged write; connect as the database owner (row-level security would hide rows). */
export async function checkAcknowledgedWrites(
  db: Queryable,
  writes: AcknowledgedWrites,
  exampleLimit = 20,
): Promise<InvariantReport> {
  const violations: InvariantViolation[] = [];
  const collect = (invariant: string, rows: Record<string, unknown>[]): void => {
    if (rows.length > 0) violations.push({ invariant, count: rows.length, examples: rows.slice(0, exampleLimit) });
  };
  const created = [...writes.created.keys()];
  const states = [...writes.states];
  const enrollments = [...writes.enrollments];
  if (created.length > 0) collect(acknowledgedWriteChecks.created, (await db.query(createdSql, [created])).rows);
  if (states.length > 0)
    collect(
      acknowledgedWriteChecks.transitions,
      (await db.query(transitionsSql, [states.map(([id]) => id), states.map(([, state]) => state)])).rows,
    );
  if (enrollments.length > 0) {
    collect(
      acknowledgedWriteChecks.enrollments,
      (await db.query(enrollmentsSql, [enrollments.map(([id]) => id), enrollments.map(([, points]) => points ?? null)]))
        .rows,
    );
  }
  return {
    state: violations.length === 0 ? 'passed' : 'failed',
    checked: Object.values(acknowledgedWriteChecks),
    violations,
  };
}
