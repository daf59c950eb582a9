/**
 * A PostgreSQL server of the test's own (the harness's PostgresServer, persistent data directory)
 * that the test can stop and start again on the same port: the shared suite server must never restart.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { createDatabase, withClient } from '../../../src/core/database-admin.js';
import { PostgresServer } from '../../../src/harness/stack/postgres-server.js';
import { migrate } from '../../../src/service/db/migrator.js';
import { restartablePort } from '../../helpers/restartable-port.js';

export interface RestartablePostgres {
  /** URL of a migrated (optimized) database on it. */
  readonly url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
}

/** Starts the server, creates and migrates one database; everything is removed after the file. */
export async function startRestartablePostgres(): Promise<RestartablePostgres> {
  // Held for the restarts: start() binds the port stop() freed, and nothing else can take it between.
  const port = await restartablePort();
  const rootDir = await mkdtemp(join(tmpdir(), 'referral-bench-restart-'));
  // As root the server runs as the postgres system user, which must reach its directory.
  await chmod(rootDir, 0o755);
  const password = 'restart-test';
  const server = new PostgresServer({
    rootDir,
    port,
    user: 'postgres',
    password,
    startTimeoutMs: 60_000,
    settings: { listen_addresses: '127.0.0.1', unix_socket_directories: join(rootDir, 'data'), fsync: 'off' },
  });
  afterAll(async () => {
    await server.stop();
    await rm(rootDir, { recursive: true, force: true });
  });
  await server.start();
  await createDatabase(`postgres://postgres:${password}@127.0.0.1:${port}/postgres`, 'restart_test');
  const url = `postgres://postgres:${password}@127.0.0.1:${port}/restart_test`;
  await withClient(url, (client) => migrate(client, 'optimized'));
  return { url, stop: () => server.stop(), start: () => server.resume() };
}
