/**
 * The service's PostgreSQL pool and the one way requests use it: `withOrganization`, a
 * transaction running as the row-level-security role with the caller's organization set, so the
 * database enforces the organization boundary whatever the SQL says.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import type { PoolConfig } from '../config.js';
import type { QueryResultLike } from './queryable.js';
import { ScopedStatement, type ScopingStatement } from './scoped-statement.js';

/** A statement; `name` makes node-postgres prepare it once per connection (hot queries). */
export interface Statement {
  readonly name?: string;
  readonly text: string;
  readonly values?: readonly unknown[];
}

/** What a request's work receives: queries inside its organization's transaction. */
export interface OrgTransaction {
  query<R = Record<string, unknown>>(statement: Statement): Promise<QueryResultLike<R>>;
}

export interface TransactionOptions {
  /**
   * The transaction writes only derived data that can be recomputed (a cached leaderboard, a
   * stored rank): its commit does not wait for the WAL flush (`synchronous_commit = off`). A
   * server crash may lose such a write, never corrupt anything. @default false
   */
  readonly derivedWritesOnly?: boolean;
  /**
   * The work runs one statement: it is sent with the role and the organization in one round
   * trip and commits on its own, with no BEGIN or COMMIT. A second statement is refused (its
   * first has already committed), so only work that can never run two may say so. @default false
   */
  readonly singleStatement?: boolean;
}

/** The pool plus the counters the metrics module samples. */
export interface DatabasePool {
  withOrganization<T>(
    organizationId: string,
    work: (tx: OrgTransaction) => Promise<T>,
    options?: TransactionOptions,
  ): Promise<T>;
  /** Runs one statement outside any organization (health checks, start-up reads). */
  query<R = Record<string, unknown>>(text: string, values?: unknown[]): Promise<QueryResultLike<R>>;
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
  end(): Promise<void>;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const retryable: ReadonlySet<string> = new Set(['40P01', '40001']);

/**
 * Failures that mean the server is not there right now (restarting, starting up) or that the
 * pool handed out a connection the server had already closed: before the transaction began,
 * nothing was done, so the request can wait for the server instead of failing. A pool timeout
 * is not among them: the pool already waited its connect timeout.
 */
const serverAwayCodes: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
]);
const closedConnection =
  /Connection terminated unexpectedly|Client has encountered a connection error|connection is not open/i;
const retryPauseMs = 100;

// Named: each connection parses them once, as it does the service's hot queries.
const begin: ScopingStatement = { name: 'scope-begin', text: 'BEGIN', values: [] };

/**
 * The role (which owns nothing, so every policy applies to it) and the caller's organization,
 * both local to the transaction, so a connection goes back to the pool clean. Parameters, not
 * text: the organization never becomes SQL.
 */
function scopingOf(organizationId: string, options: TransactionOptions): ScopingStatement {
  const derived = options.derivedWritesOnly ? `, set_config('synchronous_commit', 'off', true)` : '';
  return {
    name: options.derivedWritesOnly ? 'scope-organization-derived' : 'scope-organization',
    text: `SELECT set_config('role', $1, true), set_config('app.organization_id', $2, true)${derived}`,
    values: ['referral_bench_app', organizationId],
  };
}

function serverAway(error: unknown): boolean {
  const state = sqlState(error);
  if (state !== undefined && serverAwayCodes.has(state)) return true;
  return error instanceof Error && closedConnection.test(error.message);
}

/** Thrown for a failure before the transaction began, which a caller may retry. */
class NotBegun extends Error {
  constructor(readonly failure: unknown) {
    super('the transaction did not begin', { cause: failure });
  }
}

function sqlState(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

/** Creates the pool. Idle-connection errors (a restarted server) are reported, never thrown. */
export function createDatabasePool(
  databaseUrl: string,
  config: PoolConfig,
  onIdleError: (error: Error) => void = () => undefined,
): DatabasePool {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: config.max,
    min: config.min,
    idleTimeoutMillis: config.idleTimeoutMs,
    connectionTimeoutMillis: config.connectTimeoutMs,
    statement_timeout: config.statementTimeoutMs,
    application_name: 'referral-bench-service',
  });
  pool.on('error', onIdleError);

  async function attempt<T>(
    organizationId: string,
    work: (tx: OrgTransaction) => Promise<T>,
    options: TransactionOptions,
  ): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error: unknown) {
      throw new NotBegun(error);
    }
    let broken: Error | undefined;
    // A checked-out client has no listener of the pool's: without this one, a connection the
    // server ends mid-request (restart, termination) would be an uncaught 'error' event.
    const onError = (error: Error): void => {
      broken = error;
    };
    client.on('error', onError);
    const single = options.singleStatement === true;
    // Work of several statements needs a transaction block around them; one statement is its own
    // transaction. Either way the scoping goes out with the first statement (scoped-statement.ts).
    const scoping = single ? [scopingOf(organizationId, options)] : [begin, scopingOf(organizationId, options)];
    let sent = false;
    const tx: OrgTransaction = {
      query: async <R>(statement: Statement) => {
        if (!sent) {
          sent = true;
          const exchange = new ScopedStatement(scoping, statement);
          client.query(exchange as unknown as pg.Submittable);
          try {
            return (await exchange.result) as QueryResultLike<R>;
          } catch (error: unknown) {
            // A retry must not run twice what may have committed, and a request in flight fails
            // rather than waits. In a block nothing commits before COMMIT: one the server answered
            // nothing of never began. A single statement commits at the Sync, before any answer
            // leaves the server: only one never written (the client already knew its connection
            // was gone) is sent again.
            if ((single ? !exchange.written : !exchange.answered) && serverAway(error)) throw new NotBegun(error);
            throw error;
          }
        }
        if (single) throw new Error('a second statement in a single-statement transaction');
        return client.query(statement as pg.QueryConfig) as unknown as Promise<QueryResultLike<R>>;
      },
    };
    try {
      const result = await work(tx);
      if (sent && !single) await client.query('COMMIT');
      return result;
    } catch (error: unknown) {
      if (sent && !single) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError: unknown) {
          broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        }
      }
      throw error;
    } finally {
      // A connection that failed or could not roll back is discarded instead of reused.
      client.removeListener('error', onError);
      client.release(broken);
    }
  }

  return {
    async withOrganization(organizationId, work, options = {}) {
      if (!uuid.test(organizationId)) throw new TypeError('organizationId must be a uuid');
      // A server that is away (a restart takes about a second) is waited for, within the
      // connect timeout: requests sent meanwhile succeed, only those it cut off fail.
      const deadline = performance.now() + config.connectTimeoutMs;
      let retriedConflict = false;
      for (;;) {
        try {
          return await attempt(organizationId, work, options);
        } catch (error: unknown) {
          if (error instanceof NotBegun) {
            if (!serverAway(error.failure) || performance.now() + retryPauseMs >= deadline) throw error.failure;
            // Spread out, so the requests that waited do not all dial the server at the same instant.
            await sleep(retryPauseMs * (0.5 + Math.random()));
            continue;
          }
          const state = sqlState(error);
          if (retriedConflict || state === undefined || !retryable.has(state)) throw error;
          // A deadlock or serialization victim did nothing; running it again usually succeeds.
          retriedConflict = true;
        }
      }
    },
    query: <R>(text: string, values?: unknown[]) => pool.query(text, values) as unknown as Promise<QueryResultLike<R>>,
    get totalCount() {
      return pool.totalCount;
    },
    get idleCount() {
      return pool.idleCount;
    },
    get waitingCount() {
      return pool.waitingCount;
    },
    end: () => pool.end(),
  };
}
