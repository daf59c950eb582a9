/**
 * Loads the tables and rebuilds their indexes over several connections as one pool of jobs: a
 * table's indexes are built as soon as its rows are in, on whichever connection is free, while
 * the largest table is still loading, so both cores stay busy to the end.
 *
 * A key's index is built like any other and attached (ALTER TABLE ... USING INDEX) only once
 * every build is done: the ALTER needs an ACCESS EXCLUSIVE lock, and while it waited for the
 * table's other builds, later builds on that table queued behind it, so the five student_referrals
 * builds of a 1M seed ran nearly one at a time (3.4 s after the last row was in: the `indexes`
 * figure of `npx tsx bench/seed-throughput.ts --sizes 1m` with the ALTERs run as each build ended).
 */
import type pg from 'pg';
import { copyTable, type CopyResult, type CopyTable } from './copy-loader.js';
import type { IndexDefinition } from './secondary-indexes.js';

/**
 * Loads one table on a connection: the seeder streams its generated rows; the seeding bench's
 * floor reads the same rows from files on the server, through the same schedule.
 */
export type TableLoader = (
  client: pg.ClientBase,
  table: CopyTable,
  options: { onRows: (rows: number) => void; freeze: boolean },
) => Promise<CopyResult>;

type Job =
  { readonly kind: 'copy'; readonly table: CopyTable } | { readonly kind: 'index'; readonly index: IndexDefinition };

export interface LoadOutcome {
  /** One per table, in table-name order. */
  readonly results: readonly CopyResult[];
  /** From the start until the last row was in. */
  readonly loadMs: number;
  /** From then until the last index was built. */
  readonly indexMs: number;
}

/**
 * Runs every COPY (largest table first) and index build. `freezable` tables (nothing references
 * them) are truncated and loaded frozen in one transaction, so no later reader or VACUUM has to
 * rewrite their pages to set hint bits.
 */
export async function loadAndIndex(
  clients: readonly pg.ClientBase[],
  tables: readonly CopyTable[],
  indexes: readonly IndexDefinition[],
  freezable: ReadonlySet<string>,
  onRows: (rows: number) => void,
  copy: TableLoader = copyTable,
): Promise<LoadOutcome> {
  const started = performance.now();
  const queue: Job[] = [...tables]
    .sort((a, b) => b.rowCount * b.columns.length - a.rowCount * a.columns.length)
    .map((table) => ({ kind: 'copy', table }));
  const results: CopyResult[] = [];
  let loadedAt = started;
  let running = 0;
  let failure: unknown;
  const waiting = new Set<() => void>();
  const wakeAll = () => {
    for (const wake of waiting) wake();
    waiting.clear();
  };

  const attachments: string[] = [];
  const run = async (client: pg.ClientBase, job: Job) => {
    if (job.kind === 'index') {
      const [build, ...attach] = job.index.sql;
      if (build !== undefined) await client.query(build);
      attachments.push(...attach);
      return;
    }
    const freeze = freezable.has(job.table.name);
    if (freeze) await client.query(`BEGIN; TRUNCATE ${job.table.name}`);
    results.push(await copy(client, job.table, { onRows, freeze }));
    if (freeze) await client.query('COMMIT');
    // the table's indexes go ahead of the remaining loads: they free its connection sooner
    queue.unshift(...indexes.filter((i) => i.table === job.table.name).map((index): Job => ({ kind: 'index', index })));
    if (results.length === tables.length) loadedAt = performance.now();
  };

  await Promise.all(
    clients.map(async (client) => {
      for (;;) {
        if (failure !== undefined) return;
        const job = queue.shift();
        if (!job) {
          if (running === 0) {
            wakeAll();
            return;
          }
          await new Promise<void>((resolve) => waiting.add(resolve));
          continue;
        }
        running += 1;
        try {
          await run(client, job);
        } catch (error: unknown) {
          failure ??= error;
        } finally {
          running -= 1;
          wakeAll();
        }
      }
    }),
  );
  if (failure !== undefined) throw failure;
  // instant catalog changes now that no build holds a lock on the tables
  for (const sql of attachments) await clients[0]!.query(sql);
  return {
    results: results.sort((a, b) => (a.table < b.table ? -1 : 1)),
    loadMs: Math.round(loadedAt - started),
    indexMs: Math.round(performance.now() - loadedAt),
  };
}
