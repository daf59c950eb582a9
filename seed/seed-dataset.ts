/**
 * seedDataset: fills a database with N referrals and everything around them, deterministically,
 * consistently (as if every referral had gone through the service) and fast (COPY over parallel
 * connections with triggers and secondary indexes out of the way, indexes built afterwards).
 */
import pg from 'pg';
import { HarnessError } from '../src/core/errors.js';
import { parseDatabaseUrl, redact } from '../src/core/database-admin.js';
import { migrate, MigrationError, type SchemaVariant } from '../src/service/index.js';
import { referenceNow } from './calendar.js';
import { combineChecksums, sha256 } from './checksum.js';
import { copyTable } from './copy-loader.js';
import type { Achievement } from './generate-awards.js';
import { achievementIds, draftOrganizations, generateDataset } from './generate-dataset.js';
import { seedFormatVersion, type SeedManifest } from './manifest.js';
import { silentProgress, type SeedProgress } from '../src/core/progress.js';
import { parseReferralCount, planScale, scaleRatios } from './scale.js';
import { parseSeed } from '../src/core/whole-number.js';
import { loadAndIndex } from './parallel-load.js';
import { dropIndexesForLoad, unreferencedTables } from './secondary-indexes.js';

export interface SeedOptions {
  /** The database to fill; it is migrated to `variant` first and must hold no data yet. */
  readonly databaseUrl: string;
  /** N: a number, or text such as `10k`, `1m`, `1.5m`; from 1 to 50M. */
  readonly referrals: number | string;
  /** @default 42 */
  readonly seed?: number | string;
  /** @default 'optimized' */
  readonly variant?: SchemaVariant;
  /** @default silentProgress */
  readonly progress?: SeedProgress;
  /** Connections that load tables side by side. @default 3 */
  readonly connections?: number;
  /**
   * Stops the seeding when aborted: its connections are closed at once (PostgreSQL rolls back
   * what they were loading) and it rejects with INTERRUPTED. The database is left part-filled
   * for the caller to drop.
   */
  readonly signal?: AbortSignal;
}

/** Seeds one database and returns its manifest. Validates every option before connecting. */
export async function seedDataset(options: SeedOptions): Promise<SeedManifest> {
  const referrals = parseReferralCount(options.referrals);
  const seed = parseSeed(options.seed ?? 42);
  const variant = options.variant ?? 'optimized';
  parseDatabaseUrl(options.databaseUrl);
  const progress = options.progress ?? silentProgress;
  const plan = planScale(referrals);
  const started = performance.now();
  const clients: pg.Client[] = [];
  const lap = (() => {
    let last = performance.now();
    return () => {
      const now = performance.now();
      const ms = Math.round(now - last);
      last = now;
      return ms;
    };
  })();

  const signal = options.signal;
  const stop = () => {
    for (const client of clients) void client.end().catch(() => undefined);
  };
  /** Between phases: a stop that came meanwhile ends the seeding here. */
  const checkpoint = () => {
    if (signal?.aborted)
      throw new HarnessError(
        'INTERRUPTED',
        `seeding of ${referrals.toLocaleString('en')} referrals stopped by a signal`,
      );
  };
  signal?.addEventListener('abort', stop, { once: true });

  try {
    for (let i = 0; i < Math.max(2, options.connections ?? 3); i += 1) clients.push(await connect(options.databaseUrl));
    const main = clients[0]!;
    checkpoint();

    progress.phase('migrate');
    await migrateTo(main, variant);
    await assertEmpty(main, options.databaseUrl);
    const migrateMs = lap();

    checkpoint();
    progress.phase('generate');
    const draft = draftOrganizations(seed, plan);
    const organizationsCopy = await copyTable(main, draft.table);
    const achievements = await rekeyAchievements(
      main,
      seed,
      draft.organizations.map((o) => o.id),
    );
    const dataset = generateDataset(seed, plan, draft, achievements);
    const generateMs = lap();

    checkpoint();
    progress.phase('drop indexes');
    for (const client of clients)
      await client.query('SET session_replication_role = replica').catch((error: unknown) => {
        throw new HarnessError(
          'BAD_CONFIG',
          `seeding needs a superuser connection (it loads with session_replication_role = replica): ${message(error)}`,
          { cause: error },
        );
      });
    const tableNames = dataset.tables.map((t) => t.name);
    const indexes = await dropIndexesForLoad(main, tableNames);
    const freezable = await unreferencedTables(main, tableNames);
    const dropIndexesMs = lap();

    checkpoint();
    progress.phase(
      'load and index',
      dataset.tables.reduce((sum, t) => sum + t.rowCount, 0),
    );
    const {
      results: loaded,
      loadMs,
      indexMs,
    } = await loadAndIndex(clients, dataset.tables, indexes, freezable, (n) => progress.rows(n));
    const ledgerRows = dataset.tables.find((t) => t.name === 'points_transactions')?.rowCount ?? 0;
    await main.query(`SELECT setval(pg_get_serial_sequence('points_transactions', 'id'), $1, $2)`, [
      Math.max(1, ledgerRows),
      ledgerRows > 0,
    ]);
    lap();

    checkpoint();
    progress.phase('vacuum analyze');
    await vacuumAnalyze(clients.slice(0, 2), ['organizations', 'achievements', ...dataset.tables.map((t) => t.name)]);
    const vacuumAnalyzeMs = lap();

    checkpoint();
    progress.phase('refresh analytics');
    await main.query('SET session_replication_role = DEFAULT');
    await refreshDerived(main);
    const refreshMs = lap();

    const tableChecksums: Record<string, string> = {
      organizations: organizationsCopy.sha256,
      achievements: sha256(achievements.map((a) => `${a.id}\t${a.organization}\t${a.code}\n`).join('')),
      ...Object.fromEntries(loaded.map((r) => [r.table, r.sha256])),
    };
    const rowCounts: Record<string, number> = {
      organizations: organizationsCopy.rows,
      achievements: achievements.length,
      ...Object.fromEntries(loaded.map((r) => [r.table, r.rows])),
    };
    checkpoint();
    const totalMs = Math.round(performance.now() - started);
    const totalRows = Object.values(rowCounts).reduce((a, b) => a + b, 0);
    const manifest: SeedManifest = {
      schemaVersion: 1,
      seedFormatVersion,
      referrals,
      seed,
      variant,
      referenceNow,
      ratios: scaleRatios,
      plan,
      rowCounts,
      checksum: combineChecksums(tableChecksums),
      tableChecksums,
      timings: {
        migrateMs,
        generateMs,
        dropIndexesMs,
        loadMs,
        loadMsByTable: Object.fromEntries(loaded.map((r) => [r.table, r.ms])),
        indexMs,
        vacuumAnalyzeMs,
        refreshMs,
        totalMs,
      },
      rowsPerSecond: Math.round(totalRows / (totalMs / 1000)),
      source: 'generated',
    };
    // Kept with the data, as the database's comment: a later run against this database (a
    // deployed target's, --target-url) finds what it holds without seeding it again.
    const {
      rows: [comment],
    } = await main.query<{ sql: string }>('SELECT format($1::text, current_database(), $2::text) AS sql', [
      'COMMENT ON DATABASE %I IS %L',
      JSON.stringify(manifest),
    ]);
    await main.query(comment!.sql);
    return manifest;
  } catch (error: unknown) {
    // A statement a stop cut off fails with a connection error: report the stop, not the error.
    checkpoint();
    throw error;
  } finally {
    signal?.removeEventListener('abort', stop);
    progress.end();
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  }
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error: unknown) {
    await client.end().catch(() => undefined);
    throw new HarnessError('DATABASE_UNREACHABLE', `cannot connect to ${redact(url)}: ${message(error)}`, {
      cause: error,
    });
  }
  // the load must not wait on the disk (a seeded database is rebuilt, never recovered); the
  // connections already build indexes side by side, so parallel workers would only contend
  await client.query(
    `SET synchronous_commit = off; SET maintenance_work_mem = '256MB'; SET max_parallel_maintenance_workers = 0`,
  );
  return client;
}

async function migrateTo(client: pg.Client, variant: SchemaVariant): Promise<void> {
  try {
    await migrate(client, variant);
  } catch (error: unknown) {
    if (error instanceof MigrationError) {
      throw new HarnessError(error.code, error.message, { cause: error });
    }
    throw error;
  }
}

async function assertEmpty(client: pg.Client, url: string): Promise<void> {
  const { rows } = await client.query<{ used: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM organizations) OR EXISTS (SELECT 1 FROM students) AS used',
  );
  if (rows[0]?.used) {
    throw new HarnessError(
      'BAD_CONFIG',
      `${redact(url)} already holds data: seed into a fresh database (or use --template to clone one)`,
    );
  }
}

/**
 * Reads back the achievements the organizations trigger created and gives them ids drawn from
 * the seed (gen_random_uuid would make every run differ). Nothing references them yet.
 */
async function rekeyAchievements(
  client: pg.Client,
  seed: number,
  organizationIds: readonly string[],
): Promise<Achievement[]> {
  const { rows } = await client.query<{
    id: string;
    organization_id: string;
    code: string;
    kind: 'referrals' | 'points';
    threshold: number;
    points_reward: number;
  }>(
    'SELECT id, organization_id, code, kind, threshold, points_reward FROM achievements WHERE organization_id = ANY ($1::uuid[])',
    [organizationIds],
  );
  const position = new Map(organizationIds.map((id, index) => [id, index]));
  rows.sort(
    (a, b) =>
      position.get(a.organization_id)! - position.get(b.organization_id)! ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
  const ids = achievementIds(seed, rows.length);
  await client.query(
    'UPDATE achievements a SET id = v.new_id FROM unnest($1::uuid[], $2::uuid[]) v (old_id, new_id) WHERE a.id = v.old_id',
    [rows.map((r) => r.id), ids],
  );
  return rows.map((r, i) => ({
    id: ids[i]!,
    organization: position.get(r.organization_id)!,
    code: r.code,
    kind: r.kind,
    threshold: r.threshold,
    pointsReward: r.points_reward,
  }));
}

/**
 * Brings what the database derives from the loaded rows up to date, as the triggers and the
 * maintenance job would have (the load ran without triggers).
 *
 * The maintenance entry point refreshes the views CONCURRENTLY, which diffs against their old
 * contents; a fresh database has none and no readers yet, so a plain refresh of each view, in
 * creation order (a view can only read views made before it), does the same faster. Without
 * views (baseline), the entry point runs as the scheduler would run it.
 */
async function refreshDerived(client: pg.Client): Promise<void> {
  const {
    rows: [found],
  } = await client.query<{ histogram: boolean }>(
    `SELECT to_regprocedure('rebuild_ranking_points_histogram()') IS NOT NULL AS histogram`,
  );
  if (found?.histogram) {
    await client.query('SELECT rebuild_ranking_points_histogram()');
    // Statistics for the rank's plans (without them the planner guesses a handful of rows).
    await client.query('VACUUM (ANALYZE) ranking_points_histogram, ranking_points_students');
  }
  const { rows: views } = await client.query<{ name: string }>(
    `SELECT c.oid::regclass::text AS name FROM pg_class c WHERE c.relkind = 'm' AND c.relnamespace = current_schema()::regnamespace ORDER BY c.oid`,
  );
  if (views.length === 0) {
    await client.query('SELECT refresh_referral_analytics()');
    return;
  }
  for (const { name } of views) {
    await client.query(`REFRESH MATERIALIZED VIEW ${name}`);
    await client.query(`VACUUM (ANALYZE) ${name}`);
  }
}

async function vacuumAnalyze(clients: readonly pg.Client[], tables: readonly string[]): Promise<void> {
  // VACUUM sets the visibility map, so index-only scans work from the first benchmark query
  const queue = [...tables];
  await Promise.all(
    clients.map(async (client) => {
      for (let next = queue.shift(); next; next = queue.shift()) await client.query(`VACUUM (ANALYZE) ${next}`);
    }),
  );
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
