/** Schemas every feature shares: ids, the error body, and the per-route response sets. */
import { Type, type TSchema } from '@sinclair/typebox';
import { ErrorBody, errorCatalog, type ErrorCode } from '../errors.js';

/** A uuid (any version; seeded ids are random v4, but the format does not depend on it). */
export const Uuid = Type.String({ format: 'uuid', minLength: 36, maxLength: 36 });

export const StudentParams = Type.Object({ studentId: Uuid }, { additionalProperties: false });
export const ReferralParams = Type.Object({ referralId: Uuid }, { additionalProperties: false });

/** The route needs a bearer token (OpenAPI security requirement). */
export const bearer = [{ bearerAuth: [] }];

/** Answers every route with a token may give besides its own errors. */
const authErrors: readonly ErrorCode[] = [
  'VALIDATION_FAILED',
  'TOKEN_MISSING',
  'FORBIDDEN',
  'INTERNAL_ERROR',
  'DATABASE_UNAVAILABLE',
];

/** The response map of a route: its success schema and the error statuses it can answer. */
export function responses(status: number, ok: TSchema, extra: readonly ErrorCode[] = []): Record<number, TSchema> {
  const map: Record<number, TSchema> = { [status]: ok };
  for (const code of [...authErrors, ...extra]) map[errorCatalog[code].status] = ErrorBody;
  return map;
}

/** The body codes of a route that reads a request body. */
export const bodyErrors: readonly ErrorCode[] = ['MALFORMED_JSON', 'BODY_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'];
