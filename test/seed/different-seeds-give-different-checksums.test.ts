import { describe, expect, it } from 'vitest';
import { seedDataset } from '../../seed/seed-dataset.js';
import { createEmptyDatabase } from '../helpers/database.js';

describe('seeding with different seeds', () => {
  it('gives different checksums for the same N', async () => {
    const a = await seedDataset({ databaseUrl: await createEmptyDatabase(), referrals: 500, seed: 1 });
    const b = await seedDataset({ databaseUrl: await createEmptyDatabase(), referrals: 500, seed: 2 });
    expect(a.rowCounts.student_referrals).toBe(b.rowCounts.student_referrals);
    expect(b.checksum).not.toBe(a.checksum);
  });
});
