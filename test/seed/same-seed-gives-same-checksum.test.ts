import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { databaseChecksum } from '../../seed/checksum.js';
import { seedDataset } from '../../seed/seed-dataset.js';
import { createEmptyDatabase } from '../helpers/database.js';

async function readBack(url: string): Promise<string> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return await databaseChecksum(client);
  } finally {
    await client.end();
  }
}

describe('seeding twice with the same N and seed', () => {
  it('gives the same checksum and the same rows', async () => {
    const [first, second] = [await createEmptyDatabase(), await createEmptyDatabase()];
    const a = await seedDataset({ databaseUrl: first, referrals: '1k', seed: 7 });
    const b = await seedDataset({ databaseUrl: second, referrals: 1000, seed: '7' });
    expect(b.checksum).toBe(a.checksum);
    expect(b.tableChecksums).toEqual(a.tableChecksums);
    expect(await readBack(second)).toBe(await readBack(first));
  });
});
