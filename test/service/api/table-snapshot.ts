/** A fingerprint of every table a request could change, to prove a refused request changed nothing. */
import type { Queryable } from '../../../src/service/db/queryable.js';

const tables = [
  'organizations',
  'students',
  'referral_campaigns',
  'student_referrals',
  'user_rankings',
  'points_transactions',
  'student_achievements',
  'referral_leaderboard_cache',
] as const;

/** md5 of each table's rows in a stable order. */
export async function snapshotTables(db: Queryable): Promise<Record<string, string>> {
  return digestTables(db, tables);
}

/**
 * md5 of each table of the public schema but `except`, read from the catalogue: a table a later
 * migration adds is covered without editing a list.
 */
export async function snapshotPublicTables(db: Queryable, except: readonly string[]): Promise<Record<string, string>> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public' AND NOT tablename = ANY($1) ORDER BY tablename`,
    [except],
  );
  return digestTables(
    db,
    rows.map((row) => row.name),
  );
}

async function digestTables(db: Queryable, names: readonly string[]): Promise<Record<string, string>> {
  const snapshot: Record<string, string> = {};
  for (const table of names) {
    const { rows } = await db.query<{ digest: string | null }>(
      `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest FROM ${table} t`,
    );
    snapshot[table] = rows[0]?.digest ?? '';
  }
  return snapshot;
}
