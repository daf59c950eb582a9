/**
 * The part of the seeder's row writers that text and binary COPY share: a run of bytes in
 * fixed-size chunks (`take` hands over the filled part), and text and decimal digits written
 * straight into it. Building a string per row and encoding it cost more than generating the
 * data (V8 must flatten every concatenated row), so values go in as bytes.
 */
export abstract class ChunkWriter {
  protected chunk: Buffer;
  protected at = 0;
  readonly #size: number;

  constructor(size = 1024 * 1024) {
    this.#size = size;
    this.chunk = Buffer.allocUnsafe(size);
  }

  /** Bytes written since the last take. */
  get length(): number {
    return this.at;
  }

  /** True when fewer than `bytes` are left: take() before writing a row that long. */
  full(bytes: number): boolean {
    return this.at + bytes > this.#size;
  }

  /** The bytes written so far; the writer starts a fresh chunk (the old one may still be in flight). */
  take(): Buffer {
    const out = this.chunk.subarray(0, this.at);
    this.chunk = Buffer.allocUnsafe(this.#size);
    this.at = 0;
    return out;
  }

  /** The value (text COPY) or the open field (binary COPY) is NULL. */
  abstract nul(): this;

  /** UTF-8 text as it is: callers pass values that need no escaping (no tabs, newlines or backslashes). */
  text(value: string): this {
    const n = value.length;
    for (let i = 0; i < n; i += 1) {
      const code = value.charCodeAt(i);
      if (code > 127) {
        this.at += this.chunk.write(value.slice(i), this.at, 'utf8');
        return this;
      }
      this.chunk[this.at++] = code;
    }
    return this;
  }

  /** An integer's decimal digits. */
  int(value: number): this {
    if (value < 0) {
      this.chunk[this.at++] = 45;
      return this.int(-value);
    }
    if (value >= 10) this.int(Math.floor(value / 10));
    this.chunk[this.at++] = 48 + (value % 10);
    return this;
  }

  /** A non-negative integer zero-padded to `width` digits. */
  padded(value: number, width: number): this {
    for (let i = width - 1; i >= 0; i -= 1) {
      this.chunk[this.at + i] = 48 + (value % 10);
      value = Math.floor(value / 10);
    }
    this.at += width;
    return this;
  }
}
