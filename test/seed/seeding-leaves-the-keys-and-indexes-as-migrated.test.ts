import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { seedDataset } from '../../seed/seed-dataset.js';
import { createEmptyDatabase, createTestDatabase } from '../helpers/database.js';

/** Every constraint (with its definition and whether it is validated) and index of the schema. */
async function schemaShape(url: string): Promise<string[]> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    const { rows } = await client.query<{ line: string }>(`
      SELECT format('constraint %s.%s %s valid=%s', conrelid::regclass, conname, pg_get_constraintdef(oid), convalidated) AS line
        FROM pg_constraint WHERE connamespace = current_schema()::regnamespace
      UNION ALL
      SELECT format('index %s', pg_get_indexdef(i.indexrelid))
        FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid WHERE t.relnamespace = current_schema()::regnamespace
      ORDER BY 1`);
    return rows.map((r) => r.line);
  } finally {
    await client.end();
  }
}

describe.each(['optimized', 'baseline'] as const)('after seeding (%s)', (variant) => {
  it('has exactly the keys, constraints and indexes a migrated database has, though the load dropped and rebuilt them', async () => {
    const seeded = await createEmptyDatabase();
    await seedDataset({ databaseUrl: seeded, referrals: 500, seed: 11, variant });
    const migrated = await createTestDatabase(variant);

    const expected = await schemaShape(migrated.url);
    expect(expected.filter((line) => line.includes('PRIMARY KEY')).length).toBeGreaterThan(5);
    expect(await schemaShape(seeded)).toEqual(expected);
  });
});
