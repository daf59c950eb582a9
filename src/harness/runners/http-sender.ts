/** Sends LoadRequests over keep-alive HTTP/1.1 connections (http-connection-pool.ts); the runners record what comes back. */
import { ConnectionPool, type Exchange } from './http-connection-pool.js';
import { HttpClientError } from './http-client-error.js';
import { classifyError, classifyStatus, type RequestOutcome } from '../../model/request-outcome.js';
import type { LoadRequest } from '../../model/load-request.js';

/** Up to `connections` keep-alive sockets to `origin`; a request without its whole response `requestTimeoutMs` after its write (or connect) fails as a timeout. */
export function createPool(origin: string, connections: number, requestTimeoutMs: number): ConnectionPool {
  return new ConnectionPool(origin, connections, requestTimeoutMs);
}

/** What one send produced. */
export interface SendResult {
  readonly outcome: RequestOutcome;
  /**
   * `performance.now()` when the request started onto its connection (after any connect, as
   * k6's http_req_duration and wrk count it) and when its body was read. A request that never
   * reached a connection keeps the time it was handed to the pool.
   */
  readonly sentAtMs: number;
  readonly completedAtMs: number;
}

/**
 * Characters a request path may hold, and a header value: undici's checks, narrowed to ASCII, as the
 * request is written as UTF-8 (which would send any other character as two bytes).
 */
const invalidPath = /[^\u0021-\u007e]/;
const invalidHeaderValue = /[^\t\u0020-\u007e]/;
const token = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const withPayload = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Sends one request and reads the whole response; never throws. The clock starts just before the
 * request's bytes are written to a connected socket: on a new one after its connect.
 */
export function sendRequest(pool: ConnectionPool, request: LoadRequest, basePath: string): Promise<SendResult> {
  const handedAtMs = performance.now();
  // Bodies are read only for a request that follows its response (a stateful scenario's writes).
  const follow = request.onResponse;
  return new Promise((resolve) => {
    const failed = (error: unknown, sentAtMs: number, atMs: number): void => {
      // A request that follows its response learns it got none (status 0): the write may or may not have happened.
      try {
        follow?.({ status: 0, body: undefined });
      } catch {
        // It is recorded as the error it was; a throw here would land in the pool's socket events.
      }
      resolve({ outcome: classifyError(error), sentAtMs, completedAtMs: atMs });
    };
    let bytes: string;
    try {
      bytes = requestBytes(request, basePath, pool.authority);
    } catch (error: unknown) {
      failed(error, handedAtMs, performance.now());
      return;
    }
    const exchange: Exchange = {
      bytes,
      noBody: false,
      keepBody: follow !== undefined,
      sentAtMs: handedAtMs,
      succeed(status, body, atMs) {
        let outcome = classifyStatus(status, request.expectedStatuses);
        if (follow !== undefined) {
          try {
            outcome = follow({ status, body: parseBody(body) }) ?? outcome;
          } catch {
            // A scenario that cannot follow its response must not leave the request unsettled.
            outcome = { kind: 'error', errorClass: 'other' };
          }
        }
        resolve({ outcome, sentAtMs: this.sentAtMs, completedAtMs: atMs });
      },
      fail(error, atMs) {
        failed(error, this.sentAtMs, atMs);
      },
    };
    pool.send(exchange);
  });
}

/** The request's head and JSON body as one string, so one `socket.write` sends it. */
function requestBytes(request: LoadRequest, basePath: string, authority: string): string {
  const path = basePath + request.path;
  if (invalidPath.test(path)) throw invalid(`path ${JSON.stringify(path)}`);
  const body = request.body === undefined ? undefined : JSON.stringify(request.body);
  let head = '';
  let host = false;
  const headers = request.headers;
  for (const name in headers) {
    const value = headers[name] as string;
    if (!token.test(name) || invalidHeaderValue.test(value)) throw invalid(`header ${JSON.stringify(name)}`);
    const lower = name.length === 4 || name.length === 12 || name.length === 14 ? name.toLowerCase() : '';
    // The body's own length and type are written below, as undici did.
    if (lower === 'content-length' || (body !== undefined && lower === 'content-type')) continue;
    if (lower === 'host') host = true;
    head += `${name}: ${value}\r\n`;
  }
  if (!host) head = `host: ${authority}\r\n${head}`;
  head = `${request.method} ${path} HTTP/1.1\r\n${head}`;
  if (body !== undefined)
    return `${head}content-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
  return withPayload.has(request.method) ? `${head}content-length: 0\r\n\r\n` : `${head}\r\n`;
}

const invalid = (problem: string): HttpClientError =>
  new HttpClientError('HTTP_INVALID_REQUEST', `cannot write the request: invalid ${problem}`);

/** A response body as JSON, or undefined when it is empty or not JSON. */
function parseBody(chunks: readonly Buffer[]): unknown {
  if (chunks.length === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
