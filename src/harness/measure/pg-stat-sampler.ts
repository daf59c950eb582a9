/**
 * Server-side figures from PostgreSQL for one scenario: pg_stat_statements deltas (top statements
 * by time), the buffer hit ratio, and PL function call counts (trigger firings), each taken as the
 * difference between a snapshot before and after the scenario.
 */
import type { Queryable } from '../../service/index.js';

interface StatementRow {
  queryid: string;
  query: string;
  calls: string;
  total_exec_time: number;
  rows: string;
  shared_blks_hit: string;
  shared_blks_read: string;
}
interface FunctionRow {
  funcname: string;
  calls: string;
  total_time: number;
}
interface DatabaseRow {
  blks_hit: string;
  blks_read: string;
  xact_commit: string;
  xact_rollback: string;
}

export interface PgSnapshot {
  readonly statements: ReadonlyMap<
    string,
    { query: string; calls: number; totalMs: number; rows: number; hit: number; read: number }
  >;
  readonly functions: ReadonlyMap<string, { calls: number; totalMs: number }>;
  readonly database: { hit: number; read: number; commits: number; rollbacks: number };
  readonly statementsAvailable: boolean;
}

export interface StatementDelta {
  readonly query: string;
  readonly calls: number;
  readonly totalMs: number;
  readonly meanMs: number;
  readonly rows: number;
}

export interface PgDelta {
  /** Top statements by total execution time during the scenario (empty when pg_stat_statements is missing). */
  readonly topStatements: readonly StatementDelta[];
  /** Execution time of every statement during the scenario, ms (0 when pg_stat_statements is missing). */
  readonly statementsTotalMs: number;
  readonly statementsAvailable: boolean;
  /** shared_blks_hit / (hit + read) for the database during the scenario; null when nothing was read. */
  readonly bufferHitRatio: number | null;
  /** PL/pgSQL function calls during the scenario, by name (trigger firings show here). */
  readonly functionCalls: Readonly<Record<string, number>>;
  readonly commits: number;
  readonly rollbacks: number;
}

/** Takes a snapshot; connect as the database owner. */
export async function snapshotPgStats(db: Queryable): Promise<PgSnapshot> {
  await db.query('SELECT pg_stat_clear_snapshot()');
  let statementsAvailable = true;
  const statements = new Map<
    string,
    { query: string; calls: number; totalMs: number; rows: number; hit: number; read: number }
  >();
  try {
    const { rows } = await db.query<StatementRow>(
      `SELECT queryid::text, query, calls, total_exec_time, rows, shared_blks_hit, shared_blks_read
         FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    );
    for (const r of rows) {
      statements.set(r.queryid, {
        query: r.query,
        calls: Number(r.calls),
        totalMs: Number(r.total_exec_time),
        rows: Number(r.rows),
        hit: Number(r.shared_blks_hit),
        read: Number(r.shared_blks_read),
      });
    }
  } catch {
    statementsAvailable = false; // extension not installed or not preloaded on this server
  }
  const { rows: functionRows } = await db.query<FunctionRow>(
    'SELECT funcname, calls, total_time FROM pg_stat_user_functions',
  );
  const functions = new Map(
    functionRows.map((r) => [r.funcname, { calls: Number(r.calls), totalMs: Number(r.total_time) }]),
  );
  const {
    rows: [database],
  } = await db.query<DatabaseRow>(
    'SELECT blks_hit, blks_read, xact_commit, xact_rollback FROM pg_stat_database WHERE datname = current_database()',
  );
  return {
    statements,
    functions,
    database: {
      hit: Number(database?.blks_hit ?? 0),
      read: Number(database?.blks_read ?? 0),
      commits: Number(database?.xact_commit ?? 0),
      rollbacks: Number(database?.xact_rollback ?? 0),
    },
    statementsAvailable,
  };
}

/** The harness's own reads of the statistics views (these snapshots, the memory sampler's process lists): not the load's. */
const harnessOwn = /\bpg_stat_|\bpg_database\b/;

/** The change between two snapshots; the harness's own reads of the statistics are left out. */
export function diffPgStats(before: PgSnapshot, after: PgSnapshot, top = 10): PgDelta {
  const deltas: StatementDelta[] = [];
  for (const [id, now] of after.statements) {
    if (harnessOwn.test(now.query)) continue;
    const then = before.statements.get(id);
    const calls = now.calls - (then?.calls ?? 0);
    if (calls <= 0) continue;
    const totalMs = now.totalMs - (then?.totalMs ?? 0);
    deltas.push({
      query: now.query.replace(/\s+/g, ' ').slice(0, 300),
      calls,
      totalMs,
      meanMs: totalMs / calls,
      rows: now.rows - (then?.rows ?? 0),
    });
  }
  deltas.sort((a, b) => b.totalMs - a.totalMs);
  const functionCalls: Record<string, number> = {};
  for (const [name, now] of after.functions) {
    const calls = now.calls - (before.functions.get(name)?.calls ?? 0);
    if (calls > 0) functionCalls[name] = calls;
  }
  const hit = after.database.hit - before.database.hit;
  const read = after.database.read - before.database.read;
  return {
    topStatements: deltas.slice(0, top),
    statementsTotalMs: deltas.reduce((sum, delta) => sum + delta.totalMs, 0),
    statementsAvailable: after.statementsAvailable,
    bufferHitRatio: hit + read > 0 ? hit / (hit + read) : null,
    functionCalls,
    commits: after.database.commits - before.database.commits,
    rollbacks: after.database.rollbacks - before.database.rollbacks,
  };
}
