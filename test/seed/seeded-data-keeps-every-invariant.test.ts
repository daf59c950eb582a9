import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { checkInvariants } from '../../src/harness/invariants/check-invariants.js';
import { seedDataset } from '../../seed/seed-dataset.js';
import { createEmptyDatabase } from '../helpers/database.js';

describe.each(['optimized', 'baseline'] as const)('a seeded database (%s)', (variant) => {
  it('keeps every DOMAIN invariant between referrals, ledger and rankings', async () => {
    const url = await createEmptyDatabase();
    await seedDataset({ databaseUrl: url, referrals: 2000, seed: 11, variant });
    const client = new pg.Client(url);
    await client.connect();
    try {
      const report = await checkInvariants(client);
      expect(report.violations).toEqual([]);
      expect(report.state).toBe('passed');
    } finally {
      await client.end();
    }
  });
});
