/** Throwaway databases for tests: each is a clone of a migrated template, dropped after the file. */
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { createDatabase, dropDatabase, uniqueDatabaseName, withDatabase } from '../../src/harness/stack/database-admin.js';
import type { SchemaVariant } from '../../src/service/db/migrator.js';

export interface TestDatabase {
  /** URL of the throwaway database (connects as the server's superuser: RLS does not apply). */
  readonly url: string;
  /** A pool on it, closed with the database. */
  readonly pool: pg.Pool;
  readonly variant: SchemaVariant;
}

/** Clones a fresh database of `variant`; it is dropped when the test file ends. */
export async function createTestDatabase(variant: SchemaVariant = 'optimized'): Promise<TestDatabase> {
  const adminUrl = inject('adminUrl');
  const name = uniqueDatabaseName(`rb_test_${variant.slice(0, 4)}`);
  await createDatabase(adminUrl, name, inject('templates')[variant]);
  const url = withDatabase(adminUrl, name);
  const pool = new pg.Pool({ connectionString: url, max: 30 });
  pool.on('error', () => undefined);
  afterAll(async () => {
    await pool.end();
    await dropDatabase(adminUrl, name);
  });
  return { url, pool, variant };
}

/** A fresh, empty (unmigrated) database, dropped when the test file ends. */
export async function createEmptyDatabase(): Promise<string> {
  const adminUrl = inject('adminUrl');
  const name = uniqueDatabaseName('rb_test_empty');
  await createDatabase(adminUrl, name);
  afterAll(async () => { await dropDatabase(adminUrl, name); });
  return withDatabase(adminUrl, name);
}
