/**
 * Reads one HTTP/1.x response from a keep-alive socket, over whatever chunk boundaries the bytes
 * arrive in: status line, the few headers that frame the body (content-length, transfer-encoding,
 * connection, keep-alive), then the body by length, chunked (extensions and trailers skipped), or
 * until the server closes. 1xx interim responses are skipped; a response to HEAD and a 204/304 have
 * no body. Only the status, whether the socket can be reused, and (when asked) the body are kept.
 */
import { HttpClientError } from './http-client-error.js';

/** Node's http parser refuses heads over 16 KiB too; a chunk-size line or the trailers get as much. */
const maxHeadBytes = 16 * 1024;
const headEnd = Buffer.from('\r\n\r\n');
const cr = 13;
const lf = 10;

/** Where the parser is in the response. */
const State = {
  head: 0,
  bodyByLength: 1,
  bodyUntilClose: 2,
  chunkSize: 3,
  chunkData: 4,
  chunkDataCr: 5,
  chunkDataLf: 6,
  trailers: 7,
  done: 8,
} as const;
type State = (typeof State)[keyof typeof State];

const malformed = (problem: string): HttpClientError =>
  new HttpClientError('HTTP_MALFORMED_RESPONSE', `malformed HTTP response: ${problem}`);

export class ResponseParser {
  /** The final status (1xx interim responses are skipped). */
  status = 0;
  /** Whether the socket may carry the next request once this response is whole. */
  reusable = false;
  /** The server's `keep-alive: timeout=<s>` hint in ms, when it gave one. */
  keepAliveMs: number | undefined;
  /** The body's bytes, kept only when start() asked for them. */
  body: Buffer[] = [];

  private state: State = State.done;
  private noBody = false;
  private keepBody = false;
  /** Head bytes of a head split across chunks. */
  private pending: Buffer | undefined;
  /** Body bytes left: of the content-length, or of the current chunk. */
  private remaining = 0;
  /** A chunk-size or trailer line split across chunks, and the bytes of lines read so far. */
  private line = '';
  private lineBytes = 0;

  /** Readies the parser for the response to the next request; `noBody` for a HEAD request. */
  start(noBody: boolean, keepBody: boolean): void {
    this.status = 0;
    this.reusable = false;
    this.keepAliveMs = undefined;
    this.body = [];
    this.state = State.head;
    this.noBody = noBody;
    this.keepBody = keepBody;
    this.pending = undefined;
    this.remaining = 0;
    this.line = '';
    this.lineBytes = 0;
  }

  /**
   * Reads the next bytes; true once the response is whole. Bytes beyond the response (the server
   * answered more than it was asked) leave it whole but the socket not reusable. Throws
   * HTTP_MALFORMED_RESPONSE for bytes that are not a response.
   */
  feed(input: Buffer): boolean {
    let chunk = input;
    let at = 0;
    while (at < chunk.length) {
      switch (this.state) {
        case State.head: {
          let from = 0;
          if (this.pending !== undefined) {
            from = Math.max(0, this.pending.length - 3);
            chunk = Buffer.concat([this.pending, chunk.subarray(at)]);
            at = 0;
            this.pending = undefined;
          }
          const end = chunk.indexOf(headEnd, Math.max(at, from));
          if (end === -1) {
            if (chunk.length - at > maxHeadBytes) throw malformed(`head over ${maxHeadBytes} bytes`);
            this.pending = chunk.subarray(at);
            return false;
          }
          if (end - at > maxHeadBytes) throw malformed(`head over ${maxHeadBytes} bytes`);
          this.readHead(chunk.toString('latin1', at, end));
          at = end + 4;
          break;
        }
        case State.bodyByLength:
        case State.chunkData: {
          const take = Math.min(this.remaining, chunk.length - at);
          if (this.keepBody) this.body.push(chunk.subarray(at, at + take));
          at += take;
          this.remaining -= take;
          if (this.remaining === 0) this.state = this.state === State.chunkData ? State.chunkDataCr : State.done;
          break;
        }
        case State.bodyUntilClose:
          if (this.keepBody) this.body.push(at === 0 ? chunk : chunk.subarray(at));
          at = chunk.length;
          break;
        case State.chunkDataCr:
          if (chunk[at] !== cr) throw malformed('chunk data not followed by CRLF');
          at += 1;
          this.state = State.chunkDataLf;
          break;
        case State.chunkDataLf:
          if (chunk[at] !== lf) throw malformed('chunk data not followed by CRLF');
          at += 1;
          this.state = State.chunkSize;
          break;
        case State.chunkSize:
        case State.trailers: {
          const newline = chunk.indexOf(lf, at);
          const end = newline === -1 ? chunk.length : newline;
          this.lineBytes += end - at;
          if (this.lineBytes > maxHeadBytes) throw malformed(`chunk-size line or trailers over ${maxHeadBytes} bytes`);
          this.line += chunk.toString('latin1', at, end);
          if (newline === -1) return false;
          at = newline + 1;
          const line = this.line;
          this.line = '';
          if (line.charCodeAt(line.length - 1) !== cr) throw malformed('a chunk line not ended by CRLF');
          if (this.state === State.chunkSize) {
            this.lineBytes = 0;
            this.readChunkSize(line.slice(0, -1));
          } else if (line.length === 1) this.state = State.done;
          break;
        }
        case State.done:
          // No pipelining: the server sent more than the one response asked for.
          this.reusable = false;
          return true;
      }
    }
    return this.state === State.done;
  }

  /** The server closed its side: true when that ends the response (a body read until close). */
  endOfStream(): boolean {
    if (this.state !== State.bodyUntilClose) return this.state === State.done;
    this.state = State.done;
    return true;
  }

  private readChunkSize(line: string): void {
    const semicolon = line.indexOf(';');
    const size = (semicolon === -1 ? line : line.slice(0, semicolon)).trim();
    if (!/^[0-9a-fA-F]{1,12}$/.test(size)) throw malformed(`chunk size ${JSON.stringify(size)}`);
    this.remaining = parseInt(size, 16);
    if (this.remaining > 0) {
      this.state = State.chunkData;
      return;
    }
    this.state = State.trailers;
    this.lineBytes = 0;
  }

  private readHead(head: string): void {
    let lineEnd = head.indexOf('\r\n');
    const statusLine = lineEnd === -1 ? head : head.slice(0, lineEnd);
    const status = statusOf(statusLine);
    const http10 = statusLine.charCodeAt(7) === 48;
    let contentLength = -1;
    let transferEncoding: string | undefined;
    let close = false;
    let keepAlive = false;
    let keepAliveMs: number | undefined;
    while (lineEnd !== -1) {
      const start = lineEnd + 2;
      lineEnd = head.indexOf('\r\n', start);
      const end = lineEnd === -1 ? head.length : lineEnd;
      const colon = head.indexOf(':', start);
      const first = head.charCodeAt(start);
      if (colon === -1 || colon >= end || colon === start || first === 32 || first === 9)
        throw malformed(`header line ${JSON.stringify(head.slice(start, Math.min(end, start + 80)))}`);
      // Only four names matter: most lines are passed over on the length of their name alone.
      const nameLength = colon - start;
      if (nameLength !== 10 && nameLength !== 14 && nameLength !== 17) continue;
      const name = head.slice(start, colon).toLowerCase();
      if (name === 'content-length') {
        const length = lengthOf(head.slice(colon + 1, end));
        if (contentLength !== -1 && contentLength !== length) throw malformed('differing content-lengths');
        contentLength = length;
      } else if (name === 'transfer-encoding') {
        const value = head.slice(colon + 1, end).trim();
        transferEncoding = transferEncoding === undefined ? value : `${transferEncoding}, ${value}`;
      } else if (name === 'connection') {
        const value = head
          .slice(colon + 1, end)
          .trim()
          .toLowerCase();
        const tokens = value === 'keep-alive' || value === 'close' ? [value] : value.split(',').map((t) => t.trim());
        if (tokens.includes('close')) close = true;
        if (tokens.includes('keep-alive')) keepAlive = true;
      } else if (name === 'keep-alive') {
        const timeout = /(?:^|[\s,])timeout\s*=\s*(\d+)/i.exec(head.slice(colon + 1, end));
        if (timeout !== null) keepAliveMs = Number(timeout[1]) * 1000;
      }
    }
    if (status < 200) {
      // 101 would switch protocols, which this client never asks for; other 1xx are interim.
      if (status === 101) throw malformed('101 Switching Protocols');
      return;
    }
    this.status = status;
    this.keepAliveMs = keepAliveMs;
    this.reusable = !close && (!http10 || keepAlive);
    if (this.noBody || status === 204 || status === 304) {
      this.state = State.done;
    } else if (transferEncoding !== undefined) {
      // RFC 9112 6.3: both framings at once may be a smuggling attempt, to be treated as an error.
      if (contentLength !== -1) throw malformed('both transfer-encoding and content-length');
      const codings = transferEncoding.toLowerCase().split(',');
      if (codings[codings.length - 1]?.trim() === 'chunked') {
        this.state = State.chunkSize;
        this.lineBytes = 0;
      } else {
        this.state = State.bodyUntilClose;
        this.reusable = false;
      }
    } else if (contentLength !== -1) {
      this.remaining = contentLength;
      this.state = contentLength === 0 ? State.done : State.bodyByLength;
    } else {
      this.state = State.bodyUntilClose;
      this.reusable = false;
    }
  }
}

/** The status of `HTTP/1.x NNN reason`. */
function statusOf(line: string): number {
  const minor = line.charCodeAt(7);
  const digits = line.slice(9, 12);
  const status = Number(digits);
  if (
    !line.startsWith('HTTP/1.') ||
    (minor !== 48 && minor !== 49) ||
    line.charCodeAt(8) !== 32 ||
    digits.length !== 3 ||
    !allDigits(digits) ||
    status < 100 ||
    (line.length > 12 && line.charCodeAt(12) !== 32)
  )
    throw malformed(`status line ${JSON.stringify(line.slice(0, 80))}`);
  return status;
}

/** A content-length value: digits, or a list of the same digits repeated (RFC 9110 8.6). */
function lengthOf(value: string): number {
  const digits = value.trim();
  if (digits.length > 0 && digits.length <= 15 && allDigits(digits)) return Number(digits);
  const parts = digits.split(',').map((part) => part.trim());
  const first = parts[0] ?? '';
  if (first.length === 0 || first.length > 15 || !allDigits(first) || parts.some((part) => part !== first))
    throw malformed(`content-length ${JSON.stringify(digits)}`);
  return Number(first);
}

function allDigits(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}
