/**
 * Keep-alive HTTP/1.1 connections to one origin for the load generator's hot path: up to
 * `connections` sockets, made on demand, one request in flight on each (no pipelining), idle
 * ones reused last-in first-out (so few sockets stay hot), and a request that finds none idle
 * with the cap reached waits its turn first-in first-out.
 *
 * Our own rather than undici's Pool, which the runners used before: per request, undici's
 * JavaScript (Pool/Client queueing, `_resume`, `writeH1`, the llhttp parser and its per-header
 * callbacks, Request construction) kept the main thread busy, and a response that lands while the
 * thread is busy waits, so that time shows in the tail. This one writes each request with one
 * `socket.write` and reads only the headers that frame the body. Measured side by side on the
 * 2-core dev machine at load average below 0.6, undici (http-sender.ts as it was before this
 * client) then this client:
 * `npx tsx bench/open-model-busy-time.ts 300 20 1` (main thread busy per request, from a CPU
 * profile; the socket write's syscall, ~60-75 µs, is in both): 370 µs, then 256 µs; and
 * `npx tsx bench/paced-vs-reference.ts 300 20 1 5` (the paced runner against wrk, median of 5
 * runs): p50 +5.8% and p95 +13.7% above wrk's, then p50 +2.2% and p95 +7.6%. wrk and k6 have
 * lean clients of their own for the same reason.
 *
 * A request written to a keep-alive socket the server closes before any byte of the answer is
 * not retried: undici does not retry it either (it fails as UND_ERR_SOCKET), so the error classes
 * stay those of the runs before; an idle socket is retired before the server would close it (by
 * the rule undici follows: keepAliveDefaultMs below), which makes that race rare.
 */
import { connect, isIP, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { HttpClientError } from './http-client-error.js';
import { ResponseParser } from './http-response-parser.js';

/** One request: its bytes, and what to call with its fate (exactly one of succeed or fail, once). */
export interface Exchange {
  /** The whole request: head and body, written with one `socket.write`. */
  readonly bytes: string;
  /** A HEAD request, whose response has no body. */
  readonly noBody: boolean;
  /** Keep the response body (only a request that follows its response needs it). */
  readonly keepBody: boolean;
  /** `performance.now()` when it was handed over; set again just before its bytes are written. */
  sentAtMs: number;
  succeed(status: number, body: readonly Buffer[], atMs: number): void;
  fail(error: unknown, atMs: number): void;
}

/**
 * How long an idle socket is kept, as undici keeps it: 4 s when the server gives no
 * `keep-alive: timeout` hint, else the hint less 2 s, at most 10 minutes; a hint of 2 s or less
 * is not reused at all. A server (or a proxy before it) that closes idle sockets without saying
 * when then rarely closes one under a request written to it.
 */
const keepAliveDefaultMs = 4000;
const keepAliveMarginMs = 2000;
const keepAliveMaxMs = 600_000;

class Connection {
  readonly parser = new ResponseParser();
  exchange: Exchange | undefined;
  connected = false;
  /** When the request in flight (or the connect) times out. */
  deadlineMs = 0;
  /** When an idle socket is too old to reuse. */
  idleUntilMs = Infinity;

  constructor(readonly socket: Socket) {}
}

export class ConnectionPool {
  private readonly idle: Connection[] = [];
  private readonly all = new Set<Connection>();
  private readonly waiting: (Exchange | undefined)[] = [];
  private waitingHead = 0;
  private closed = false;
  private sweeper: NodeJS.Timeout | undefined;
  private readonly sweepEveryMs: number;
  private readonly host: string;
  private readonly port: number;
  private readonly tls: boolean;
  private allClosed: (() => void) | undefined;
  private closing: Promise<void> | undefined;

  /** The `host` header value. */
  readonly authority: string;

  constructor(
    origin: string,
    private readonly maxConnections: number,
    private readonly timeoutMs: number,
  ) {
    const url = new URL(origin);
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new HttpClientError('HTTP_INVALID_REQUEST', `not an http(s) origin: ${origin}`);
    this.tls = url.protocol === 'https:';
    this.host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    this.port = url.port === '' ? (this.tls ? 443 : 80) : Number(url.port);
    this.authority = url.host;
    // One interval checks every deadline; like undici's timers it may fire a little late.
    this.sweepEveryMs = Math.min(1000, Math.max(10, Math.floor(timeoutMs / 10)));
  }

  /** Sends the exchange on an idle socket, a new one, or once one is free. */
  send(exchange: Exchange): void {
    if (this.closed) {
      exchange.fail(new HttpClientError('HTTP_POOL_CLOSED', 'the connection pool is closed'), performance.now());
      return;
    }
    const now = performance.now();
    let connection = this.idle.pop();
    // A socket destroyed since it went idle waits for its 'close' to leave the pool: never reuse it.
    while (connection !== undefined && (connection.idleUntilMs <= now || connection.socket.destroyed)) {
      connection.socket.destroy();
      connection = this.idle.pop();
    }
    if (connection !== undefined) this.write(connection, exchange, now);
    else if (this.all.size < this.maxConnections) this.open(exchange, now);
    else this.waiting.push(exchange);
  }

  /** Destroys every socket; a request waiting or in flight fails with HTTP_POOL_DESTROYED. */
  close(): Promise<void> {
    this.closing ??= this.destroyAll();
    return this.closing;
  }

  private destroyAll(): Promise<void> {
    this.closed = true;
    if (this.sweeper !== undefined) clearInterval(this.sweeper);
    const now = performance.now();
    const destroyed = (): HttpClientError =>
      new HttpClientError('HTTP_POOL_DESTROYED', 'the connection pool was closed before the response');
    for (let i = this.waitingHead; i < this.waiting.length; i += 1) this.waiting[i]?.fail(destroyed(), now);
    this.waiting.length = 0;
    this.waitingHead = 0;
    this.idle.length = 0;
    for (const connection of this.all) {
      const exchange = connection.exchange;
      connection.exchange = undefined;
      exchange?.fail(destroyed(), now);
      connection.socket.destroy();
    }
    if (this.all.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.allClosed = resolve;
    });
  }

  private open(exchange: Exchange, now: number): void {
    const options = { host: this.host, port: this.port };
    const socket = this.tls
      ? connectTls({
          ...options,
          ...(isIP(this.host) === 0 ? { servername: this.host } : {}),
          ALPNProtocols: ['http/1.1'],
        })
      : connect(options);
    socket.setNoDelay(true);
    const connection = new Connection(socket);
    connection.exchange = exchange;
    connection.deadlineMs = now + this.timeoutMs;
    this.all.add(connection);
    this.startSweeper();
    socket.once(this.tls ? 'secureConnect' : 'connect', () => {
      connection.connected = true;
      const first = connection.exchange;
      connection.exchange = undefined;
      if (first !== undefined) this.write(connection, first, performance.now());
    });
    socket.on('data', (chunk: Buffer) => this.read(connection, chunk));
    socket.on('end', () => this.ended(connection));
    socket.on('error', (error) => this.fail(connection, error));
    socket.on('close', () => this.closedSocket(connection));
  }

  private write(connection: Connection, exchange: Exchange, now: number): void {
    connection.exchange = exchange;
    connection.parser.start(exchange.noBody, exchange.keepBody);
    connection.deadlineMs = now + this.timeoutMs;
    exchange.sentAtMs = now;
    connection.socket.write(exchange.bytes);
  }

  private read(connection: Connection, chunk: Buffer): void {
    if (connection.exchange === undefined) {
      // Bytes nobody asked for on an idle socket: it cannot carry a request any more.
      this.retire(connection);
      return;
    }
    let whole: boolean;
    try {
      whole = connection.parser.feed(chunk);
    } catch (error: unknown) {
      this.fail(connection, error);
      return;
    }
    if (whole) this.complete(connection, performance.now());
  }

  private complete(connection: Connection, now: number): void {
    const exchange = connection.exchange as Exchange;
    connection.exchange = undefined;
    const { parser } = connection;
    exchange.succeed(parser.status, parser.body, now);
    if (!parser.reusable || this.closed) {
      connection.socket.destroy();
      return;
    }
    const keepMs =
      parser.keepAliveMs === undefined
        ? keepAliveDefaultMs
        : Math.min(keepAliveMaxMs, parser.keepAliveMs - keepAliveMarginMs);
    const next = this.nextWaiting();
    // The clock is read again: the previous exchange's callback ran in between.
    if (next !== undefined) this.write(connection, next, performance.now());
    else if (keepMs <= 0) connection.socket.destroy();
    else {
      connection.idleUntilMs = now + keepMs;
      this.idle.push(connection);
    }
  }

  /** The server closed its side: the end of a body read until close, or of the socket. */
  private ended(connection: Connection): void {
    if (connection.exchange !== undefined && connection.parser.endOfStream()) {
      connection.parser.reusable = false;
      this.complete(connection, performance.now());
    }
    this.fail(connection, new HttpClientError('HTTP_SOCKET_CLOSED', 'the server closed the connection'));
  }

  private fail(connection: Connection, error: unknown): void {
    const exchange = connection.exchange;
    connection.exchange = undefined;
    this.retire(connection);
    exchange?.fail(error, performance.now());
  }

  /** Destroys the socket and takes it off the idle list at once ('close' comes a turn later). */
  private retire(connection: Connection): void {
    const index = this.idle.lastIndexOf(connection);
    if (index !== -1) this.idle.splice(index, 1);
    connection.socket.destroy();
  }

  private closedSocket(connection: Connection): void {
    if (connection.exchange !== undefined)
      this.fail(connection, new HttpClientError('HTTP_SOCKET_CLOSED', 'the connection closed before the response'));
    this.all.delete(connection);
    const index = this.idle.lastIndexOf(connection);
    if (index !== -1) this.idle.splice(index, 1);
    if (this.closed) {
      if (this.all.size === 0) this.allClosed?.();
      return;
    }
    // A socket is free to open in its place for whoever waits.
    while (this.all.size < this.maxConnections) {
      const next = this.nextWaiting();
      if (next === undefined) break;
      this.open(next, performance.now());
    }
  }

  private nextWaiting(): Exchange | undefined {
    if (this.waitingHead === this.waiting.length) return undefined;
    const next = this.waiting[this.waitingHead];
    this.waiting[this.waitingHead] = undefined;
    this.waitingHead += 1;
    if (this.waitingHead === this.waiting.length) {
      this.waiting.length = 0;
      this.waitingHead = 0;
    } else if (this.waitingHead >= 1024 && this.waitingHead * 2 >= this.waiting.length) {
      // A queue that never drains is compacted now and then instead of growing a slot a request.
      this.waiting.splice(0, this.waitingHead);
      this.waitingHead = 0;
    }
    return next;
  }

  private startSweeper(): void {
    if (this.sweeper !== undefined) return;
    this.sweeper = setInterval(() => this.sweep(), this.sweepEveryMs);
    this.sweeper.unref();
  }

  private sweep(): void {
    const now = performance.now();
    for (const connection of this.all) {
      if (connection.exchange === undefined) {
        // An idle socket past its keep-alive is closed here, not left for the server to close.
        if (connection.idleUntilMs <= now) this.retire(connection);
        continue;
      }
      if (now < connection.deadlineMs) continue;
      this.fail(
        connection,
        connection.connected
          ? new HttpClientError('HTTP_REQUEST_TIMEOUT', `no whole response within ${this.timeoutMs} ms`)
          : new HttpClientError('HTTP_CONNECT_TIMEOUT', `not connected within ${this.timeoutMs} ms`),
      );
    }
  }
}
