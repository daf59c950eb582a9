/**
 * The two ways a set of referrals changes status, as the service sends them (the app role, scoped
 * to one organization), and a database's domain state to compare what each left behind.
 */
import type pg from 'pg';
import { expect } from 'vitest';
import { checkInvariants } from '../../../src/harness/invariants/check-invariants.js';
import { cloneTestDatabase, type TestDatabase } from '../../helpers/database.js';
import { asOrganization } from './app-session.js';

export interface StatusChangeOutcome {
  processed: number;
  failed: number;
}

/** One call of bulk_process_referrals, as the optimized service makes it. */
export async function bulkStatusChange(
  pool: pg.Pool,
  organizationId: string,
  ids: readonly string[],
  target: string,
): Promise<StatusChangeOutcome> {
  return asOrganization(pool, organizationId, async (client) => {
    const { rows } = await client.query<StatusChangeOutcome>(
      'SELECT processed, failed FROM bulk_process_referrals($1::uuid[], $2)',
      [ids, target],
    );
    return rows[0]!;
  });
}

/**
 * What the bulk stands for: one single-row status change (update_referral_status, the API's) per
 * distinct id, in id order, each in its own transaction. An id counts as processed when its live
 * referral moved to the target; unknown, invisible, deleted, already-there and refused ids fail.
 */
export async function statusChangesOneByOne(
  pool: pg.Pool,
  organizationId: string,
  ids: readonly string[],
  target: string,
): Promise<StatusChangeOutcome> {
  const distinct = [...new Set(ids.map((id) => id.toLowerCase()))].sort();
  let processed = 0;
  for (const id of distinct) {
    const moved = await asOrganization(pool, organizationId, async (client) => {
      const { rows: before } = await client.query<{ status: string }>(
        'SELECT status FROM student_referrals WHERE id = $1 AND deleted_at IS NULL',
        [id],
      );
      const { rows: after } = await client.query<{ status: string }>(
        'SELECT status FROM update_referral_status($1, $2, NULL, NULL)',
        [id, target],
      );
      return before[0] !== undefined && before[0].status !== target && after[0]?.status === target;
    }).catch((error: unknown) => {
      if ((error as { code?: unknown }).code === 'RB409') return false;
      throw error;
    });
    if (moved) processed += 1;
  }
  return { processed, failed: distinct.length - processed };
}

/**
 * Every row the status changes and their triggers touch, in a fixed order, with each time later
 * than `changedAfter` (the fixture's end) reduced to 'changed': two databases changed at different
 * moments compare equal when they changed the same rows the same way. Ledger rows of achievements
 * name the achievement, not the award's random id.
 */
export async function domainState(pool: pg.Pool, changedAfter: string): Promise<Record<string, unknown[]>> {
  const changed = (column: string) => `CASE WHEN ${column} > $1::timestamptz THEN 'changed' ELSE ${column}::text END`;
  const queries: Record<string, string> = {
    referrals: `SELECT to_jsonb(sr) || jsonb_build_object('contact_date', ${changed('contact_date')},
                       'enrollment_date', ${changed('enrollment_date')}, 'updated_at', ${changed('updated_at')}) AS row
                  FROM student_referrals sr ORDER BY sr.id`,
    rankings: `SELECT to_jsonb(ur) || jsonb_build_object('last_activity_at', ${changed('last_activity_at')}) AS row
                 FROM user_rankings ur ORDER BY ur.user_id`,
    ledger: `SELECT jsonb_build_object('student', pt.student_id, 'amount', pt.points_amount, 'category', pt.category,
                    'entity', coalesce(sa.achievement_id, pt.related_entity_id), 'created_at', ${changed('pt.created_at')}) AS row
               FROM points_transactions pt
               LEFT JOIN student_achievements sa ON pt.related_entity_type = 'student_achievement' AND sa.id = pt.related_entity_id
              ORDER BY pt.student_id, pt.category, coalesce(sa.achievement_id, pt.related_entity_id), pt.points_amount`,
    achievements: `SELECT jsonb_build_object('student', student_id, 'achievement', achievement_id,
                          'awarded_at', ${changed('awarded_at')}) AS row
                     FROM student_achievements ORDER BY student_id, achievement_id`,
    leaderboardCache: `SELECT to_jsonb(c) AS row FROM referral_leaderboard_cache c ORDER BY organization_id, cache_key`,
  };
  const state: Record<string, unknown[]> = {};
  for (const [name, text] of Object.entries(queries)) {
    const { rows } = await pool.query<{ row: unknown }>(text, text.includes('$1') ? [changedAfter] : []);
    state[name] = rows.map((r) => r.row);
  }
  // The optimized variant's rank histogram, kept by a trigger on user_rankings. A total nobody holds
  // any more keeps its row at zero students, and which totals passed through on the way depends on
  // how many steps the points took (a bulk pays a referrer's awards at once): only held totals count.
  const {
    rows: [histogram],
  } = await pool.query<{ present: boolean }>(`SELECT to_regclass('ranking_points_histogram') IS NOT NULL AS present`);
  if (histogram?.present) {
    const { rows } = await pool.query<{ row: unknown }>(
      'SELECT to_jsonb(h) AS row FROM ranking_points_histogram h WHERE h.students <> 0 ORDER BY organization_id, total_points',
    );
    state.histogram = rows.map((r) => r.row);
    const { rows: counts } = await pool.query<{ row: unknown }>(
      'SELECT to_jsonb(c) AS row FROM ranking_points_students c ORDER BY organization_id',
    );
    state.rankedStudents = counts.map((r) => r.row);
  }
  return state;
}

export interface BothWays {
  bulk: StatusChangeOutcome;
  oneByOne: StatusChangeOutcome;
  bulkState: Record<string, unknown[]>;
  oneByOneState: Record<string, unknown[]>;
}

/**
 * Clones the fixture in `source` twice; changes `ids` to `target` in one clone with the bulk and in
 * the other one id at a time, and answers both outcomes and both end states. Both clones must keep
 * every invariant.
 */
export async function changeBothWays(
  source: TestDatabase,
  organizationId: string,
  ids: readonly string[],
  target: string,
): Promise<BothWays> {
  const {
    rows: [fixtureEnd],
  } = await source.pool.query<{ at: string }>('SELECT clock_timestamp()::text AS at');
  const [bulkClone, oneByOneClone] = [await cloneTestDatabase(source), await cloneTestDatabase(source)];
  const bulk = await bulkStatusChange(bulkClone.pool, organizationId, ids, target);
  const oneByOne = await statusChangesOneByOne(oneByOneClone.pool, organizationId, ids, target);
  for (const clone of [bulkClone, oneByOneClone]) expect((await checkInvariants(clone.pool)).violations).toEqual([]);
  return {
    bulk,
    oneByOne,
    bulkState: await domainState(bulkClone.pool, fixtureEnd!.at),
    oneByOneState: await domainState(oneByOneClone.pool, fixtureEnd!.at),
  };
}
