/** What every feature's routes are built with: the shared resources and the settings. */
import type { FastifyRequest } from 'fastify';
import type { AccessHooks } from '../auth/access.js';
import type { Cache } from '../cache/cache.js';
import type { ServiceConfig } from '../config.js';
import type { DatabasePool, OrgTransaction, TransactionOptions } from '../db/pool.js';
import type { SchemaVariant } from '../db/migrator.js';
import type { ServiceMetrics } from '../metrics/service-metrics.js';

export interface ServiceContext {
  readonly config: ServiceConfig;
  readonly db: DatabasePool;
  readonly cache: Cache;
  readonly metrics: ServiceMetrics;
  readonly access: AccessHooks;
  /** Read once at start: which schema the database holds decides how some reads are served. */
  readonly variant: SchemaVariant;
}

/** For work that runs exactly one statement: it goes out with its scope, in one round trip (pool.ts). */
export const oneStatement: TransactionOptions = { singleStatement: true };

/**
 * Runs `work` in the caller's organization transaction and records its duration under
 * `queryType` (fire and forget: recording never delays the answer).
 */
export async function operate<T>(
  context: ServiceContext,
  request: FastifyRequest,
  queryType: string,
  work: (tx: OrgTransaction) => Promise<T>,
  rowsOf: (result: T) => number | null = () => null,
  options: TransactionOptions = {},
): Promise<T> {
  const organizationId = request.principal.organizationId;
  const started = performance.now();
  const result = await context.db.withOrganization(organizationId, work, options);
  context.metrics.observeOperation(queryType, organizationId, performance.now() - started, rowsOf(result));
  return result;
}
