import pg from 'pg';
import { expect, it } from 'vitest';
import { seedDataset } from '../../seed/seed-dataset.js';
import { createEmptyDatabase } from '../helpers/database.js';

/** Tables no foreign key references (loaded with COPY FREEZE) and the materialized views (vacuumed after their refresh). */
const allVisible = [
  'student_referrals',
  'user_rankings',
  'points_transactions',
  'student_achievements',
  'mv_referral_analytics',
  'mv_organization_summary',
];
/**
 * The rank's histogram tables, rebuilt after the load: analyzed for their plans. Not all-visible,
 * like the students (their rows' commit is asynchronous), and the rank reads their heap anyway.
 */
const rankTables = ['ranking_points_histogram', 'ranking_points_students'];

// The end state a change to the load schedule must keep: statistics for every table and view, and
// every page holding rows all-visible where the load or the refresh froze them (index-only scans
// from the first query). The students' pages are another matter: their rows are not frozen, and
// a VACUUM right after their asynchronous commit cannot set the hint bits it needs to mark them.
it('leaves every table, materialized view and rank histogram analyzed, and the frozen ones all-visible', async () => {
  const url = await createEmptyDatabase();
  const manifest = await seedDataset({ databaseUrl: url, referrals: 20_000, seed: 11, variant: 'optimized' });
  const client = new pg.Client(url);
  await client.connect();
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_visibility');
    const names = [
      ...Object.keys(manifest.rowCounts),
      'mv_referral_analytics',
      'mv_organization_summary',
      ...rankTables,
    ];
    const { rows: unanalyzed } = await client.query<{ name: string }>(
      `SELECT name FROM unnest($1::text[]) AS name
        WHERE NOT EXISTS (SELECT 1 FROM pg_statistic s WHERE s.starelid = name::regclass)`,
      [names],
    );
    expect(unanalyzed).toEqual([]);
    for (const name of allVisible) {
      const {
        rows: [pages],
      } = await client.query<{ holding: number; hidden: number }>(
        `SELECT count(*)::integer AS holding, count(*) FILTER (WHERE NOT v.all_visible)::integer AS hidden
           FROM (SELECT DISTINCT (ctid::text::point)[0]::bigint AS blkno FROM ${name}) p
           JOIN pg_visibility_map('${name}') v USING (blkno)`,
      );
      expect({ name, ...pages }).toEqual({ name, holding: expect.any(Number), hidden: 0 });
      expect(pages!.holding).toBeGreaterThan(0);
    }
  } finally {
    await client.end();
  }
});
