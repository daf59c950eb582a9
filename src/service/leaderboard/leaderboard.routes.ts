/** Leaderboard routes: read (anyone in the organization) and refresh (admins). */
import type { FastifyInstance } from 'fastify';
import type { Static } from '@sinclair/typebox';
import { bearer, responses } from '../http/common.schemas.js';
import { oneStatement, operate, type ServiceContext } from '../http/service-context.js';
import { Leaderboard, LeaderboardQuery, LeaderboardRefreshQuery } from './leaderboard.schemas.js';
import { readCachedLeaderboard, readLiveLeaderboard, refreshLeaderboard } from './leaderboard.repository.js';

export async function leaderboardRoutes(app: FastifyInstance, context: ServiceContext): Promise<void> {
  const { access, config, metrics } = context;
  const cached = context.variant === 'optimized';
  // The cache table holds a copy computed from user_rankings: losing it in a crash costs a recompute.
  const derived = { ...oneStatement, derivedWritesOnly: true };

  app.get<{ Querystring: Static<typeof LeaderboardQuery> }>(
    '/leaderboard',
    {
      onRequest: access.authenticate,
      schema: {
        operationId: 'leaderboard-read',
        tags: ['leaderboard'],
        security: bearer,
        summary:
          "The organization's referral leaderboard (cached for leaderboardTtlSeconds on the optimized schema; fresh=true computes it live)",
        querystring: LeaderboardQuery,
        response: responses(200, Leaderboard),
      },
    },
    async (request) => {
      const { organizationId } = request.principal;
      const { limit, fresh } = request.query;
      const board = await operate(
        context,
        request,
        'leaderboard_read',
        (tx) =>
          cached && !fresh
            ? readCachedLeaderboard(tx, organizationId, limit, config.leaderboardTtlSeconds)
            : readLiveLeaderboard(tx, organizationId, limit),
        (b) => b.entries.length,
        derived,
      );
      if (board.source === 'cache') metrics.cacheHit('leaderboard');
      else if (board.source === 'computed') metrics.cacheMiss('leaderboard');
      return board;
    },
  );

  app.post<{ Querystring: Static<typeof LeaderboardRefreshQuery> }>(
    '/admin/leaderboard/refresh',
    {
      onRequest: access.adminOnly,
      schema: {
        operationId: 'leaderboard-update',
        tags: ['leaderboard'],
        security: bearer,
        summary: "Recompute the organization's leaderboard and store it",
        querystring: LeaderboardRefreshQuery,
        response: responses(200, Leaderboard),
      },
    },
    async (request) => {
      const { organizationId } = request.principal;
      const { limit } = request.query;
      return operate(
        context,
        request,
        'leaderboard_update',
        (tx) =>
          cached
            ? refreshLeaderboard(tx, organizationId, limit, config.leaderboardTtlSeconds)
            : readLiveLeaderboard(tx, organizationId, limit),
        (b) => b.entries.length,
        derived,
      );
    },
  );
}
