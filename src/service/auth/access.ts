/**
 * Who may call what. Hooks run in this order: `authenticate` (401) and `adminOnly` (403) before
 * the request is parsed, then schema validation (400), then `selfOrAdmin` (403) on the
 * validated :studentId. The organization boundary itself is the database's (row-level security).
 */
import type { FastifyReply, FastifyRequest, onRequestHookHandler, preHandlerHookHandler } from 'fastify';
import { ApiError } from '../errors.js';
import type { Principal, TokenCodec } from './token-codec.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The verified caller; set by `authenticate` on every route that needs a token. */
    principal: Principal;
  }
}

export interface AccessHooks {
  readonly authenticate: onRequestHookHandler;
  readonly adminOnly: onRequestHookHandler[];
  readonly selfOrAdmin: preHandlerHookHandler;
}

/** Builds the hooks for one token codec. */
export function createAccessHooks(codec: TokenCodec): AccessHooks {
  const authenticate = async (request: FastifyRequest): Promise<void> => {
    const header = request.headers.authorization;
    if (header === undefined || header === '') throw new ApiError('TOKEN_MISSING');
    const match = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(header);
    if (!match?.[1]) throw new ApiError('TOKEN_INVALID', 'expected Authorization: Bearer <token>');
    request.principal = codec.verify(match[1]);
  };
  const requireAdmin = async (request: FastifyRequest): Promise<void> => {
    if (request.principal.role !== 'admin') throw new ApiError('FORBIDDEN', 'this operation needs an admin token');
  };
  const selfOrAdmin = async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    assertSelfOrAdmin(request.principal, (request.params as { studentId: string }).studentId);
  };
  return { authenticate, adminOnly: [authenticate, requireAdmin], selfOrAdmin };
}

/** A student may act only on itself; an admin on any student of its organization. */
export function assertSelfOrAdmin(principal: Principal, studentId: string): void {
  if (principal.role === 'student' && principal.studentId?.toLowerCase() !== studentId.toLowerCase()) {
    throw new ApiError('FORBIDDEN', 'a student may only act on its own data');
  }
}
