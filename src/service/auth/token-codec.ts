/**
 * Bearer tokens: HS256 JWTs carrying the caller's organization, role and (for a student) its
 * student id, always with an expiry. The service verifies them; the `token` command signs them.
 */
import { createSigner, createVerifier, TokenError } from 'fast-jwt';
import { ApiError } from '../errors.js';

export type Role = 'student' | 'admin';

/** Who is calling, as the verified token says. */
export interface Principal {
  readonly organizationId: string;
  readonly role: Role;
  /** Set for students: the only student whose data the caller may read or change. */
  readonly studentId: string | undefined;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface TokenCodec {
  /** Signs a token for `principal`, valid for `expiresInSeconds`. */
  sign(principal: Principal, expiresInSeconds: number): string;
  /** The principal of a valid token; throws ApiError TOKEN_INVALID / TOKEN_EXPIRED otherwise. */
  verify(token: string): Principal;
}

export function createTokenCodec(secret: string): TokenCodec {
  const verifier = createVerifier({
    key: secret,
    algorithms: ['HS256'],
    requiredClaims: ['org', 'role', 'exp'],
    // Verified tokens are cached (bounded, until expiry): a load test reuses a few tokens.
    cache: 2000,
  });
  return {
    sign(principal, expiresInSeconds) {
      const signer = createSigner({ key: secret, algorithm: 'HS256', expiresIn: expiresInSeconds * 1000 });
      return signer({
        org: principal.organizationId,
        role: principal.role,
        ...(principal.studentId ? { sub: principal.studentId } : {}),
      });
    },
    verify(token) {
      let claims: Record<string, unknown>;
      try {
        claims = verifier(token) as Record<string, unknown>;
      } catch (error: unknown) {
        if (error instanceof TokenError && error.code === TokenError.codes.expired) throw new ApiError('TOKEN_EXPIRED');
        throw new ApiError('TOKEN_INVALID');
      }
      const { org, role, sub } = claims;
      if (typeof org !== 'string' || !uuid.test(org))
        throw new ApiError('TOKEN_INVALID', 'the token names no valid organization');
      if (role === 'admin') return { organizationId: org, role, studentId: undefined };
      if (role === 'student' && typeof sub === 'string' && uuid.test(sub))
        return { organizationId: org, role, studentId: sub };
      throw new ApiError('TOKEN_INVALID', 'the token names no valid role and student');
    },
  };
}
