import pg from 'pg';
import { expect, it } from 'vitest';
import { HarnessError } from '../../../src/core/errors.js';
import { ensureTargetDataset } from '../../../src/harness/run/target-dataset.js';
import { createEmptyDatabase } from '../../helpers/database.js';

it("refuses a target database with tables that are not referral-bench's, naming it, and leaves it as it was", async () => {
  const databaseUrl = await createEmptyDatabase();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('CREATE TABLE invoices (id int PRIMARY KEY); INSERT INTO invoices VALUES (1)');
    const error = await ensureTargetDataset({ databaseUrl, referrals: 1000, seed: 7, variant: 'optimized' }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(HarnessError);
    expect((error as HarnessError).code).toBe('BAD_CONFIG');
    expect((error as HarnessError).message).toMatch(/holds tables that are not referral-bench's/);
    const { rows } = await client.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`,
    );
    expect(rows.map((row) => row.name)).toEqual(['invoices']);
  } finally {
    await client.end();
  }
});
