import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEmptyDatabase } from '../../helpers/database.js';
import { withClient } from '../../../src/core/database-admin.js';
import { loadAllMigrations, migrate } from '../../../src/service/db/migrator.js';

const folders: string[] = [];
afterAll(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A folder of migrations, file name to SQL. */
function migrationSet(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'referral-bench-migrations-'));
  folders.push(dir);
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, name), sql);
  return dir;
}

const first = { '0001_first.sql': 'CREATE TABLE first_table (id integer);' };
const original = migrationSet({ ...first, '0002_second.sql': 'CREATE TABLE second_table (id integer);' });

describe('a database migrated with migration files that have changed since', () => {
  it.each([
    {
      change: 'a file rewritten under its version',
      set: {
        ...first,
        '0002_second.sql': 'CREATE TABLE second_table (id bigint);',
        '0003_third.sql': 'CREATE TABLE third_table (id integer);',
      },
      says: /migration 2 \(second\) was applied with checksum \w+, the file now has \w+/,
    },
    {
      change: 'a file renamed',
      set: {
        ...first,
        '0002_renamed.sql': 'CREATE TABLE second_table (id integer);',
        '0003_third.sql': 'CREATE TABLE third_table (id integer);',
      },
      says: /migration 2 was second, now renamed/,
    },
    {
      change: 'an applied version gone from the files',
      set: { ...first, '0003_third.sql': 'CREATE TABLE third_table (id integer);' },
      says: /migration 2 \(second\) is no longer a file/,
    },
    {
      change: 'a new file numbered below the newest applied one',
      set: {
        '0000_zeroth.sql': 'CREATE TABLE zeroth_table (id integer);',
        ...first,
        '0002_second.sql': 'CREATE TABLE second_table (id integer);',
      },
      says: /migration 0 \(zeroth\) is new but numbered below the applied 2/,
    },
  ])('is refused after $change, told to recreate it, and nothing is applied', async ({ set, says }) => {
    const url = await createEmptyDatabase();
    await withClient(url, async (client) => {
      await migrate(client, 'optimized', loadAllMigrations(original));
      const ledger = async () =>
        (await client.query('SELECT version, name, checksum FROM referral_bench_migrations ORDER BY version')).rows;
      const before = await ledger();

      const refusal = migrate(client, 'optimized', loadAllMigrations(migrationSet(set)));
      await expect(refusal).rejects.toMatchObject({ code: 'SCHEMA_DRIFT', message: expect.stringMatching(says) });
      await expect(refusal).rejects.toThrow(/migrations have changed.*benchmark data.*recreate it/);

      expect(await ledger()).toEqual(before);
      const { rows: tables } = await client.query<{ relname: string }>(
        `SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relname LIKE '%\\_table' ORDER BY relname`,
      );
      expect(tables.map((t) => t.relname)).toEqual(['first_table', 'second_table']);
    });
  });
});
