/**
 * Writes COPY text rows straight into byte buffers (see ChunkWriter): numbers and timestamps
 * digit by digit, text from ASCII codes. Only the two small tables load as text now; the large
 * ones, and every id drawn as words, go through BinaryRowWriter.
 */
import { dayMs } from './calendar.js';
import { ChunkWriter } from './chunk-writer.js';

const tab = 9;
const newline = 10;
const dateBytes: Uint8Array[] = [];

/** COPY text rows in fixed-size chunks; `take` hands over the filled part. */
export class RowWriter extends ChunkWriter {
  /** Epoch ms (whole seconds) as `YYYY-MM-DD HH:MM:SS+00`; NaN or infinities as NULL. */
  timestamp(ms: number): this {
    if (!Number.isFinite(ms)) return this.nul();
    const seconds = Math.floor(ms / 1000);
    const day = Math.floor(seconds / 86_400);
    let date = dateBytes[day];
    if (date === undefined) {
      date = Buffer.from(new Date(day * dayMs).toISOString().slice(0, 10), 'latin1');
      dateBytes[day] = date;
    }
    this.chunk.set(date, this.at);
    this.at += 10;
    const rest = seconds - day * 86_400;
    this.chunk[this.at++] = 32;
    this.#two(Math.floor(rest / 3600));
    this.chunk[this.at++] = 58;
    this.#two(Math.floor((rest % 3600) / 60));
    this.chunk[this.at++] = 58;
    this.#two(rest % 60);
    this.chunk[this.at++] = 43;
    this.chunk[this.at++] = 48;
    this.chunk[this.at++] = 48;
    return this;
  }

  /** NULL (`\N`). */
  nul(): this {
    this.chunk[this.at++] = 92;
    this.chunk[this.at++] = 78;
    return this;
  }

  tab(): this {
    this.chunk[this.at++] = tab;
    return this;
  }

  end(): this {
    this.chunk[this.at++] = newline;
    return this;
  }

  #two(value: number): void {
    this.chunk[this.at++] = 48 + Math.floor(value / 10);
    this.chunk[this.at++] = 48 + (value % 10);
  }
}
