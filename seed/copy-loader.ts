/**
 * Streams a table's rows into PostgreSQL with COPY (text or binary format), in chunks that
 * respect the socket's backpressure, hashing exactly the bytes sent so the dataset's checksum
 * comes for free.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { BinaryRowWriter } from './binary-row-writer.js';
import { RowWriter } from './row-writer.js';

interface CopyTableShape {
  readonly name: string;
  readonly columns: readonly string[];
  readonly rowCount: number;
}

/** A table as the generators describe it: columns and lazily serialized COPY rows. */
export type CopyTable = TextCopyTable | BinaryCopyTable;

export interface TextCopyTable extends CopyTableShape {
  readonly format?: 'text';
  /** Writes row `index` (0 <= index < rowCount) as one COPY text line, newline included. */
  write(out: RowWriter, index: number): void;
}

export interface BinaryCopyTable extends CopyTableShape {
  readonly format: 'binary';
  /** Writes row `index` (0 <= index < rowCount) as one COPY binary tuple, from `row()` to `end()`. */
  write(out: BinaryRowWriter, index: number): void;
}

export interface CopyResult {
  readonly table: string;
  readonly rows: number;
  readonly bytes: number;
  readonly sha256: string;
  readonly ms: number;
}

/** Room left for one more row before a chunk is sent; every generated row is far shorter. */
const maxRowBytes = 4096;
const progressEvery = 8192;

export interface CopyOptions {
  /** Hears how many rows went out since its last call. */
  readonly onRows?: (rows: number) => void;
  /** Write the rows frozen (the caller truncated the table in the same transaction). */
  readonly freeze?: boolean;
  /** Only rows [from, to) of the table. @default all */
  readonly from?: number;
  readonly to?: number;
}

/** COPYs a table, or a slice of it, over `client`. */
export async function copyTable(
  client: pg.ClientBase,
  table: CopyTable,
  options: CopyOptions = {},
): Promise<CopyResult> {
  const { onRows = () => undefined, freeze = false, from = 0, to = table.rowCount } = options;
  const started = performance.now();
  const hash = createHash('sha256');
  const binary = table.format === 'binary';
  const copyOptions = [binary ? 'FORMAT binary' : '', freeze ? 'FREEZE' : ''].filter(Boolean).join(', ');
  const stream = client.query(
    copyStreams.from(
      `COPY ${table.name} (${table.columns.join(', ')}) FROM STDIN${copyOptions ? ` WITH (${copyOptions})` : ''}`,
    ),
  );
  const done = finished(stream);
  // a failure before the first await still surfaces, through `await done` below
  done.catch(() => undefined);
  const out = binary ? new BinaryRowWriter().header() : new RowWriter();
  // one call per row whichever the format (the table's own writer type goes with its format)
  const write = table.write as (out: RowWriter | BinaryRowWriter, index: number) => void;
  let unreported = 0;
  let bytes = 0;
  const flush = async () => {
    const full = out.take();
    hash.update(full);
    bytes += full.length;
    if (!stream.write(full)) await Promise.race([once(stream, 'drain'), done]);
  };
  try {
    for (let i = from; i < to; i += 1) {
      if (out.full(maxRowBytes)) await flush();
      write(out, i);
      unreported += 1;
      if (unreported === progressEvery) {
        onRows(unreported);
        unreported = 0;
      }
    }
    if (out instanceof BinaryRowWriter) {
      if (out.full(2)) await flush();
      out.trailer();
    }
    if (out.length > 0) await flush();
    stream.end();
    await done;
  } catch (error: unknown) {
    stream.destroy();
    throw error;
  }
  onRows(unreported);
  return {
    table: table.name,
    rows: to - from,
    bytes,
    sha256: hash.digest('hex'),
    ms: Math.round(performance.now() - started),
  };
}
