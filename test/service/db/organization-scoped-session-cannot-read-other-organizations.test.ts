import { describe, expect, it } from 'vitest';
import type pg from 'pg';
import { createTestDatabase } from '../../helpers/database.js';
import { createPopulatedOrganization } from '../../helpers/fixtures.js';
import { asOrganization } from './app-session.js';
import { checkInvariantsAfterEach } from './invariants-after-each.js';

const databases = { optimized: await createTestDatabase('optimized'), baseline: await createTestDatabase('baseline') };
checkInvariantsAfterEach(databases.optimized.pool, databases.baseline.pool);

/** Every relation the service reads, with the column that names the organization. */
const scoped = [
  ['organizations', 'id'],
  ['students', 'organization_id'],
  ['referral_campaigns', 'organization_id'],
  ['student_referrals', 'organization_id'],
  ['user_rankings', 'organization_id'],
  ['points_transactions', 'organization_id'],
  ['achievements', 'organization_id'],
  ['student_achievements', 'organization_id'],
  ['referral_leaderboard_cache', 'organization_id'],
  ['referral_performance_metrics', 'organization_id'],
  ['referral_analytics', 'organization_id'],
] as const;

async function visibleRows(
  client: pg.PoolClient,
  organizationId: string,
): Promise<Record<string, { own: number; foreign: number }>> {
  const counts: Record<string, { own: number; foreign: number }> = {};
  for (const [table, column] of scoped) {
    const {
      rows: [row],
    } = await client.query<{ own: number; foreign: number }>(
      `SELECT count(*) FILTER (WHERE ${column} = $1)::integer AS own, count(*) FILTER (WHERE ${column} <> $1)::integer AS foreign FROM ${table}`,
      [organizationId],
    );
    counts[table] = row!;
  }
  return counts;
}

describe.each(['optimized', 'baseline'] as const)('row-level security on reads (%s)', (variant) => {
  it("shows a session its own organization's rows in every table and view, and no other organization's", async () => {
    const { pool } = databases[variant];
    const mine = await createPopulatedOrganization(pool);
    await createPopulatedOrganization(pool);
    await pool.query('SELECT refresh_referral_analytics()');

    const counts = await asOrganization(pool, mine, (client) => visibleRows(client, mine));
    for (const [table] of scoped) {
      expect.soft(counts[table]?.foreign, `${table}: other organizations' rows`).toBe(0);
      expect.soft(counts[table]?.own, `${table}: own rows`).toBeGreaterThan(0);
    }
  });

  it('shows a session without an organization nothing at all', async () => {
    const { pool } = databases[variant];
    const mine = await createPopulatedOrganization(pool);
    await pool.query('SELECT refresh_referral_analytics()');

    const counts = await asOrganization(pool, null, (client) => visibleRows(client, mine));
    for (const [table] of scoped) expect.soft(counts[table], table).toEqual({ own: 0, foreign: 0 });
  });
});
