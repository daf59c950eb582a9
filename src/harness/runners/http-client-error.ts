/** The errors of the load generator's own HTTP/1.1 client (see http-connection-pool.ts), each with a stable code. */

export type HttpClientErrorCode =
  /** No complete response within the request timeout of its write (a timeout, as undici's headers/body timeouts). */
  | 'HTTP_REQUEST_TIMEOUT'
  /** The connection was not made within the request timeout (a timeout, as undici's connect timeout). */
  | 'HTTP_CONNECT_TIMEOUT'
  /** The server ended the connection before the response was whole (a connection error, as undici's UND_ERR_SOCKET). */
  | 'HTTP_SOCKET_CLOSED'
  /** Sent to a pool already closed (a connection error, as undici's UND_ERR_CLOSED). */
  | 'HTTP_POOL_CLOSED'
  /** Waiting or in flight when the pool was closed (class other, as undici's UND_ERR_DESTROYED). */
  | 'HTTP_POOL_DESTROYED'
  /** Bytes that are not an HTTP/1.x response (class other, as undici's llhttp HPE_* errors). */
  | 'HTTP_MALFORMED_RESPONSE'
  /** A request that cannot be written as given, e.g. a header with a line break (class other, as undici's UND_ERR_INVALID_ARG). */
  | 'HTTP_INVALID_REQUEST';

export class HttpClientError extends Error {
  readonly code: HttpClientErrorCode;

  constructor(code: HttpClientErrorCode, message: string) {
    super(message);
    this.name = 'HttpClientError';
    this.code = code;
  }
}
