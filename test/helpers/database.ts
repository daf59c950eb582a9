/**
 * Throwaway databases for tests: each is a clone of a migrated template. Everything created by a
 * test file is dropped after that file, whether it was created at the top level, in a hook or
 * inside a test (vitest isolates modules per file, so this module's list is per file).
 */
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { createDatabase, dropDatabase, uniqueDatabaseName, withDatabase } from '../../src/core/database-admin.js';
import type { SchemaVariant } from '../../src/service/db/migrator.js';

export interface TestDatabase {
  /** URL of the throwaway database (connects as the server's superuser: RLS does not apply). */
  readonly url: string;
  /** A pool on it, closed with the database. */
  readonly pool: pg.Pool;
  readonly variant: SchemaVariant;
}

const created: { name: string; pool?: pg.Pool }[] = [];

afterAll(async () => {
  const adminUrl = inject('adminUrl');
  for (const entry of created.splice(0)) {
    await entry.pool?.end().catch(() => undefined);
    await dropDatabase(adminUrl, entry.name);
  }
});

/** Clones a fresh database of `variant`; it is dropped when the test file ends. */
export async function createTestDatabase(variant: SchemaVariant = 'optimized'): Promise<TestDatabase> {
  const adminUrl = inject('adminUrl');
  const name = uniqueDatabaseName(`rb_test_${variant.slice(0, 4)}`);
  await createDatabase(adminUrl, name, inject('templates')[variant]);
  const url = withDatabase(adminUrl, name);
  const pool = new pg.Pool({ connectionString: url, max: 30 });
  pool.on('error', () => undefined);
  created.push({ name, pool });
  return { url, pool, variant };
}

/**
 * Clones `source`, rows and all, into a fresh database of its variant, dropped when the test file
 * ends: two clones of one fixture let two ways of changing it be compared. A template database
 * cannot have sessions, so the source's pool is closed first: use the clones from then on.
 */
export async function cloneTestDatabase(source: TestDatabase): Promise<TestDatabase> {
  const adminUrl = inject('adminUrl');
  const entry = created.find((candidate) => candidate.pool === source.pool);
  if (entry === undefined) throw new Error('cloneTestDatabase clones only a database this file created');
  if (!source.pool.ending) await source.pool.end();
  const name = uniqueDatabaseName(`rb_test_${source.variant.slice(0, 4)}`);
  await createDatabase(adminUrl, name, entry.name);
  const url = withDatabase(adminUrl, name);
  const pool = new pg.Pool({ connectionString: url, max: 30 });
  pool.on('error', () => undefined);
  created.push({ name, pool });
  return { url, pool, variant: source.variant };
}

/** A fresh, empty (unmigrated) database, dropped when the test file ends. */
export async function createEmptyDatabase(): Promise<string> {
  const adminUrl = inject('adminUrl');
  const name = uniqueDatabaseName('rb_test_empty');
  await createDatabase(adminUrl, name);
  created.push({ name });
  return withDatabase(adminUrl, name);
}
