/**
 * Writes COPY BINARY rows (PostgreSQL's PGCOPY format) straight into byte buffers. The large
 * tables load this way: the server then copies ids, integers and timestamps as they come
 * instead of parsing text for each (for the referrals table at 1M rows, 3.6 s of server CPU as
 * text, 2.6 s as binary: `COPY student_referrals TO` a file in each format from psql on a
 * `referral-bench seed --referrals 1m` database, then `COPY ... FROM` each into an empty copy of
 * the table, timed), and the writer skips the hex and date formatting too.
 *
 * It mirrors RowWriter's calls so a table's row reads the same either way: `row()` opens a row
 * and its first field, `tab()` closes a field and opens the next, `end()` closes the row; text,
 * digits and `nul()` go into the open field. Values must match the column types exactly (int4,
 * int8, uuid, timestamptz): binary COPY does no conversion.
 */
import { ChunkWriter } from './chunk-writer.js';
import { writeUuidBytes } from '../src/core/prng.js';

/** The PGCOPY signature, the flags word and the header extension length. */
const header = Buffer.from([0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]);
/** PostgreSQL's epoch (2000-01-01T00:00:00Z) in Unix ms. */
const postgresEpochMs = 946_684_800_000;
const twoTo32 = 4_294_967_296;

/** Bytes of a UUID's text form (any case, with or without hyphens). */
export function uuidBytes(text: string): Buffer {
  const hex = text.replaceAll('-', '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new Error(`not a UUID: ${text}`);
  return Buffer.from(hex, 'hex');
}

export class BinaryRowWriter extends ChunkWriter {
  #countAt = 0;
  #fieldAt = 0;
  #fields = 0;
  #null = false;

  /** The stream's header: written once, before the first row. */
  header(): this {
    this.chunk.set(header, this.at);
    this.at += header.length;
    return this;
  }

  /** The stream's trailer (a field count of -1): written once, after the last row. */
  trailer(): this {
    this.chunk.writeInt16BE(-1, this.at);
    this.at += 2;
    return this;
  }

  /** Opens a row and its first field. */
  row(): this {
    this.#countAt = this.at;
    this.at += 2;
    this.#fields = 0;
    this.#open();
    return this;
  }

  /** Closes the open field and opens the next. */
  tab(): this {
    this.#close();
    this.#open();
    return this;
  }

  /** Closes the last field and the row. */
  end(): this {
    this.#close();
    this.chunk.writeInt16BE(this.#fields, this.#countAt);
    return this;
  }

  /** The open field is NULL. */
  nul(): this {
    this.#null = true;
    return this;
  }

  // text(), int() and padded() (ChunkWriter's) append to the open field, which is then a text one

  /** An int4 column's value. */
  int4(value: number): this {
    this.chunk.writeInt32BE(value, this.at);
    this.at += 4;
    return this;
  }

  /** An int8 column's value (a safe integer). */
  int8(value: number): this {
    return this.#int64(value);
  }

  /** Id `index` of a four-words-per-id table, version-4 shaped (see writeUuidBytes). */
  uuid(words: Uint32Array, index: number): this {
    writeUuidBytes(words, index, this.chunk, this.at);
    this.at += 16;
    return this;
  }

  /** A UUID given as its 16 bytes (see uuidBytes). */
  bytes(value: Uint8Array): this {
    this.chunk.set(value, this.at);
    this.at += value.length;
    return this;
  }

  /** Epoch ms, truncated to whole seconds as RowWriter.timestamp writes them; NaN or infinities as NULL. */
  timestamptz(ms: number): this {
    if (!Number.isFinite(ms)) return this.nul();
    return this.#int64((Math.floor(ms / 1000) * 1000 - postgresEpochMs) * 1000);
  }

  #int64(value: number): this {
    const high = Math.floor(value / twoTo32);
    this.chunk.writeInt32BE(high, this.at);
    this.chunk.writeUInt32BE(value - high * twoTo32, this.at + 4);
    this.at += 8;
    return this;
  }

  #open(): void {
    this.#fieldAt = this.at;
    this.at += 4;
    this.#fields += 1;
    this.#null = false;
  }

  #close(): void {
    if (this.#null) {
      // a NULL field has no bytes: drop anything written into it
      this.at = this.#fieldAt + 4;
      this.chunk.writeInt32BE(-1, this.#fieldAt);
    } else {
      this.chunk.writeInt32BE(this.at - this.#fieldAt - 4, this.#fieldAt);
    }
  }
}
