/** The student profile route. */
import type { FastifyInstance } from 'fastify';
import type { Static } from '@sinclair/typebox';
import { ApiError } from '../errors.js';
import { bearer, responses, StudentParams } from '../http/common.schemas.js';
import { oneStatement, operate, type ServiceContext } from '../http/service-context.js';
import { Profile } from './student.schemas.js';
import { readProfile } from './student.repository.js';

export async function studentRoutes(app: FastifyInstance, context: ServiceContext): Promise<void> {
  app.get<{ Params: Static<typeof StudentParams> }>(
    '/students/:studentId/profile',
    {
      onRequest: context.access.authenticate,
      preHandler: context.access.selfOrAdmin,
      schema: {
        operationId: 'student-profile',
        tags: ['students'],
        security: bearer,
        summary: 'A student with its ranking, points summary, achievements and recent referrals',
        params: StudentParams,
        response: responses(200, Profile, ['NOT_FOUND']),
      },
    },
    async (request) => {
      const profile = await operate(
        context,
        request,
        'student_profile',
        (tx) => readProfile(tx, request.params.studentId, context.config.referralsEnabled),
        (p) => (p ? 1 : 0),
        oneStatement,
      );
      if (!profile) throw new ApiError('NOT_FOUND', 'no such student');
      return profile;
    },
  );
}
