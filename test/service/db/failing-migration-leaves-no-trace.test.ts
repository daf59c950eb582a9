import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEmptyDatabase } from '../../helpers/database.js';
import { withClient } from '../../../src/core/database-admin.js';
import { loadAllMigrations, migrate } from '../../../src/service/db/migrator.js';

const url = await createEmptyDatabase();
const dir = mkdtempSync(join(tmpdir(), 'referral-bench-migrations-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a migration that fails', () => {
  it('is rolled back whole and not recorded, while the migrations before it stay applied', async () => {
    writeFileSync(join(dir, '0001_first.sql'), 'CREATE TABLE first_table (id integer);');
    writeFileSync(
      join(dir, '0002_broken.sql'),
      `
      CREATE TABLE second_table (id integer);
      INSERT INTO first_table VALUES (1);
      SELECT 1 / 0;`,
    );
    writeFileSync(join(dir, '0003_after.sql'), 'CREATE TABLE third_table (id integer);');

    await withClient(url, async (client) => {
      await expect(migrate(client, 'optimized', loadAllMigrations(dir))).rejects.toMatchObject({
        code: 'MIGRATION_FAILED',
        message: expect.stringMatching(/migration 2 \(broken\) failed and was rolled back: division by zero/),
      });

      const { rows: tables } = await client.query<{ relname: string }>(
        `SELECT relname FROM pg_class WHERE relname IN ('first_table', 'second_table', 'third_table') ORDER BY relname`,
      );
      expect(tables.map((t) => t.relname)).toEqual(['first_table']);
      expect((await client.query('SELECT * FROM first_table')).rows).toEqual([]);
      const { rows: recorded } = await client.query<{ version: number }>(
        'SELECT version FROM referral_bench_migrations ORDER BY version',
      );
      expect(recorded.map((r) => r.version)).toEqual([1]);
      // the connection is usable again and the advisory lock was released
      const {
        rows: [lock],
      } = await client.query<{ n: number }>(
        `SELECT count(*)::integer AS n FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()`,
      );
      expect(lock).toEqual({ n: 0 });
    });
  });
});
