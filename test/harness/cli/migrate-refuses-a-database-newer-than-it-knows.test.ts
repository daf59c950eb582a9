import { describe, expect, it } from 'vitest';
import { createEmptyDatabase } from '../../helpers/database.js';
import { withClient } from '../../../src/core/database-admin.js';
import { migrate } from '../../../src/service/db/migrator.js';
import { lines, runCli } from './run-cli.js';

const url = await createEmptyDatabase();

describe('referral-bench migrate', () => {
  it('refuses a database at a newer migration than it knows with one line and exit code 2', async () => {
    await withClient(url, async (client) => {
      await migrate(client, 'optimized');
      await client.query(
        `INSERT INTO referral_bench_migrations (version, name, variant, checksum) VALUES (9999, 'from-the-future', 'optimized', 'x')`,
      );
    });

    const outcome = await runCli(['migrate', '--database-url', url, '--variant', 'optimized']);
    expect(outcome.code).toBe(2);
    expect(lines(outcome.stderr)).toEqual([
      expect.stringMatching(/^referral-bench: SCHEMA_TOO_NEW: database is at migration 9999 .*knows only up to \d+/),
    ]);
  });
});
