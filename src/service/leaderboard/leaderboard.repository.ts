/**
 * Leaderboard SQL. Optimized: served from referral_leaderboard_cache, a miss computed with
 * referral_leaderboard() and stored in the same statement. Baseline: computed on every read.
 */
import type { OrgTransaction } from '../db/pool.js';

export interface LeaderboardRead {
  readonly entries: unknown[];
  readonly source: 'cache' | 'computed' | 'live';
}

function cacheKey(limit: number): string {
  return `top:${limit}`;
}

/** Reads through the cache table: a hit, or compute-and-upsert on a miss; one round trip. */
export async function readCachedLeaderboard(
  tx: OrgTransaction,
  organizationId: string,
  limit: number,
  ttlSeconds: number,
): Promise<LeaderboardRead> {
  const { rows } = await tx.query<{ entries: unknown[]; hit: boolean }>({
    name: 'leaderboard-read',
    text: `WITH hit AS (
             SELECT cache_data FROM referral_leaderboard_cache
              WHERE organization_id = $1 AND cache_key = $2 AND expires_at > now()),
           stored AS (
             INSERT INTO referral_leaderboard_cache (organization_id, cache_key, cache_data, expires_at)
             SELECT $1, $2, referral_leaderboard($1, $3), now() + make_interval(secs => $4)
              WHERE NOT EXISTS (SELECT 1 FROM hit)
             ON CONFLICT (organization_id, cache_key)
             DO UPDATE SET cache_data = EXCLUDED.cache_data, expires_at = EXCLUDED.expires_at
             RETURNING cache_data)
           SELECT cache_data AS entries, true AS hit FROM hit
           UNION ALL SELECT cache_data, false FROM stored`,
    values: [organizationId, cacheKey(limit), limit, ttlSeconds],
  });
  const row = rows[0]!;
  return { entries: row.entries, source: row.hit ? 'cache' : 'computed' };
}

/** Computes the leaderboard without storing it (the baseline has no cache table to use). */
export async function readLiveLeaderboard(
  tx: OrgTransaction,
  organizationId: string,
  limit: number,
): Promise<LeaderboardRead> {
  const { rows } = await tx.query<{ entries: unknown[] }>({
    name: 'leaderboard-live',
    text: 'SELECT referral_leaderboard($1, $2) AS entries',
    values: [organizationId, limit],
  });
  return { entries: rows[0]!.entries, source: 'live' };
}

/**
 * Recomputes the organization's leaderboard and stores it, dropping every other cached size
 * (they are stale too); one round trip.
 */
export async function refreshLeaderboard(
  tx: OrgTransaction,
  organizationId: string,
  limit: number,
  ttlSeconds: number,
): Promise<LeaderboardRead> {
  const { rows } = await tx.query<{ entries: unknown[] }>({
    name: 'leaderboard-refresh',
    text: `WITH dropped AS (
             DELETE FROM referral_leaderboard_cache WHERE organization_id = $1 AND cache_key <> $2)
           INSERT INTO referral_leaderboard_cache (organization_id, cache_key, cache_data, expires_at)
           VALUES ($1, $2, referral_leaderboard($1, $3), now() + make_interval(secs => $4))
           ON CONFLICT (organization_id, cache_key)
           DO UPDATE SET cache_data = EXCLUDED.cache_data, expires_at = EXCLUDED.expires_at
           RETURNING cache_data AS entries`,
    values: [organizationId, cacheKey(limit), limit, ttlSeconds],
  });
  return { entries: rows[0]!.entries, source: 'computed' };
}
