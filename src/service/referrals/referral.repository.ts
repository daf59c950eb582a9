/** The referral SQL. Hot statements are named, so each connection prepares them once. */
import type { OrgTransaction } from '../db/pool.js';
import type { SchemaVariant } from '../db/migrator.js';
import type {
  BulkOutcome,
  CreateReferralInput,
  ReferralRow,
  ReferralStatusValue,
  UpdateStatusInput,
} from './referral.schemas.js';

const columns = `sr.id, sr.referrer_student_id AS "referrerStudentId", sr.referred_name AS "referredName",
  sr.referred_phone AS "referredPhone", sr.referred_email AS "referredEmail", sr.campaign_id AS "campaignId",
  sr.status, sr.points_awarded AS "pointsAwarded", sr.enrolled_as_student_id AS "enrolledAsStudentId",
  sr.contact_date AS "contactDate", sr.enrollment_date AS "enrollmentDate", sr.decline_reason AS "declineReason",
  sr.created_at AS "createdAt", sr.updated_at AS "updatedAt"`;

/** Inserts a pending referral; the guard trigger checks the referrer and the anti-fraud rules. */
export async function insertReferral(
  tx: OrgTransaction,
  organizationId: string,
  referrerId: string,
  input: CreateReferralInput,
): Promise<ReferralRow> {
  const { rows } = await tx.query<ReferralRow>({
    name: 'referral-create',
    text: `INSERT INTO student_referrals AS sr (organization_id, referrer_student_id, referred_name, referred_phone, referred_email, campaign_id)
           VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${columns}`,
    values: [
      organizationId,
      referrerId,
      input.referredName,
      input.referredPhone,
      input.referredEmail ?? null,
      input.campaignId ?? null,
    ],
  });
  return rows[0]!;
}

/**
 * Sets a referral's status; the guard trigger refuses invalid transitions (RB409) and the ranking
 * trigger awards an enrollment. update_referral_status answers with the row as the change left it,
 * award included: an UPDATE's RETURNING is formed before that AFTER trigger writes the points. The
 * decline reason and the enrolled student are recorded only with a real change, so a repeated
 * request is a no-op. Undefined when no such live referral.
 */
export async function updateReferralStatus(
  tx: OrgTransaction,
  referralId: string,
  input: UpdateStatusInput,
): Promise<ReferralRow | undefined> {
  const { rows } = await tx.query<ReferralRow>({
    name: 'referral-update-status',
    text: `SELECT ${columns} FROM update_referral_status($1, $2, $3, $4) AS sr`,
    values: [referralId, input.status, input.declineReason ?? null, input.enrolledAsStudentId ?? null],
  });
  return rows[0];
}

export interface PointsRow {
  referrerStudentId: string;
  basePoints: number | null;
  campaignMultiplier: number | null;
  tierBonus: number | null;
  totalPoints: number | null;
}

/**
 * The spec's point calculation for one referral. With `onlyReferrerId` (a student caller) the
 * function runs only for that referrer's own referral; the row still says whose referral it is.
 */
export async function calculatePoints(
  tx: OrgTransaction,
  referralId: string,
  campaignId: string | undefined,
  onlyReferrerId: string | undefined,
): Promise<PointsRow | undefined> {
  const { rows } = await tx.query<PointsRow>({
    name: 'referral-points',
    text: `SELECT sr.referrer_student_id AS "referrerStudentId", p.base_points AS "basePoints",
                  p.campaign_multiplier::float8 AS "campaignMultiplier", p.tier_bonus AS "tierBonus", p.total_points AS "totalPoints"
             FROM student_referrals sr
             LEFT JOIN LATERAL (SELECT * FROM calculate_referral_points_optimized(sr.id, $2::uuid)
                                 WHERE $3::uuid IS NULL OR sr.referrer_student_id = $3::uuid) p ON true
            WHERE sr.id = $1 AND sr.deleted_at IS NULL`,
    values: [referralId, campaignId ?? null, onlyReferrerId ?? null],
  });
  return rows[0];
}

/**
 * Bulk status change. Optimized: ONE call of bulk_process_referrals. Baseline: what the spec's
 * batching replaced, one UPDATE per id, with the same locking order and the same counting
 * (an invalid transition is filtered out rather than raised, so it fails alone).
 */
export async function bulkProcess(
  tx: OrgTransaction,
  variant: SchemaVariant,
  ids: readonly string[],
  status: ReferralStatusValue,
): Promise<BulkOutcome> {
  if (variant === 'optimized') {
    const { rows } = await tx.query<BulkOutcome>({
      name: 'referral-bulk',
      text: 'SELECT processed, failed, total_time_ms AS "totalTimeMs" FROM bulk_process_referrals($1::uuid[], $2)',
      values: [ids, status],
    });
    return rows[0]!;
  }
  const started = performance.now();
  const unique = [...new Set(ids.map((id) => id.toLowerCase()))].sort();
  await tx.query({
    name: 'referral-bulk-lock-referrals',
    text: 'SELECT id FROM student_referrals WHERE id = ANY ($1::uuid[]) AND deleted_at IS NULL ORDER BY id FOR UPDATE',
    values: [unique],
  });
  await tx.query({
    name: 'referral-bulk-lock-rankings',
    text: `SELECT 1 FROM user_rankings ur
            WHERE (ur.user_id, ur.organization_id) IN (
              SELECT s.referrer_student_id, s.organization_id FROM student_referrals s WHERE s.id = ANY ($1::uuid[]))
            ORDER BY ur.user_id, ur.organization_id FOR UPDATE`,
    values: [unique],
  });
  let processed = 0;
  for (const id of unique) {
    const { rowCount } = await tx.query({
      name: 'referral-bulk-one',
      text: `UPDATE student_referrals SET status = $2
              WHERE id = $1 AND deleted_at IS NULL AND referral_transition_allowed(status, $2)`,
      values: [id, status],
    });
    processed += rowCount ?? 0;
  }
  return { processed, failed: unique.length - processed, totalTimeMs: Math.round(performance.now() - started) };
}

/** A student's referrals, newest first (the spec's referrer index), or undefined for no such student. */
export async function listByReferrer(
  tx: OrgTransaction,
  organizationId: string,
  studentId: string,
  status: ReferralStatusValue | undefined,
  limit: number,
): Promise<ReferralRow[] | undefined> {
  // Two statements rather than "$2 IS NULL OR status = $2": a prepared generic plan can use the
  // status column of the index only when the statement always filters on it.
  const filter = status === undefined ? '' : 'AND sr.status = $4';
  const { rows } = await tx.query<ReferralRow & { studentId: string }>({
    name: status === undefined ? 'referral-list' : 'referral-list-status',
    text: `SELECT s.id AS "studentId", r.* FROM students s
             LEFT JOIN LATERAL (SELECT ${columns} FROM student_referrals sr
                                 WHERE sr.referrer_student_id = s.id AND sr.deleted_at IS NULL ${filter}
                                 ORDER BY sr.created_at DESC, sr.id LIMIT $3) r ON true
            WHERE s.id = $1 AND s.organization_id = $2 AND s.deleted_at IS NULL`,
    values: status === undefined ? [studentId, organizationId, limit] : [studentId, organizationId, limit, status],
  });
  if (rows.length === 0) return undefined;
  return rows.filter((row) => row.id !== null).map(({ studentId: _student, ...referral }) => referral);
}

/**
 * The organization's open referrals, newest first. One ordered scan per open status of the
 * spec's partial index, merged, so the cost is the limit, not the backlog.
 */
export async function listPending(tx: OrgTransaction, organizationId: string, limit: number): Promise<ReferralRow[]> {
  const open = (status: string) => `(SELECT * FROM student_referrals
      WHERE organization_id = $1 AND status = '${status}' AND deleted_at IS NULL ORDER BY created_at DESC LIMIT $2)`;
  const { rows } = await tx.query<ReferralRow>({
    name: 'referral-pending',
    text: `SELECT ${columns} FROM (${open('pending')} UNION ALL ${open('contacted')}) sr ORDER BY sr.created_at DESC, sr.id LIMIT $2`,
    values: [organizationId, limit],
  });
  return rows;
}
