/** Analytics routes: the admin dashboard (cache-aside) and a student's referral analytics. */
import type { FastifyInstance } from 'fastify';
import type { Static } from '@sinclair/typebox';
import { ApiError } from '../errors.js';
import { bearer, responses, StudentParams } from '../http/common.schemas.js';
import { oneStatement, operate, type ServiceContext } from '../http/service-context.js';
import { dashboardKey } from './analytics-cache.js';
import { Dashboard, DashboardQuery, ReferralAnalytics } from './analytics.schemas.js';
import { readDashboard, readStudentAnalytics } from './analytics.repository.js';

export async function analyticsRoutes(app: FastifyInstance, context: ServiceContext): Promise<void> {
  const { access, cache, metrics, config } = context;
  const source = context.variant === 'optimized' ? 'materialized-view' : 'live';

  app.get<{ Querystring: Static<typeof DashboardQuery> }>(
    '/admin/analytics/dashboard',
    {
      onRequest: access.adminOnly,
      schema: {
        operationId: 'dashboard-analytics',
        tags: ['analytics'],
        security: bearer,
        summary: "The organization's dashboard, cached for cacheTtlSeconds (header x-cache: hit | miss | bypass)",
        querystring: DashboardQuery,
        response: responses(200, Dashboard),
      },
    },
    async (request, reply) => {
      const organizationId = request.principal.organizationId;
      const key = dashboardKey(organizationId);
      if (!request.query.fresh) {
        const cached = await cache.get(key);
        if (cached !== undefined) {
          metrics.cacheHit('analytics');
          // The cached text is the exact body a miss sent: no parse, no re-serialization.
          return reply.header('x-cache', 'hit').type('application/json; charset=utf-8').send(cached);
        }
        metrics.cacheMiss('analytics');
      }
      const figures = await operate(
        context,
        request,
        'dashboard_analytics',
        (tx) => readDashboard(tx, organizationId, config.referralsEnabled),
        () => 1,
        oneStatement,
      );
      const body = JSON.stringify({ organizationId, generatedAt: new Date().toISOString(), source, ...figures });
      // Not awaited: a slow cache must not delay the answer (the Cache never throws).
      void cache.set(key, body, config.cacheTtlSeconds);
      return reply
        .header('x-cache', request.query.fresh ? 'bypass' : 'miss')
        .type('application/json; charset=utf-8')
        .send(body);
    },
  );

  app.get<{ Params: Static<typeof StudentParams> }>(
    '/students/:studentId/referral-analytics',
    {
      onRequest: access.authenticate,
      preHandler: access.selfOrAdmin,
      schema: {
        operationId: 'referral-analytics',
        tags: ['analytics'],
        security: bearer,
        summary: "A student's referral counts, conversion rate and points awarded",
        params: StudentParams,
        response: responses(200, ReferralAnalytics, ['NOT_FOUND']),
      },
    },
    async (request) => {
      const row = await operate(
        context,
        request,
        'referral_analytics',
        (tx) => readStudentAnalytics(tx, request.principal.organizationId, request.params.studentId),
        (r) => (r ? 1 : 0),
        oneStatement,
      );
      if (!row) throw new ApiError('NOT_FOUND', 'no such student');
      return { ...row, source };
    },
  );
}
