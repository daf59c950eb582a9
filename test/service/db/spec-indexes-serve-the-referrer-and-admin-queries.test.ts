import { describe, expect, it } from 'vitest';
import type pg from 'pg';
import { createTestDatabase } from '../../helpers/database.js';
import { checkInvariantsAfterEach } from './invariants-after-each.js';

const databases = { optimized: await createTestDatabase('optimized'), baseline: await createTestDatabase('baseline') };
checkInvariantsAfterEach(databases.optimized.pool, databases.baseline.pool);

const organizations = 4;
const studentsPerOrganization = 50;
const referrals = 20_000;
const specIndexes = ['idx_student_referrals_performance', 'idx_student_referrals_pending_admin'];

/**
 * 20k referrals over 200 referrers in 4 schools: a fifth still open, 30% enrolled (with their
 * ledger rows), the rest closed. Loaded with INSERT ... SELECT and the row triggers off (a
 * superuser-only, session-local setting); the rankings are then set from the data so the
 * invariants hold.
 */
async function load(pool: pg.Pool): Promise<void> {
  await pool.query(
    `INSERT INTO organizations (name) SELECT 'School ' || g FROM generate_series(1, ${organizations}) g`,
  );
  await pool.query(`
    INSERT INTO students (organization_id, first_name, last_name, phone)
    SELECT o.id, 'Student', g::text, '+9989' || lpad((row_number() OVER ())::text, 8, '0')
      FROM organizations o, generate_series(1, ${studentsPerOrganization}) g`);
  const client = await pool.connect();
  try {
    await client.query(`SET session_replication_role = replica`);
    await client.query(`
      WITH s AS (SELECT id, organization_id, row_number() OVER (ORDER BY id) - 1 AS n FROM students)
      INSERT INTO student_referrals (organization_id, referrer_student_id, referred_name, referred_phone, status,
                                     points_awarded, created_at, updated_at)
      SELECT s.organization_id, s.id, 'Friend ' || g, '+9987' || lpad(g::text, 8, '0'), v.status,
             CASE WHEN v.status = 'enrolled' THEN 100 ELSE 0 END, now() - g * interval '1 minute', now() - g * interval '1 minute'
        FROM generate_series(0, ${referrals - 1}) g
        JOIN s ON s.n = g % (${organizations * studentsPerOrganization})
        CROSS JOIN LATERAL (SELECT (ARRAY['pending', 'contacted', 'enrolled', 'enrolled', 'enrolled',
                                          'declined', 'declined', 'expired', 'expired', 'declined'])[g % 10 + 1] AS status) v`);
    await client.query(`
      INSERT INTO points_transactions (organization_id, student_id, points_amount, category, related_entity_type, related_entity_id)
      SELECT organization_id, referrer_student_id, points_awarded, 'referral_enrolled', 'student_referral', id
        FROM student_referrals WHERE status = 'enrolled'`);
    await client.query(`SET session_replication_role = DEFAULT`);
  } finally {
    client.release();
  }
  await pool.query(`
    UPDATE user_rankings ur
       SET total_referrals = r.total, successful_referrals = r.enrolled,
           referral_points_earned = r.points, total_points = r.points
      FROM (SELECT referrer_student_id, count(*)::integer AS total, count(*) FILTER (WHERE status = 'enrolled')::integer AS enrolled,
                   sum(points_awarded)::integer AS points
              FROM student_referrals GROUP BY referrer_student_id) r
     WHERE r.referrer_student_id = ur.user_id`);
  await pool.query('ANALYZE');
}

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function indexesUsed(node: PlanNode): string[] {
  return [...(node['Index Name'] ? [node['Index Name']] : []), ...(node.Plans ?? []).flatMap(indexesUsed)];
}

async function plan(pool: pg.Pool, sql: string, values: unknown[]): Promise<PlanNode> {
  const {
    rows: [row],
  } = await pool.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (FORMAT JSON) ${sql}`, values);
  return row!['QUERY PLAN'][0].Plan;
}

const referrerLookup = `SELECT id, status, created_at, points_awarded, enrolled_as_student_id FROM student_referrals
  WHERE referrer_student_id = $1 AND deleted_at IS NULL ORDER BY created_at DESC`;
const pendingAdmin = `SELECT id, referrer_student_id, referred_name, status, created_at FROM student_referrals
  WHERE organization_id = $1 AND status IN ('pending', 'contacted') AND deleted_at IS NULL ORDER BY created_at DESC LIMIT 50`;

describe.each(['optimized', 'baseline'] as const)('query plans on 20k referrals (%s)', (variant) => {
  it(
    variant === 'optimized'
      ? "the referrer lookup and the pending-admin query use the spec's indexes"
      : "the spec's indexes do not exist and neither query uses them",
    async () => {
      const { pool } = databases[variant];
      await load(pool);
      const {
        rows: [sample],
      } = await pool.query<{ referrer: string; organization: string }>(
        'SELECT referrer_student_id AS referrer, organization_id AS organization FROM student_referrals LIMIT 1',
      );
      const { rows: existing } = await pool.query<{ indexname: string }>(
        `SELECT indexname FROM pg_indexes WHERE indexname = ANY ($1) ORDER BY indexname`,
        [specIndexes],
      );

      const referrerIndexes = indexesUsed(await plan(pool, referrerLookup, [sample!.referrer]));
      const adminIndexes = indexesUsed(await plan(pool, pendingAdmin, [sample!.organization]));
      if (variant === 'optimized') {
        expect(existing.map((r) => r.indexname)).toEqual([...specIndexes].sort());
        expect(referrerIndexes).toContain('idx_student_referrals_performance');
        expect(adminIndexes).toContain('idx_student_referrals_pending_admin');
      } else {
        expect(existing).toEqual([]);
        expect([...referrerIndexes, ...adminIndexes]).not.toEqual(
          expect.arrayContaining([expect.stringMatching(/^idx_student_referrals_/)]),
        );
      }
    },
  );
});
