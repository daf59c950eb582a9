/**
 * Loads the tables and rebuilds their indexes over several connections as one pool of jobs: a
 * table's indexes are built as soon as its rows are in, on whichever connection is free, while
 * the largest table is still loading, so both cores stay busy to the end. Once a table's rows
 * and indexes are in and its keys attached, the follow-up steps that read it (materialized
 * views) may run, and it is settled (the caller's statements: VACUUM, ANALYZE), while other
 * tables still load.
 *
 * A key's index is built like any other and attached (ALTER TABLE ... USING INDEX) only once
 * every build on its table is done: the ALTER needs an ACCESS EXCLUSIVE lock, and while it waited
 * for the table's other builds, later builds on that table queued behind it, so the five
 * student_referrals builds of a 1M seed ran nearly one at a time (3.4 s after the last row was in).
 */
import type pg from 'pg';
import { HarnessError } from '../src/core/errors.js';
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

/** Work after the load: runs on one connection once everything named in `after` is in or done. */
export interface FollowUp {
  readonly name: string;
  /** Tables (in: rows loaded, indexes built, keys attached) and other follow-ups (done). */
  readonly after: readonly string[];
  /** Statements run in order. */
  readonly sql: readonly string[];
}

export interface LoadPlan {
  /** Tables whose COPY can start at once (a table's own `rowsReady` may still pace its rows). */
  readonly tables: readonly CopyTable[];
  /** Tables that become known later (generated meanwhile); loaded when they come. */
  readonly later?: Promise<readonly CopyTable[]>;
  /** Indexes and keys to build once their table is loaded (dropIndexesForLoad). */
  readonly indexes: readonly IndexDefinition[];
  /** Tables to truncate and load frozen in one transaction (unreferencedTables). */
  readonly freezable: ReadonlySet<string>;
  /** Statements that settle a table once its rows are in and its keys attached. @default none */
  readonly settle?: (table: string) => readonly string[];
  /** @default none */
  readonly followUps?: readonly FollowUp[];
}

type Job =
  | { readonly kind: 'copy'; readonly table: CopyTable }
  | { readonly kind: 'index'; readonly index: IndexDefinition }
  | { readonly kind: 'attach'; readonly table: string; readonly sql: readonly string[] }
  | { readonly kind: 'settle'; readonly table: string; readonly sql: readonly string[] }
  | { readonly kind: 'follow-up'; readonly step: FollowUp };

export interface LoadOutcome {
  /** One per table, in table-name order. */
  readonly results: readonly CopyResult[];
  /** From the start until the last row was in. */
  readonly loadMs: number;
  /** From then until the last index was built and the last key attached. */
  readonly indexMs: number;
  /** From then until the last table was settled (its settle statements run). */
  readonly settleMs: number;
  /** From then until the last follow-up was done. The four add up to the whole time. */
  readonly followUpMs: number;
  /** How long each table's settle statements and each follow-up took (they overlap other work). */
  readonly stepMs: Readonly<Record<string, number>>;
}

/**
 * Runs every COPY (largest table first), index build, settle and follow-up. `freezable` tables
 * (nothing references them) are truncated and loaded frozen in one transaction, so no later
 * reader or VACUUM has to rewrite their pages to set hint bits.
 */
export async function loadAndIndex(
  clients: readonly pg.ClientBase[],
  plan: LoadPlan,
  onRows: (rows: number) => void,
  copy: TableLoader = copyTable,
): Promise<LoadOutcome> {
  const started = performance.now();
  const bySize = (tables: readonly CopyTable[]): Job[] =>
    [...tables]
      .sort((a, b) => b.rowCount * b.columns.length - a.rowCount * a.columns.length)
      .map((table) => ({ kind: 'copy', table }));
  const queue: Job[] = bySize(plan.tables);
  const results: CopyResult[] = [];
  const done = new Set<string>();
  const unbuilt = new Map<string, number>();
  for (const index of plan.indexes) unbuilt.set(index.table, (unbuilt.get(index.table) ?? 0) + 1);
  const attachments = new Map<string, string[]>();
  const followUps = [...(plan.followUps ?? [])];
  let tableCount = plan.tables.length;
  let laterPending = plan.later !== undefined;
  const stepMs: Record<string, number> = {};
  const at = { loaded: started, indexed: started, settled: started };
  let running = 0;
  let failure: unknown;
  const waiting = new Set<() => void>();
  const wakeAll = () => {
    for (const wake of waiting) wake();
    waiting.clear();
  };

  plan.later?.then(
    (tables) => {
      laterPending = false;
      tableCount += tables.length;
      queue.push(...bySize(tables));
      wakeAll();
    },
    (error: unknown) => {
      laterPending = false;
      failure ??= error;
      wakeAll();
    },
  );

  /** The table's rows and indexes are in: attach its keys (instant, ahead of everything). */
  const attachKeys = (table: string) => {
    queue.unshift({ kind: 'attach', table, sql: attachments.get(table) ?? [] });
  };
  /** Queues the follow-ups whose tables and steps are all done (those that wait on nothing: behind the loads). */
  const release = (ahead: boolean) => {
    for (let k = 0; k < followUps.length;) {
      const step = followUps[k]!;
      if (step.after.every((n) => done.has(n))) {
        followUps.splice(k, 1);
        // ahead of the VACUUMs: a follow-up reads the tables that came in last, on the way to the end
        if (ahead) queue.unshift({ kind: 'follow-up', step });
        else queue.push({ kind: 'follow-up', step });
      } else k += 1;
    }
  };
  const finish = (name: string) => {
    done.add(name);
    release(true);
  };
  release(false);

  const run = async (client: pg.ClientBase, job: Job) => {
    switch (job.kind) {
      case 'index': {
        const [build, ...attach] = job.index.sql;
        if (build !== undefined) await client.query(build);
        attachments.set(job.index.table, [...(attachments.get(job.index.table) ?? []), ...attach]);
        const left = unbuilt.get(job.index.table)! - 1;
        unbuilt.set(job.index.table, left);
        if (left === 0) attachKeys(job.index.table);
        return;
      }
      case 'copy': {
        const { table } = job;
        const freeze = plan.freezable.has(table.name);
        if (freeze) await client.query(`BEGIN; TRUNCATE ${table.name}`);
        results.push(await copy(client, table, { onRows, freeze }));
        if (freeze) await client.query('COMMIT');
        if (results.length === tableCount && !laterPending) at.loaded = performance.now();
        // the table's indexes go ahead of the remaining loads: they free its connection sooner
        const builds = plan.indexes.filter((i) => i.table === table.name);
        queue.unshift(...builds.map((index): Job => ({ kind: 'index', index })));
        if (builds.length === 0) attachKeys(table.name);
        return;
      }
      case 'attach': {
        for (const sql of job.sql) await client.query(sql);
        if ([...unbuilt.values()].every((n) => n === 0)) at.indexed = performance.now();
        // what reads the table may start; its VACUUM and ANALYZE wait behind the remaining loads
        finish(job.table);
        const sql = plan.settle?.(job.table) ?? [];
        if (sql.length > 0) queue.push({ kind: 'settle', table: job.table, sql });
        return;
      }
      case 'settle': {
        const began = performance.now();
        for (const sql of job.sql) await client.query(sql);
        stepMs[job.table] = Math.round(performance.now() - began);
        at.settled = performance.now();
        return;
      }
      case 'follow-up': {
        const began = performance.now();
        for (const sql of job.step.sql) await client.query(sql);
        stepMs[job.step.name] = Math.round(performance.now() - began);
        finish(job.step.name);
        return;
      }
    }
  };

  await Promise.all(
    clients.map(async (client) => {
      for (;;) {
        if (failure !== undefined) return;
        const job = queue.shift();
        if (!job) {
          if (running === 0 && !laterPending) {
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
  if (followUps.length > 0) {
    throw new HarnessError(
      'BAD_CONFIG',
      `load follow-ups never ran: ${followUps.map((s) => `${s.name} (after ${s.after.join(', ')})`).join('; ')}`,
    );
  }
  const ended = performance.now();
  const indexed = Math.max(at.loaded, at.indexed);
  const settled = Math.max(indexed, at.settled);
  return {
    results: results.sort((a, b) => (a.table < b.table ? -1 : 1)),
    loadMs: Math.round(at.loaded - started),
    indexMs: Math.round(indexed - at.loaded),
    settleMs: Math.round(settled - indexed),
    followUpMs: Math.round(ended - settled),
    stepMs,
  };
}
