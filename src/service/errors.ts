/**
 * Every error the HTTP API can answer with: a stable code, its HTTP status and a message that
 * never carries internals. Database faults are translated here and nowhere else.
 */
import { Type } from '@sinclair/typebox';

/** The catalogue: code -> HTTP status and the default message. */
export const errorCatalog = Object.freeze({
  VALIDATION_FAILED: { status: 400, message: 'the request does not match the schema' },
  MALFORMED_JSON: { status: 400, message: 'the request body is not valid JSON' },
  TOKEN_MISSING: { status: 401, message: 'an Authorization: Bearer token is required' },
  TOKEN_INVALID: { status: 401, message: 'the bearer token is not valid' },
  TOKEN_EXPIRED: { status: 401, message: 'the bearer token has expired' },
  FORBIDDEN: { status: 403, message: 'this token may not perform this operation' },
  NOT_FOUND: { status: 404, message: 'no such resource' },
  ROUTE_NOT_FOUND: { status: 404, message: 'no such route' },
  INVALID_TRANSITION: { status: 409, message: 'the referral cannot move to that status' },
  CONFLICT: { status: 409, message: 'the request conflicts with the current state' },
  DUPLICATE: { status: 409, message: 'an equal record already exists' },
  BODY_TOO_LARGE: { status: 413, message: 'the request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'the request body must be application/json' },
  UNPROCESSABLE: { status: 422, message: 'the request is well formed but breaks a rule' },
  INTERNAL_ERROR: { status: 500, message: 'an unexpected error occurred' },
  DATABASE_UNAVAILABLE: { status: 503, message: 'the database is unavailable; retry shortly' },
  TRANSIENT_CONFLICT: { status: 503, message: 'concurrent changes conflicted twice; retry the request' },
  METRICS_UNAVAILABLE: { status: 503, message: "the workers' metrics could not be gathered; retry shortly" },
} as const satisfies Record<string, { status: number; message: string }>);

export type ErrorCode = keyof typeof errorCatalog;

/** An error answered as `{ error: { code, message } }` with the catalogue's status. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly statusCode: number;
  constructor(code: ErrorCode, message?: string, options?: { cause?: unknown }) {
    super(message ?? errorCatalog[code].message, options);
    this.name = 'ApiError';
    this.code = code;
    this.statusCode = errorCatalog[code].status;
  }
}

/** The response body of every error, for route schemas and the OpenAPI document. */
export const ErrorBody = Type.Object(
  {
    error: Type.Object(
      {
        code: Type.String({ description: 'stable error code' }),
        message: Type.String(),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false, description: 'error' },
);

const connectionCodes: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);
const connectionMessages =
  /timeout exceeded when trying to connect|Connection terminated|Client has encountered a connection error|connection is not open|Client was closed|Cannot use a pool after calling end/i;

interface PgLikeError {
  code?: unknown;
  constraint?: unknown;
  message?: unknown;
  statusCode?: unknown;
  validation?: unknown;
}

/**
 * True for faults that mean "the database cannot be reached right now" (answered 503). Some of
 * the pool's and client's faults say so only in their message, and carry no code; an error that
 * has a code, a status or a validation result (Fastify's, whose messages can quote the request)
 * is never judged by its words.
 */
export function isConnectionFailure(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message, statusCode, validation } = error as PgLikeError;
  if (typeof code === 'string') return connectionCodes.has(code) || code.startsWith('08');
  if (statusCode !== undefined || validation !== undefined) return false;
  return typeof message === 'string' && connectionMessages.test(message);
}

/** SQLSTATEs whose messages are written by our own SQL for clients (class RB) or are safe to pass on. */
function fromSqlState(code: string, error: PgLikeError): ApiError | undefined {
  // Our SQL names ids in its messages; an answer never echoes them (no confirmation of any id).
  const message =
    typeof error.message === 'string' ? error.message.replace(/ [0-9a-f]{8}-[0-9a-f-]{27}/gi, '') : undefined;
  switch (code) {
    case 'RB404':
      return new ApiError('NOT_FOUND', message);
    case 'RB409':
      return new ApiError(
        message?.startsWith('invalid status transition') ? 'INVALID_TRANSITION' : 'CONFLICT',
        message,
      );
    case 'RB422':
      return new ApiError('UNPROCESSABLE', message);
    case '23505':
      return new ApiError(
        'DUPLICATE',
        error.constraint === 'uq_student_referrals_live_phone'
          ? 'this phone number already has a live referral in the organization'
          : undefined,
      );
    // A reference to a row that does not exist in the caller's organization: from outside it
    // cannot be told apart from a row that does not exist at all.
    case '23503':
      return new ApiError('NOT_FOUND', 'a referenced resource does not exist');
    case '23514':
      return new ApiError('UNPROCESSABLE', 'a value is outside its allowed range');
    case '42501':
      return new ApiError('NOT_FOUND');
    case '57014':
      return new ApiError('DATABASE_UNAVAILABLE', 'the database did not answer in time');
    // withOrganization already retried once: say so rather than answer 500.
    case '40001':
    case '40P01':
      return new ApiError('TRANSIENT_CONFLICT');
    default:
      // Class 22 (data exception): a value the schema let through that PostgreSQL cannot store,
      // such as a NUL character in text.
      return code.startsWith('22') ? new ApiError('VALIDATION_FAILED', 'a value cannot be stored as given') : undefined;
  }
}

/** Fastify's own request errors (parsing, limits), by their codes. */
function fromFastify(error: PgLikeError): ApiError | undefined {
  if (error.validation !== undefined) {
    return new ApiError('VALIDATION_FAILED', typeof error.message === 'string' ? error.message : undefined);
  }
  switch (error.code) {
    // The router refuses these before it knows which parameter the segment is, so the message
    // can name only the part; any path id is a uuid, so a segment it cannot take is invalid input.
    case 'FST_ERR_BAD_URL':
      return new ApiError('VALIDATION_FAILED', 'params: a path segment is not valid percent-encoding');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new ApiError('VALIDATION_FAILED', 'params: a path segment is longer than any parameter accepts');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError('BODY_TOO_LARGE');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError('UNSUPPORTED_MEDIA_TYPE');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ApiError('MALFORMED_JSON', 'the request body is empty');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new ApiError('MALFORMED_JSON');
    default:
      break;
  }
  // The JSON parser's own errors (syntax, prototype poisoning) come with a 400 and no code.
  if (error.statusCode === 400) return new ApiError('MALFORMED_JSON');
  if (error.statusCode === 413) return new ApiError('BODY_TOO_LARGE');
  if (error.statusCode === 415) return new ApiError('UNSUPPORTED_MEDIA_TYPE');
  return undefined;
}

/**
 * Translates anything thrown while serving a request. Returns the ApiError to answer with; an
 * INTERNAL_ERROR result means the caller must log the original fault with its cause.
 */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (isConnectionFailure(error)) return new ApiError('DATABASE_UNAVAILABLE', undefined, { cause: error });
  if (typeof error === 'object' && error !== null) {
    const e = error as PgLikeError;
    const mapped = (typeof e.code === 'string' ? fromSqlState(e.code, e) : undefined) ?? fromFastify(e);
    if (mapped) return mapped;
  }
  return new ApiError('INTERNAL_ERROR', undefined, { cause: error });
}
