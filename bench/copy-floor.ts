/**
 * The seeding floor: the time PostgreSQL itself needs to load a seeded database's rows from files
 * on the server (COPY FROM, binary) and build the same indexes, through the seeder's own schedule
 * (the same connections, largest table first, a table's indexes as soon as its rows are in, the
 * unreferenced tables loaded frozen). No generation, no client encoding: what the seeder's load
 * and index phases could at best approach on this server.
 */
import { chownSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createDatabase, dropDatabase, withClient, withDatabase } from '../src/core/database-admin.js';
import { migrate } from '../src/service/index.js';
import type { CopyTable } from '../seed/copy-loader.js';
import { loadAndIndex } from '../seed/parallel-load.js';
import { dropIndexesForLoad, unreferencedTables } from '../seed/secondary-indexes.js';

export interface CopyFloor {
  readonly loadMs: number;
  readonly indexMs: number;
  readonly rows: number;
}

/** Dumps `seededName`'s tables to files, loads them into a fresh database and builds its indexes, timed. */
export async function copyFloor(
  adminUrl: string,
  seededName: string,
  tables: readonly string[],
  connections = 3,
): Promise<CopyFloor> {
  const dir = mkdtempSync(join(tmpdir(), 'rb-copy-floor-'));
  // The server writes and reads the files as its own user: the folder becomes that user's (mode
  // 700 still), never one every local user could plant a file in for a superuser's COPY FROM.
  const serverUid = await withClient(adminUrl, async (client) => {
    const {
      rows: [backend],
    } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    return Number(/^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${backend?.pid}/status`, 'utf8'))?.[1]);
  });
  if (Number.isInteger(serverUid) && serverUid !== process.getuid?.()) chownSync(dir, serverUid, -1);
  const floorName = `${seededName}_floor`;
  const clients: pg.Client[] = [];
  try {
    const shapes = await withClient(withDatabase(adminUrl, seededName), async (client) => {
      const described: { name: string; columns: string[]; rowCount: number; file: string }[] = [];
      for (const name of tables) {
        const file = join(dir, `${name}.bin`);
        const { rowCount } = await client.query(`COPY ${name} TO '${file}' WITH (FORMAT binary)`);
        const { rows } = await client.query<{ column_name: string }>(
          `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER' ORDER BY ordinal_position`,
          [name],
        );
        described.push({ name, columns: rows.map((r) => r.column_name), rowCount: rowCount ?? 0, file });
      }
      return described;
    });
    await createDatabase(adminUrl, floorName);
    for (let i = 0; i < connections; i += 1) {
      const client = new pg.Client({ connectionString: withDatabase(adminUrl, floorName) });
      await client.connect();
      await client.query(
        `SET synchronous_commit = off; SET maintenance_work_mem = '256MB'; SET max_parallel_maintenance_workers = 0`,
      );
      clients.push(client);
    }
    const main = clients[0]!;
    await migrate(main, 'optimized');
    for (const client of clients) await client.query('SET session_replication_role = replica');
    // What the migrations inserted (the organizations' trigger-made rows come from the files too).
    for (const { name } of shapes) await main.query(`TRUNCATE ${name} CASCADE`);
    const indexes = await dropIndexesForLoad(main, tables);
    const freezable = await unreferencedTables(main, tables);
    const copyTables: CopyTable[] = shapes.map((shape) => ({
      name: shape.name,
      columns: shape.columns,
      rowCount: shape.rowCount,
      format: 'binary',
      write: () => undefined,
    }));
    const files = new Map(shapes.map((shape) => [shape.name, shape.file]));
    const outcome = await loadAndIndex(
      clients,
      copyTables,
      indexes,
      freezable,
      () => undefined,
      async (client, table, { freeze }) => {
        const started = performance.now();
        const file = files.get(table.name) ?? '';
        await client.query(`COPY ${table.name} FROM '${file}' WITH (FORMAT binary${freeze ? ', FREEZE' : ''})`);
        return {
          table: table.name,
          rows: table.rowCount,
          bytes: statSync(file).size,
          sha256: '',
          ms: Math.round(performance.now() - started),
        };
      },
    );
    return {
      loadMs: outcome.loadMs,
      indexMs: outcome.indexMs,
      rows: shapes.reduce((sum, shape) => sum + shape.rowCount, 0),
    };
  } finally {
    await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
    await dropDatabase(adminUrl, floorName).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}
