import type pg from 'pg';
import { expect, inject, test } from 'vitest';
import { randomBytes } from 'node:crypto';
import { settleWrites, withClient } from '../../src/core/database-admin.js';
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
  await pool.query('CREATE TABLE written (n integer, padding text)');
  await pool.query(`INSERT INTO written SELECT n, repeat('x', 200) FROM generate_series(1, 5000) AS n`);
  expect(await dirtyBuffersOf(pool, 'written')).toBeGreaterThan(0);

  const client = await pool.connect();
  try {
    expect(await settleWrites(client)).toBe('settled');
  } finally {
    client.release();
  }
  expect(await dirtyBuffersOf(pool, 'written')).toBe(0);
});

test('a role that may not CHECKPOINT is told refused, not thrown at', async () => {
  const { url, pool } = await createTestDatabase();
  const role = `rb_no_checkpoint_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  await pool.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}' NOSUPERUSER`);
  try {
    const asRole = new URL(url);
    asRole.username = role;
    asRole.password = password;
    expect(await withClient(asRole.toString(), settleWrites)).toBe('refused');
  } finally {
    await withClient(inject('adminUrl'), (admin) => admin.query(`DROP ROLE ${role}`));
  }
});
