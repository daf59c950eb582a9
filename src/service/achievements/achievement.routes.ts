/** The achievement check for one student (the student itself or an admin). */
import type { FastifyInstance } from 'fastify';
import type { Static } from '@sinclair/typebox';
import { bearer, responses, StudentParams } from '../http/common.schemas.js';
import { oneStatement, operate, type ServiceContext } from '../http/service-context.js';
import { AchievementCheck } from './achievement.schemas.js';
import { checkAchievements } from './achievement.repository.js';

export async function achievementRoutes(app: FastifyInstance, context: ServiceContext): Promise<void> {
  app.post<{ Params: Static<typeof StudentParams> }>(
    '/students/:studentId/achievements/check',
    {
      onRequest: context.access.authenticate,
      preHandler: context.access.selfOrAdmin,
      schema: {
        operationId: 'achievement-check',
        tags: ['achievements'],
        security: bearer,
        summary: 'Grant every achievement the student qualifies for and has not got yet',
        params: StudentParams,
        response: responses(200, AchievementCheck, ['NOT_FOUND']),
      },
    },
    async (request) => {
      const { studentId } = request.params;
      const granted = await operate(
        context,
        request,
        'achievement_check',
        (tx) => checkAchievements(tx, studentId, context.config.referralsEnabled),
        (rows) => rows.length,
        oneStatement,
      );
      return { studentId, granted };
    },
  );
}
