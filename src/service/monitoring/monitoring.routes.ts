/** Unauthenticated probes (health, metrics, OpenAPI) and the admin performance report. */
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { ErrorBody } from '../errors.js';
import { bearer, responses } from '../http/common.schemas.js';
import { oneStatement, operate, type ServiceContext } from '../http/service-context.js';
import type { PromMetrics } from '../metrics/prom-metrics.js';
import { Health, PerformanceReport } from './monitoring.schemas.js';
import { readPerformance } from './monitoring.repository.js';

export async function monitoringRoutes(
  app: FastifyInstance,
  context: ServiceContext & { metrics: PromMetrics },
): Promise<void> {
  const { db, cache, metrics, variant } = context;

  app.get(
    '/health',
    {
      schema: {
        operationId: 'health',
        tags: ['monitoring'],
        summary: 'Liveness and database reachability',
        response: { 200: Health, 503: Health },
      },
    },
    async (_request, reply) => {
      const database = await db.query('SELECT 1').then(
        () => 'up' as const,
        () => 'down' as const,
      );
      return reply
        .code(database === 'up' ? 200 : 503)
        .send({ status: database === 'up' ? 'ok' : 'degraded', database, cache: cache.kind, variant });
    },
  );

  app.get(
    '/metrics',
    {
      schema: {
        operationId: 'metrics',
        tags: ['monitoring'],
        summary:
          "Prometheus metrics (text exposition format); under node:cluster, every worker's summed (503 METRICS_UNAVAILABLE when they cannot be gathered)",
        response: { 200: Type.String(), 503: ErrorBody },
      },
    },
    async (_request, reply) => reply.type(metrics.contentType).send(await metrics.render()),
  );

  app.get(
    '/openapi.json',
    {
      schema: { operationId: 'openapi', tags: ['monitoring'], summary: 'This API as an OpenAPI 3 document' },
    },
    async () => app.swagger(),
  );

  app.get(
    '/admin/performance',
    {
      onRequest: context.access.adminOnly,
      schema: {
        operationId: 'performance-report',
        tags: ['monitoring'],
        security: bearer,
        summary: "The spec's monitoring query: slow operations of the last hour by query type",
        response: responses(200, PerformanceReport),
      },
    },
    async (request) => {
      const operations = await operate(
        context,
        request,
        'performance_report',
        (tx) => readPerformance(tx, request.principal.organizationId),
        (rows) => rows.length,
        oneStatement,
      );
      return { windowMinutes: 60, thresholdMs: context.config.slowOperationThresholdMs, operations };
    },
  );
}
