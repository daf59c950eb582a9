/** Small, explicit data builders for database tests (the seeder is for volume; these are for cases). */
import { randomInt, randomUUID } from 'node:crypto';
import type { Queryable } from '../../src/service/db/queryable.js';

export interface OrgFixture {
  id: string;
}
export interface StudentFixture {
  id: string;
  organizationId: string;
  phone: string;
}

export function randomPhone(): string {
  return `+998${String(randomInt(0, 1_000_000_000)).padStart(9, '0')}`;
}

export async function createOrganization(
  db: Queryable,
  overrides: { defaultPoints?: number; timezone?: string } = {},
): Promise<OrgFixture> {
  const { rows } = await db.query<{ id: string }>(
    'INSERT INTO organizations (name, timezone, default_referral_points) VALUES ($1, $2, $3) RETURNING id',
    [`School ${randomUUID().slice(0, 8)}`, overrides.timezone ?? 'UTC', overrides.defaultPoints ?? 100],
  );
  return { id: rows[0]!.id };
}

export async function createStudent(db: Queryable, organizationId: string): Promise<StudentFixture> {
  const phone = randomPhone();
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO students (organization_id, first_name, last_name, phone, email)
     VALUES ($1, 'Test', 'Student', $2, $3) RETURNING id`,
    [organizationId, phone, `${randomUUID().slice(0, 8)}@example.test`],
  );
  return { id: rows[0]!.id, organizationId, phone };
}

export interface CampaignInput {
  basePoints: number;
  multiplier: string;
  startDate: string;
  endDate?: string | null;
  isActive?: boolean;
  deleted?: boolean;
}

export async function createCampaign(db: Queryable, organizationId: string, input: CampaignInput): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO referral_campaigns (organization_id, name, base_points_reward, bonus_multiplier, start_date, end_date, is_active, deleted_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $8 THEN now() END) RETURNING id`,
    [
      organizationId,
      `Campaign ${randomUUID().slice(0, 6)}`,
      input.basePoints,
      input.multiplier,
      input.startDate,
      input.endDate ?? null,
      input.isActive ?? true,
      input.deleted ?? false,
    ],
  );
  return rows[0]!.id;
}

export async function createReferral(
  db: Queryable,
  referrer: StudentFixture,
  overrides: { createdAt?: string; campaignId?: string } = {},
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO student_referrals (organization_id, referrer_student_id, referred_name, referred_phone, campaign_id, created_at)
     VALUES ($1, $2, 'Friend', $3, $4, coalesce($5::timestamptz, now())) RETURNING id`,
    [referrer.organizationId, referrer.id, randomPhone(), overrides.campaignId ?? null, overrides.createdAt ?? null],
  );
  return rows[0]!.id;
}

/** Moves a referral along pending -> contacted -> enrolled. */
export async function enroll(db: Queryable, referralId: string): Promise<void> {
  await db.query(`UPDATE student_referrals SET status = 'contacted' WHERE id = $1`, [referralId]);
  await db.query(`UPDATE student_referrals SET status = 'enrolled' WHERE id = $1`, [referralId]);
}

/** An organization with a row in every table of its own (rankings, ledger, achievements, caches, analytics included); its id. */
export async function createPopulatedOrganization(db: Queryable): Promise<string> {
  const org = await createOrganization(db);
  const referrer = await createStudent(db, org.id);
  await createCampaign(db, org.id, { basePoints: 100, multiplier: '1.00', startDate: '2020-01-01' });
  await enroll(db, await createReferral(db, referrer));
  await createReferral(db, referrer);
  await db.query(`INSERT INTO referral_leaderboard_cache VALUES ($1, 'top', '[]', now() + interval '5 minutes')`, [
    org.id,
  ]);
  await db.query(
    `INSERT INTO referral_performance_metrics (organization_id, query_type, execution_time_ms) VALUES ($1, 'leaderboard', 150)`,
    [org.id],
  );
  return org.id;
}
