/** The service's own pool on a test database, one connection, so consecutive requests share it. */
import { afterAll } from 'vitest';
import { createDatabasePool, type DatabasePool } from '../../../src/service/db/pool.js';

const pools: DatabasePool[] = [];
afterAll(async () => {
  for (const pool of pools.splice(0)) await pool.end();
});

/** A pool of at most one connection, closed after the test file. */
export function createOneConnectionPool(databaseUrl: string): DatabasePool {
  const pool = createDatabasePool(databaseUrl, {
    max: 1,
    min: 0,
    idleTimeoutMs: 30_000,
    connectTimeoutMs: 2000,
    statementTimeoutMs: 5000,
  });
  pools.push(pool);
  return pool;
}

/** Both ways a request runs: its statements in a transaction block, or one statement alone. */
export const requestShapes = [
  { shape: 'a transaction block', options: {} },
  { shape: 'a single statement', options: { singleStatement: true } },
] as const;
