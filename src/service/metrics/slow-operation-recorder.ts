/**
 * Writes slow database operations to referral_performance_metrics (the spec's monitoring table)
 * without slowing the requests that had them: `record` only appends to a bounded in-memory
 * buffer, and batches are inserted in the background. When the buffer is full, new operations are
 * dropped and counted rather than queued without limit.
 */
import type { Queryable } from '../db/queryable.js';

/** One finished database operation. */
export interface SlowOperation {
  readonly queryType: string;
  readonly organizationId: string;
  readonly executionTimeMs: number;
  readonly rowsAffected: number | null;
}

export interface SlowOperationRecorder {
  /** Operations at or over this many milliseconds are written. */
  readonly thresholdMs: number;
  /** Operations dropped because the buffer was full or their batch could not be written. */
  readonly dropped: number;
  /** Keeps the operation if it is slow; never waits and never throws. */
  record(operation: SlowOperation): void;
  /** Writes everything buffered so far. */
  flush(): Promise<void>;
  /** Stops the timer and writes what is left. */
  close(): Promise<void>;
}

export interface SlowOperationRecorderOptions {
  /**
   * Connection that inserts the rows. It must bypass row-level security (the table owner, not
   * the request role), because one batch mixes organizations.
   */
  readonly db: Queryable;
  /** @default 100 */
  readonly thresholdMs?: number;
  /** Rows kept waiting at most. @default 10000 */
  readonly maxBuffered?: number;
  /** Rows per INSERT. @default 500 */
  readonly batchSize?: number;
  /** How often the buffer is written when it does not fill a batch first. @default 1000 */
  readonly flushIntervalMs?: number;
  /** A batch could not be written (its rows are dropped and counted). */
  readonly onError?: (error: unknown) => void;
}

interface Row {
  readonly operation: SlowOperation;
  readonly at: Date;
}

export function createSlowOperationRecorder(options: SlowOperationRecorderOptions): SlowOperationRecorder {
  const thresholdMs = options.thresholdMs ?? 100;
  const maxBuffered = options.maxBuffered ?? 10_000;
  const batchSize = options.batchSize ?? 500;
  const onError = options.onError ?? (() => undefined);
  let buffer: Row[] = [];
  let dropped = 0;
  let writing: Promise<void> | undefined;

  async function writeBatches(): Promise<void> {
    while (buffer.length > 0) {
      const batch = buffer.slice(0, batchSize);
      buffer = buffer.slice(batch.length);
      try {
        await options.db.query(
          `INSERT INTO referral_performance_metrics (query_type, organization_id, execution_time_ms, rows_affected, created_at)
           SELECT * FROM unnest($1::varchar[], $2::uuid[], $3::integer[], $4::integer[], $5::timestamptz[])`,
          [
            batch.map((row) => row.operation.queryType.slice(0, 100)),
            batch.map((row) => row.operation.organizationId),
            batch.map((row) => Math.round(row.operation.executionTimeMs)),
            batch.map((row) => row.operation.rowsAffected),
            batch.map((row) => row.at),
          ],
        );
      } catch (error: unknown) {
        // Retrying would let a broken database grow the buffer; these figures are diagnostics.
        dropped += batch.length;
        onError(error);
      }
    }
  }

  function startWriting(): Promise<void> {
    writing ??= writeBatches().finally(() => {
      writing = undefined;
    });
    return writing;
  }

  const timer = setInterval(() => {
    if (buffer.length > 0) void startWriting();
  }, options.flushIntervalMs ?? 1000);
  timer.unref();

  return {
    thresholdMs,
    get dropped() {
      return dropped;
    },
    record(operation) {
      if (!(operation.executionTimeMs >= thresholdMs)) return;
      if (buffer.length >= maxBuffered) {
        dropped += 1;
        return;
      }
      buffer.push({ operation, at: new Date() });
      if (buffer.length >= batchSize && !writing) void startWriting();
    },
    async flush() {
      // A write in progress may have started before the latest rows arrived: wait, then write again.
      while (writing || buffer.length > 0) await startWriting();
    },
    async close() {
      clearInterval(timer);
      await this.flush();
    },
  };
}
