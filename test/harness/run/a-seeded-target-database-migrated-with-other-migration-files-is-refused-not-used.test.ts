import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { HarnessError } from '../../../src/core/errors.js';
import { ensureTargetDataset } from '../../../src/harness/run/target-dataset.js';
import { createEmptyDatabase } from '../../helpers/database.js';

describe('a seeded target database', () => {
  it.each([
    {
      ledger: 'a file changed since it was applied',
      sql: `UPDATE referral_bench_migrations SET checksum = 'an-older-file' WHERE version = 1`,
      says: /migration 1 \(core-tables\) was applied with checksum an-older-file/,
    },
    {
      ledger: 'a file it has not applied',
      sql: `DELETE FROM referral_bench_migrations WHERE version = (SELECT max(version) FROM referral_bench_migrations)`,
      says: /migration \d+ \(organization-dashboard\) is not applied/,
    },
  ])(
    'whose ledger shows $ledger is refused with SCHEMA_DRIFT, told to recreate it, not used',
    async ({ sql, says }) => {
      const databaseUrl = await createEmptyDatabase();
      const ask = () => ensureTargetDataset({ databaseUrl, referrals: 1000, seed: 7, variant: 'optimized' });
      expect((await ask()).seeded).toBe(true);
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }

      const error = await ask().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(HarnessError);
      expect(error).toMatchObject({ code: 'SCHEMA_DRIFT', message: expect.stringMatching(says) });
      expect((error as HarnessError).message).toMatch(
        /^the target's database .*: the schema migrations have changed.*recreate it/,
      );
    },
  );
});
