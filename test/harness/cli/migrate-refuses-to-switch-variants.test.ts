import { describe, expect, it } from 'vitest';
import { createEmptyDatabase } from '../../helpers/database.js';
import { withClient } from '../../../src/core/database-admin.js';
import { readSchemaVariant } from '../../../src/service/db/migrator.js';
import { lines, runCli } from './run-cli.js';

const url = await createEmptyDatabase();

describe('referral-bench migrate', () => {
  it('refuses to migrate an optimized database to baseline with one line and exit code 2, changing nothing', async () => {
    expect(await runCli(['migrate', '--database-url', url, '--variant', 'optimized'])).toMatchObject({ code: 0 });

    const outcome = await runCli(['migrate', '--database-url', url, '--variant', 'baseline']);
    expect(outcome.code).toBe(2);
    expect(lines(outcome.stderr)).toEqual([
      expect.stringMatching(
        /^referral-bench: SCHEMA_VARIANT_MISMATCH: database holds the optimized schema variant, not baseline/,
      ),
    ]);
    expect(await withClient(url, readSchemaVariant)).toBe('optimized');
  });
});
