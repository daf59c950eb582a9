/**
 * Fills a ScenarioContext from a seeded database: a deterministic sample of each organization's
 * students, referrals by status and campaigns, with tokens signed for the run's service.
 */
import type { Queryable } from '../../service/index.js';
import type { ContextOrganization, ReferralStatus, ScenarioContext } from '../../../scenarios/scenario-context.js';
import { shareOfSql, type GeneratorShare } from './generator-share.js';

/** Signs a token the way the service under test verifies it. */
export type TokenSigner = (claims: { organizationId: string; role: 'student' | 'admin'; studentId?: string }) => string;

export interface ContextOptions {
  /** Students sampled per organization (each gets a token). @default 200 */
  readonly studentsPerOrganization?: number;
  /** Referral ids kept per organization and status. @default 3000 */
  readonly referralsPerStatus?: number;
  /** Makes the sample reproducible for a run's seed. @default 42 */
  readonly seed?: number;
  /**
   * Only the students and referrals of this generator's share (--generator i/n), as many of them
   * as a generator alone gets: generators loading one target together never share a user or a
   * referral to write to. Organizations and their campaigns are everyone's. @default everything
   */
  readonly share?: GeneratorShare;
}

const statuses: readonly ReferralStatus[] = ['pending', 'contacted', 'enrolled', 'declined', 'expired'];

/** Reads the sample as the database owner (row-level security does not apply to it). */
export async function loadScenarioContext(
  db: Queryable,
  sign: TokenSigner,
  options: ContextOptions = {},
): Promise<ScenarioContext> {
  const studentsPer = options.studentsPerOrganization ?? 200;
  const referralsPer = options.referralsPerStatus ?? 3000;
  const salt = String(options.seed ?? 42);
  // This generator's share before the LIMIT: as many as one generator alone gets, none of another's.
  const count = options.share?.count ?? 1;
  const index = options.share?.index ?? 1;
  // Largest organizations first: scenarios spread users over organizations in this order.
  const { rows: orgs } = await db.query<{ id: string }>(
    `SELECT o.id FROM organizations o
       LEFT JOIN (SELECT organization_id, count(*) AS n FROM students GROUP BY organization_id) s ON s.organization_id = o.id
      ORDER BY coalesce(s.n, 0) DESC, o.id`,
  );
  const organizations: ContextOrganization[] = [];
  for (const { id } of orgs) {
    // Students who have referred someone are the ones whose pages carry referral data.
    const { rows: students } = await db.query<{ id: string }>(
      `SELECT s.id FROM students s JOIN user_rankings ur ON ur.user_id = s.id AND ur.organization_id = s.organization_id
        WHERE s.organization_id = $1 AND s.deleted_at IS NULL AND ${shareOfSql('s.id', '$4')} = $5
        ORDER BY (ur.total_referrals > 0) DESC, md5(s.id::text || $2) LIMIT $3`,
      [id, salt, studentsPer, count, index],
    );
    const { rows: campaigns } = await db.query<{ id: string }>(
      `SELECT id FROM referral_campaigns WHERE organization_id = $1 AND deleted_at IS NULL AND is_active ORDER BY start_date DESC, id`,
      [id],
    );
    const referralIdsByStatus = {} as Record<ReferralStatus, string[]>;
    for (const status of statuses) {
      const { rows } = await db.query<{ id: string }>(
        `SELECT id FROM student_referrals WHERE organization_id = $1 AND status = $2 AND deleted_at IS NULL
            AND ${shareOfSql('id', '$5')} = $6
          ORDER BY md5(id::text || $3) LIMIT $4`,
        [id, status, salt, referralsPer, count, index],
      );
      referralIdsByStatus[status] = rows.map((r) => r.id);
    }
    if (students.length === 0) continue;
    organizations.push({
      id,
      adminToken: sign({ organizationId: id, role: 'admin' }),
      students: students.map((s) => ({
        id: s.id,
        token: sign({ organizationId: id, role: 'student', studentId: s.id }),
      })),
      campaignIds: campaigns.map((c) => c.id),
      referralIdsByStatus,
    });
  }
  return { organizations };
}
