import type pg from 'pg';
import { expect, test } from 'vitest';
import { settleWrites } from '../../src/core/database-admin.js';
import { createTestDatabase } from '../helpers/database.js';

const dirtyBuffersOf = async (pool: pg.Pool, table: string): Promise<number> => {
  const { rows } = await pool.query<{ dirty: number }>(
    `SELECT count(*)::int AS dirty FROM pg_buffercache b
      WHERE b.relfilenode = pg_relation_filenode($1::regclass) AND b.isdirty
        AND b.reldatabase = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    [table],
  );
  return rows[0]!.dirty;
};

test('settling writes leaves none of a freshly written table dirty', async () => {
  const { pool } = await createTestDatabase();
  await pool.query('CREATE EXTENSION IF NOT EXISTS pg_buffercache');
  // No autovacuum: it could dirty the table's pages again between the checkpoint and the count.
  await pool.query('CREATE TABLE written (n integer, padding text) WITH (autovacuum_enabled = false)');
  await pool.query(`INSERT INTO written SELECT n, repeat('x', 200) FROM generate_series(1, 5000) AS n`);
  expect(await dirtyBuffersOf(pool, 'written')).toBeGreaterThan(0);

  const client = await pool.connect();
  try {
    expect(await settleWrites(client)).toEqual({ settled: true });
  } finally {
    client.release();
  }
  expect(await dirtyBuffersOf(pool, 'written')).toBe(0);
});
