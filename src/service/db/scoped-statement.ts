/**
 * A statement sent with the statements that scope it (role, organization, BEGIN) as one
 * extended-protocol exchange: each one Parse/Bind/Execute, then the statement's own messages,
 * then one Sync, all in one write. node-postgres waits for a ReadyForQuery between queries; this
 * is one query to it, so the whole exchange costs one round trip.
 *
 * What keeps it safe is the protocol, not the order of anything inside SQL: the server runs the
 * messages in the order sent, and after an error it skips every message up to the Sync, so the
 * statement never runs unless every scoping statement before it succeeded. Without a BEGIN among
 * them, everything up to the Sync is one implicit transaction, committed at the Sync (or rolled
 * back on an error), so settings made with `set_config(..., true)` end with it.
 */
import pg from 'pg';
import type { QueryResultLike } from './queryable.js';

/** A scoping statement: text parameters only, its rows are not read. */
export interface ScopingStatement {
  /** Prepares it once per connection, as node-postgres does a named query. @default undefined */
  readonly name?: string;
  readonly text: string;
  readonly values: readonly string[];
}

/** What the exchange needs from node-postgres' connection (its protocol writer). */
interface ProtocolConnection {
  parse(message: { text: string; name?: string }): void;
  bind(message: { statement?: string; values: readonly string[] }): void;
  execute(message: Record<string, never>): void;
  sync(): void;
  readonly stream: { cork?(): void; uncork?(): void };
  readonly parsedStatements: Record<string, string | undefined>;
  readonly submittedNamedStatements: Record<string, string | undefined>;
}

/** The parts of node-postgres' Query (not in its type declarations) that the client drives. */
interface ProtocolQuery {
  readonly name?: string;
  readonly text: string;
  callback: (error: Error | null, result?: QueryResultLike<unknown>) => void;
  submit(connection: ProtocolConnection): Error | null;
  handleRowDescription(message: unknown): void;
  handleDataRow(message: unknown): void;
  handleCommandComplete(message: unknown, connection: ProtocolConnection): void;
  handleEmptyQuery(connection: ProtocolConnection): void;
  handlePortalSuspended(connection: ProtocolConnection): void;
  handleCopyInResponse(connection: ProtocolConnection): void;
  handleCopyData(message: unknown, connection: ProtocolConnection): void;
  handleError(error: Error, connection: ProtocolConnection): void;
  handleReadyForQuery(connection: ProtocolConnection): void;
}

/** The statement, as node-postgres' Query builds and reads it (rows parsed the same way). */
export interface StatementConfig {
  readonly name?: string;
  readonly text: string;
  readonly values?: readonly unknown[];
}

/**
 * One exchange, passed to `client.query()`. `result` settles once: with the statement's result
 * after the Sync, or with the first error. After a failure, `written` and `answered` say how far
 * it got: never written, nothing of it ran; written but not answered, the server may have run
 * all of it (it sends its answers only at the Sync), or none.
 */
export class ScopedStatement {
  readonly result: Promise<QueryResultLike<unknown>>;
  private readonly inner: ProtocolQuery;
  private scopingLeft: number;
  private heard = false;
  private sent = false;
  private deferredError: Error | undefined;
  private settle!: (error: Error | null, result?: QueryResultLike<unknown>) => void;

  constructor(
    private readonly scoping: readonly ScopingStatement[],
    statement: StatementConfig,
  ) {
    this.scopingLeft = scoping.length;
    // Extended mode even without parameters: a simple Query message would end the exchange.
    const config = { ...statement, values: statement.values as unknown[] | undefined, queryMode: 'extended' };
    this.inner = new pg.Query(config as pg.QueryConfig) as unknown as ProtocolQuery;
    this.result = new Promise((resolve, reject) => {
      let settled = false;
      this.settle = (error, result) => {
        if (settled) return;
        settled = true;
        if (error) reject(error);
        else resolve(result!);
      };
    });
    this.inner.callback = (error, result) => this.settle(error, result);
  }

  /** Whether the exchange was handed to the connection (a client that knows its connection is gone never does). */
  get written(): boolean {
    return this.sent;
  }

  /** Whether any message of the exchange came back before it failed. */
  get answered(): boolean {
    return this.heard;
  }

  /**
   * The name and text of the statement the server is at, which the client reads when a
   * ParseComplete arrives (it then knows that statement is prepared) or an error ends the
   * exchange (its Parse may have failed). Each statement completes before the next one starts.
   */
  get name(): string | undefined {
    const current = this.current;
    return current ? current.name : this.inner.name;
  }

  get text(): string {
    return this.current?.text ?? this.inner.text;
  }

  /** The scoping statement in progress, or undefined once the statement's turn has come. */
  private get current(): ScopingStatement | undefined {
    return this.scoping[this.scoping.length - this.scopingLeft];
  }

  submit(connection: ProtocolConnection): null {
    this.sent = true;
    connection.stream.cork?.();
    try {
      for (const scoping of this.scoping) {
        const { name, text } = scoping;
        if (
          !name ||
          (connection.parsedStatements[name] === undefined && connection.submittedNamedStatements[name] === undefined)
        ) {
          connection.parse({ text, name });
          if (name) connection.submittedNamedStatements[name] = text;
        }
        connection.bind({ statement: name, values: scoping.values });
        connection.execute({});
      }
      const refused = this.inner.submit(connection);
      if (refused) {
        // The statement was not written: end the exchange so the client and server stay in step.
        connection.sync();
        this.deferredError = refused;
      }
    } finally {
      connection.stream.uncork?.();
    }
    return null;
  }

  handleRowDescription(message: unknown): void {
    this.heard = true;
    if (this.scopingLeft === 0) this.inner.handleRowDescription(message);
  }

  handleDataRow(message: unknown): void {
    this.heard = true;
    if (this.scopingLeft === 0) this.inner.handleDataRow(message);
  }

  handleCommandComplete(message: unknown, connection: ProtocolConnection): void {
    this.heard = true;
    if (this.scopingLeft > 0) this.scopingLeft -= 1;
    else this.inner.handleCommandComplete(message, connection);
  }

  handleEmptyQuery(connection: ProtocolConnection): void {
    this.heard = true;
    this.inner.handleEmptyQuery(connection);
  }

  handlePortalSuspended(connection: ProtocolConnection): void {
    this.inner.handlePortalSuspended(connection);
  }

  handleCopyInResponse(connection: ProtocolConnection): void {
    this.inner.handleCopyInResponse(connection);
  }

  handleCopyData(message: unknown, connection: ProtocolConnection): void {
    this.inner.handleCopyData(message, connection);
  }

  handleError(error: Error, connection: ProtocolConnection): void {
    // The server skipped every Parse after the failing statement: those must be sent again next
    // time. (The client forgets the failing one's, unless its ParseComplete came.)
    const skipped = this.current
      ? [...this.scoping.slice(this.scoping.length - this.scopingLeft + 1).map((s) => s.name), this.inner.name]
      : [];
    for (const name of skipped) {
      if (name && connection.parsedStatements[name] === undefined) delete connection.submittedNamedStatements[name];
    }
    this.inner.handleError(error, connection);
  }

  handleReadyForQuery(connection: ProtocolConnection): void {
    if (this.deferredError) this.settle(this.deferredError);
    else this.inner.handleReadyForQuery(connection);
  }
}
