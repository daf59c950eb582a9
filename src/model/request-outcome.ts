/** Classifies each request as ok, expected rejection or error (by class). */

/** The error classes a runner reports; only these count toward the error rate. */
export type ErrorClass = 'timeout' | 'connection' | 'http-5xx' | 'http-4xx-unexpected' | 'other';

export type RequestOutcome =
  | { readonly kind: 'ok' }
  | { readonly kind: 'expected-rejection' }
  | { readonly kind: 'error'; readonly errorClass: ErrorClass };

const ok: RequestOutcome = Object.freeze({ kind: 'ok' });
const expectedRejection: RequestOutcome = Object.freeze({ kind: 'expected-rejection' });

/**
 * The outcome of a response. A 2xx/3xx is ok unless the scenario listed its statuses and this
 * one is not among them; a 4xx the scenario listed is an expected rejection (e.g. an invalid
 * transition sent on purpose), any other 4xx or 5xx is an error.
 */
export function classifyStatus(status: number, expectedStatuses?: readonly number[]): RequestOutcome {
  const listed = expectedStatuses !== undefined && expectedStatuses.length > 0;
  if (status >= 500) return { kind: 'error', errorClass: 'http-5xx' };
  if (status >= 400)
    return listed && expectedStatuses.includes(status)
      ? expectedRejection
      : { kind: 'error', errorClass: 'http-4xx-unexpected' };
  if (listed && !expectedStatuses.includes(status)) return { kind: 'error', errorClass: 'other' };
  return ok;
}

const connectionCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  // The harness's own HTTP client (src/harness/runners/http-client-error.ts), as undici's above.
  'HTTP_SOCKET_CLOSED',
  'HTTP_POOL_CLOSED',
]);
const timeoutCodes = new Set([
  'ETIMEDOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'ABORT_ERR',
  'HTTP_REQUEST_TIMEOUT',
  'HTTP_CONNECT_TIMEOUT',
]);

/** The error class of a failed request (no HTTP response), from the error's code. */
export function classifyError(error: unknown): RequestOutcome {
  const code =
    typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  const message = error instanceof Error ? error.message : '';
  // autocannon reports its timeouts as a bare Error with this message.
  if (timeoutCodes.has(code) || message === 'request timed out') return { kind: 'error', errorClass: 'timeout' };
  if (connectionCodes.has(code)) return { kind: 'error', errorClass: 'connection' };
  return { kind: 'error', errorClass: 'other' };
}
