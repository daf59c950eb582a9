/**
 * Builds the service's HTTP app (server.ts listens). Whatever `deps` does not provide is created
 * from the configuration and closed with the app: the pool, the cache (Redis or in-process), the
 * prom-client metrics with the slow-operation recorder (summed across workers under node:cluster), the logger.
 */
import cluster from 'node:cluster';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import swagger from '@fastify/swagger';
import { createAccessHooks } from './auth/access.js';
import { createTokenCodec } from './auth/token-codec.js';
import type { Cache } from './cache/cache.js';
import { createCache } from './cache/create-cache.js';
import type { ServiceConfig } from './config.js';
import { readSchemaVariant } from './db/migrator.js';
import { createDatabasePool, type DatabasePool } from './db/pool.js';
import { ApiError, toApiError } from './errors.js';
import type { ServiceContext } from './http/service-context.js';
import { registerTestDelay } from './http/test-delay.js';
import { createValidatorCompiler, formatValidationErrors } from './http/validation.js';
import { joinClusterMetrics } from './metrics/cluster-metrics.js';
import { createPromMetrics, type PromMetrics } from './metrics/prom-metrics.js';
import { createSlowOperationRecorder } from './metrics/slow-operation-recorder.js';
import { achievementRoutes } from './achievements/achievement.routes.js';
import { analyticsRoutes } from './analytics/analytics.routes.js';
import { campaignRoutes } from './campaigns/campaign.routes.js';
import { leaderboardRoutes } from './leaderboard/leaderboard.routes.js';
import { monitoringRoutes } from './monitoring/monitoring.routes.js';
import { rankingRoutes } from './rankings/ranking.routes.js';
import { referralRoutes } from './referrals/referral.routes.js';
import { studentRoutes } from './students/student.routes.js';

/** Resources a caller (a test, a benchmark) may provide instead of letting the app create them. */
export interface AppDependencies {
  readonly pool?: DatabasePool;
  readonly cache?: Cache;
  readonly metrics?: PromMetrics;
  readonly logger?: FastifyBaseLogger;
}

/** The app, ready to `inject()` or `listen()`; closing it closes what it created. */
export async function buildApp(config: ServiceConfig, deps: AppDependencies = {}): Promise<FastifyInstance> {
  const answerError = (error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    const answer = toApiError(error);
    if (answer.code === 'INTERNAL_ERROR') request.log.error({ err: error }, 'unexpected fault');
    else if (answer.code === 'DATABASE_UNAVAILABLE') request.log.warn({ err: error }, 'database unavailable');
    return reply.code(answer.statusCode).send({ error: { code: answer.code, message: answer.message } });
  };
  const options: FastifyServerOptions = {
    bodyLimit: config.bodyLimitBytes,
    // Requests are counted and timed by the metrics; a log line each would cost more than most handlers.
    logController: new LogController({ disableRequestLogging: true }),
    return503OnClosing: true,
    // The router's own refusals (a path it cannot decode, a segment over maxParamLength) skip the
    // error handler; without this they answer in Fastify's shape, with codes outside the catalogue.
    frameworkErrors: answerError,
  };
  // What bounds slow and idle clients (config.ts says why each). Node checks these deadlines on an
  // interval, every 30 s unless told: a tenth of the shortest keeps a connection at most 10% past
  // its limit. Node also refuses a headers timeout above the request timeout it is created with.
  const connectionLimits = {
    requestTimeout: config.requestTimeoutMs,
    keepAliveTimeout: config.keepAliveTimeoutMs,
    http: {
      headersTimeout: config.headersTimeoutMs,
      requestTimeout: config.requestTimeoutMs,
      connectionsCheckingInterval: Math.ceil(config.headersTimeoutMs / 10),
    },
  };
  const app = deps.logger
    ? Fastify({ ...options, ...connectionLimits, loggerInstance: deps.logger })
    : Fastify({ ...options, ...connectionLimits, logger: { level: config.logLevel } });
  const onClose: Array<() => Promise<void>> = [];
  app.addHook('onClose', async () => {
    for (const close of [...onClose].reverse()) await close();
  });

  try {
    const db =
      deps.pool ??
      createDatabasePool(config.databaseUrl, config.pool, (error) =>
        app.log.warn({ err: error }, 'idle database connection failed'),
      );
    if (!deps.pool) onClose.push(() => db.end());

    const ownMetrics = (): PromMetrics => {
      const recorder = createSlowOperationRecorder({
        db,
        thresholdMs: config.slowOperationThresholdMs,
        onError: (error) => app.log.warn({ err: error }, 'slow operations could not be recorded'),
      });
      onClose.push(() => recorder.close());
      const local = createPromMetrics({ pool: db, poolMax: config.pool.max, recorder });
      if (config.workers <= 1 || !cluster.isWorker) return local;
      // A scrape must describe every worker, not the one that took it (the primary's side: server.ts).
      const member = joinClusterMetrics(local);
      onClose.push(async () => member.leave());
      return { ...local, render: member.render };
    };
    const metrics = deps.metrics ?? ownMetrics();

    const cache =
      deps.cache ??
      createCache({
        redisUrl: config.redisUrl,
        onFault: (error, firstOfIncident) => {
          metrics.cacheFault('analytics');
          if (firstOfIncident) app.log.warn({ err: error }, 'cache unavailable; serving from the database');
        },
        onRecover: () => app.log.info('cache available again'),
      });
    if (!deps.cache) onClose.push(() => cache.close());

    const variant = await readSchemaVariant(db);
    if (!variant) throw new Error('the database has no referral-bench schema; run `referral-bench migrate` first');

    const context: ServiceContext & { metrics: PromMetrics } = {
      config,
      db,
      cache,
      metrics,
      variant,
      access: createAccessHooks(createTokenCodec(config.tokenSecret)),
    };

    app.setValidatorCompiler(createValidatorCompiler());
    app.setSchemaErrorFormatter(formatValidationErrors);
    // Bodies are JSON only; anything else is refused (415) before it reaches a schema.
    app.removeContentTypeParser('text/plain');
    app.setErrorHandler(answerError);
    app.setNotFoundHandler((request, reply) => {
      const answer = new ApiError('ROUTE_NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0] ?? ''}`);
      return reply.code(answer.statusCode).send({ error: { code: answer.code, message: answer.message } });
    });
    app.addHook('onResponse', async (request, reply) => {
      metrics.observeRequest(
        request.routeOptions.url ?? 'unmatched',
        request.method,
        reply.statusCode,
        reply.elapsedTime / 1000,
      );
    });

    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'referral-bench reference referral service',
          version: '1.0.0',
          description:
            'Errors are `{ "error": { "code", "message" } }`. Tokens are HS256 JWTs with claims org, role (student | admin), sub (students) and exp.',
        },
        components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      },
    });

    // Before the routes: it hooks the matching one as it is registered.
    if (config.testDelay) registerTestDelay(app, config.testDelay);
    for (const routes of [
      studentRoutes,
      referralRoutes,
      analyticsRoutes,
      leaderboardRoutes,
      campaignRoutes,
      rankingRoutes,
      achievementRoutes,
    ]) {
      await routes(app, context);
    }
    await monitoringRoutes(app, context);
    await app.ready();
    return app;
  } catch (error: unknown) {
    await app.close();
    throw error;
  }
}
