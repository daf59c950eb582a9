import { describe, expect, it } from 'vitest';
import { createEmptyDatabase } from '../../helpers/database.js';
import { withClient } from '../../../src/core/database-admin.js';
import { lines, runCli } from './run-cli.js';

const url = await createEmptyDatabase();

describe('referral-bench migrate', () => {
  it('reports a database error as one MIGRATION_FAILED line and exit code 3, not a stack trace', async () => {
    // Someone else's table under the ledger's name, without the ledger's columns.
    await withClient(url, (client) =>
      client.query('CREATE TABLE referral_bench_migrations (version integer PRIMARY KEY)'),
    );

    const outcome = await runCli(['migrate', '--database-url', url]);
    expect(outcome.code).toBe(3);
    expect(lines(outcome.stderr)).toEqual([
      expect.stringMatching(/^referral-bench: MIGRATION_FAILED: cannot migrate .*: column "name" does not exist$/),
    ]);
  });
});
