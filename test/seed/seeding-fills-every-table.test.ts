import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { seedDataset } from '../../seed/seed-dataset.js';
import { createEmptyDatabase } from '../helpers/database.js';

const tables = [
  'organizations',
  'achievements',
  'referral_campaigns',
  'students',
  'student_referrals',
  'user_rankings',
  'points_transactions',
  'student_achievements',
];

describe.each(['optimized', 'baseline'] as const)('seeding a fresh database (%s)', (variant) => {
  it('migrates it and gives every table rows, the manifest counting them', async () => {
    const url = await createEmptyDatabase();
    const manifest = await seedDataset({ databaseUrl: url, referrals: 800, seed: 3, variant });

    const client = new pg.Client(url);
    await client.connect();
    try {
      const counted = variant === 'optimized' ? [...tables, 'mv_referral_analytics'] : tables;
      for (const table of counted) {
        const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
        expect({ table, n: rows[0]!.n > 0 }).toEqual({ table, n: true });
        if (table in manifest.rowCounts)
          expect({ table, n: rows[0]!.n }).toEqual({ table, n: manifest.rowCounts[table] });
      }
      expect(manifest.rowCounts.student_referrals).toBe(800);
    } finally {
      await client.end();
    }
  });
});
