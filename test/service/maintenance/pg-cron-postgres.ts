/**
 * A PostgreSQL 15 of the test's own, from Debian's packages, with pg_cron preloaded: pg_cron must be
 * in shared_preload_libraries, which the shared suite server must never be restarted to get.
 */
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import getPort from 'get-port';
import { createDatabase, withClient } from '../../../src/core/database-admin.js';
import { PostgresServer } from '../../../src/harness/stack/postgres-server.js';

const binDir = '/usr/lib/postgresql/15/bin';
const pgCronControl = '/usr/share/postgresql/15/extension/pg_cron.control';

/**
 * Whether the pg_cron tests run: skipped, saying why, where Debian's PostgreSQL 15 or its pg_cron
 * package is missing, except under CI=true, where .ci/run installed them and a missing one must
 * fail the test instead.
 */
export function pgCronAvailable(what: string): boolean {
  if ((existsSync(join(binDir, 'postgres')) && existsSync(pgCronControl)) || process.env.CI === 'true') return true;
  process.stderr.write(`skipping ${what}: ${pgCronControl} is missing (apt-get install postgresql-15-cron)\n`);
  return false;
}

/** A started server's database URL, and how to stop the server and remove its directory. */
export interface PgCronPostgres {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Starts the server with pg_cron working in `database` (cron.database_name: pg_cron lives in one
 * database of a server), creates that database with the extension in it, and returns its URL.
 * The caller stops it: a hook registered here, inside the caller's beforeAll, would never run,
 * and the server would outlive the test run.
 */
export async function startPgCronPostgres(database: string): Promise<PgCronPostgres> {
  const port = await getPort({ host: '127.0.0.1' });
  const rootDir = await mkdtemp(join(tmpdir(), 'referral-bench-pg-cron-'));
  // As root the server runs as the postgres system user, which must reach its directory.
  await chmod(rootDir, 0o755);
  const password = 'pg-cron-test';
  const server = new PostgresServer({
    rootDir,
    port,
    user: 'postgres',
    password,
    startTimeoutMs: 60_000,
    binaries: { initdb: join(binDir, 'initdb'), postgres: join(binDir, 'postgres') },
    settings: {
      listen_addresses: '127.0.0.1',
      unix_socket_directories: join(rootDir, 'data'),
      fsync: 'off',
      shared_preload_libraries: 'pg_cron,pg_stat_statements',
      'cron.database_name': database,
    },
  });
  const stop = async (): Promise<void> => {
    await server.stop();
    await rm(rootDir, { recursive: true, force: true });
  };
  try {
    await server.start();
    await createDatabase(`postgres://postgres:${password}@127.0.0.1:${port}/postgres`, database);
    const url = `postgres://postgres:${password}@127.0.0.1:${port}/${database}`;
    await withClient(url, (client) => client.query('CREATE EXTENSION pg_cron'));
    return { url, stop };
  } catch (error: unknown) {
    await stop();
    throw error;
  }
}
