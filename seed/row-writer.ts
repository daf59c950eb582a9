/**
 * Writes COPY text rows straight into byte buffers (see ChunkWriter): ids from their 128 bits,
 * numbers and timestamps digit by digit, text from ASCII codes.
 */
import { dayMs } from './calendar.js';
import { ChunkWriter } from './chunk-writer.js';

const hexPairs = new Uint8Array(512);
for (let i = 0; i < 256; i += 1) {
  const h = i.toString(16).padStart(2, '0');
  hexPairs[i * 2] = h.charCodeAt(0);
  hexPairs[i * 2 + 1] = h.charCodeAt(1);
}
const tab = 9;
const newline = 10;
const dateBytes: Uint8Array[] = [];

/** COPY text rows in fixed-size chunks; `take` hands over the filled part. */
export class RowWriter extends ChunkWriter {
  /** Id `index` of a four-words-per-id table, in UUID text form with version 4 bits. */
  uuid(words: Uint32Array, index: number): this {
    const at = index * 4;
    const a = words[at]!;
    const b = words[at + 1]!;
    const c = words[at + 2]!;
    const d = words[at + 3]!;
    this.#byteHex(a >>> 24).#byteHex((a >>> 16) & 255).#byteHex((a >>> 8) & 255).#byteHex(a & 255);
    this.chunk[this.at++] = 45;
    this.#byteHex(b >>> 24).#byteHex((b >>> 16) & 255);
    this.chunk[this.at++] = 45;
    this.#byteHex(0x40 | ((b >>> 8) & 15)).#byteHex(b & 255);
    this.chunk[this.at++] = 45;
    this.#byteHex(0x80 | ((c >>> 24) & 63)).#byteHex((c >>> 16) & 255);
    this.chunk[this.at++] = 45;
    this.#byteHex((c >>> 8) & 255).#byteHex(c & 255).#byteHex(d >>> 24).#byteHex((d >>> 16) & 255).#byteHex((d >>> 8) & 255).#byteHex(d & 255);
    return this;
  }

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

  #byteHex(byte: number): this {
    this.chunk[this.at++] = hexPairs[byte * 2]!;
    this.chunk[this.at++] = hexPairs[byte * 2 + 1]!;
    return this;
  }
}
