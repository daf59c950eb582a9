/** Ranking calculation for one student (the student itself or an admin). */
import type { FastifyInstance } from 'fastify';
import type { Static } from '@sinclair/typebox';
import { bearer, responses, StudentParams } from '../http/common.schemas.js';
import { oneStatement, operate, type ServiceContext } from '../http/service-context.js';
import { RankResult } from './ranking.schemas.js';
import { calculateRank } from './ranking.repository.js';

export async function rankingRoutes(app: FastifyInstance, context: ServiceContext): Promise<void> {
  app.post<{ Params: Static<typeof StudentParams> }>(
    '/students/:studentId/ranking/calculate',
    {
      onRequest: context.access.authenticate,
      preHandler: context.access.selfOrAdmin,
      schema: {
        operationId: 'ranking-calculation',
        tags: ['rankings'],
        security: bearer,
        summary: "Compute and store a student's rank by total points",
        params: StudentParams,
        response: responses(200, RankResult, ['NOT_FOUND']),
      },
    },
    async (request) => {
      const { studentId } = request.params;
      // current_rank is derived from total_points and recomputed on every calculation.
      const rank = await operate(
        context,
        request,
        'ranking_calculation',
        (tx) => calculateRank(tx, studentId),
        () => 1,
        { ...oneStatement, derivedWritesOnly: true },
      );
      return { studentId, ...rank };
    },
  );
}
