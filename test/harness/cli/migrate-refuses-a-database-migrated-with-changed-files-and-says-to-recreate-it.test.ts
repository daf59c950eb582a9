import { describe, expect, it } from 'vitest';
import { createEmptyDatabase } from '../../helpers/database.js';
import { withClient } from '../../../src/core/database-admin.js';
import { migrate } from '../../../src/service/db/migrator.js';
import { lines, runCli } from './run-cli.js';

const url = await createEmptyDatabase();

describe('referral-bench migrate', () => {
  it('refuses a database migrated with since-changed files with one line saying to recreate it, and exit code 2', async () => {
    await withClient(url, async (client) => {
      await migrate(client, 'baseline');
      // what a database migrated with an older version of the first file records
      await client.query(`UPDATE referral_bench_migrations SET checksum = 'an-older-file' WHERE version = 1`);
    });

    const outcome = await runCli(['migrate', '--database-url', url, '--variant', 'baseline']);
    expect(outcome.code).toBe(2);
    expect(lines(outcome.stderr)).toEqual([
      expect.stringMatching(
        /^referral-bench: SCHEMA_DRIFT: the schema migrations have changed since this database was migrated \(migration 1 \(core-tables\) was applied with checksum an-older-file, .*recreate it/,
      ),
    ]);
  });
});
