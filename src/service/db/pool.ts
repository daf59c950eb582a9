/**
 * The service's PostgreSQL pool and the one way requests use it: `withOrganization`, a
 * transaction running as the row-level-security role with the caller's organization set, so the
 * database enforces the organization boundary whatever the SQL says.
 */
import pg from 'pg';
import type { PoolConfig } from '../config.js';
import type { QueryResultLike } from './queryable.js';

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
}

/** The pool plus the counters the metrics module samples. */
export interface DatabasePool {
  withOrganization<T>(organizationId: string, work: (tx: OrgTransaction) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** Runs one statement outside any organization (health checks, start-up reads). */
  query<R = Record<string, unknown>>(text: string, values?: unknown[]): Promise<QueryResultLike<R>>;
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
  end(): Promise<void>;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const retryable: ReadonlySet<string> = new Set(['40P01', '40001']);

function sqlState(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

/** Creates the pool. Idle-connection errors (a restarted server) are reported, never thrown. */
export function createDatabasePool(
  databaseUrl: string, config: PoolConfig, onIdleError: (error: Error) => void = () => undefined,
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

  async function attempt<T>(organizationId: string, work: (tx: OrgTransaction) => Promise<T>, options: TransactionOptions): Promise<T> {
    const client = await pool.connect();
    let broken: Error | undefined;
    // A checked-out client has no listener of the pool's: without this one, a connection the
    // server ends mid-request (restart, termination) would be an uncaught 'error' event.
    const onError = (error: Error): void => {
      broken = error;
    };
    client.on('error', onError);
    try {
      // One round trip: the role and the organization are transaction-local, so a connection
      // goes back to the pool clean. The id is a verified token claim and checked again here
      // because the simple protocol (needed for several statements) takes no parameters.
      await client.query(
        `BEGIN; SET LOCAL ROLE referral_bench_app; SELECT set_config('app.organization_id', ${client.escapeLiteral(organizationId)}, true)${
          options.derivedWritesOnly ? '; SET LOCAL synchronous_commit = off' : ''}`);
      const tx: OrgTransaction = {
        query: <R>(statement: Statement) => client.query(statement as pg.QueryConfig) as unknown as Promise<QueryResultLike<R>>,
      };
      const result = await work(tx);
      await client.query('COMMIT');
      return result;
    } catch (error: unknown) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackError: unknown) {
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
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
      try {
        return await attempt(organizationId, work, options);
      } catch (error: unknown) {
        const state = sqlState(error);
        if (state === undefined || !retryable.has(state)) throw error;
        // A deadlock or serialization victim did nothing; running it again usually succeeds.
        return attempt(organizationId, work, options);
      }
    },
    query: <R>(text: string, values?: unknown[]) => pool.query(text, values) as unknown as Promise<QueryResultLike<R>>,
    get totalCount() { return pool.totalCount; },
    get idleCount() { return pool.idleCount; },
    get waitingCount() { return pool.waitingCount; },
    end: () => pool.end(),
  };
}
