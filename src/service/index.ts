/**
 * The service's public entry for code outside it (the harness, the seeder, the benchmarks):
 * starting it, its settings, its schema migrations and variants, its bearer tokens, and its
 * database pool and scoped statement (for the benchmarks that time the service's own database path).
 * Anything not exported here is the service's own business.
 */
import type { ServiceConfig } from './config.js';
import type { RunningServer, ServerOptions } from './server.js';

export type { RunningServer, ServerOptions };
export {
  resolveServiceConfig,
  ServiceConfigError,
  type PoolConfig,
  type ServiceConfig,
  type ServiceConfigInput,
} from './config.js';
export {
  readServiceEnvironment,
  serviceVariables,
  ServiceEnvironmentError,
  type ServiceStartup,
} from './environment.js';
export { parseTestDelay, type TestDelay } from './http/test-delay.js';
export {
  assertMigratedWith,
  loadAllMigrations,
  migrate,
  migrationsFor,
  MigrationError,
  readSchemaVariant,
  schemaVariants,
  type Migration,
  type MigrationErrorCode,
  type MigrationOutcome,
  type SchemaVariant,
} from './db/migrator.js';
export type { Queryable, QueryResultLike } from './db/queryable.js';
export { createDatabasePool, type DatabasePool } from './db/pool.js';
export { ScopedStatement } from './db/scoped-statement.js';
export { createTokenCodec, type Principal, type Role, type TokenCodec } from './auth/token-codec.js';
export { redactUrl } from './redact-url.js';

/**
 * Starts the service in this process (server.ts). The HTTP stack is loaded on first use, so code
 * that needs only migrations or tokens from this entry does not pay for loading it.
 */
export async function startServer(config: ServiceConfig, options?: ServerOptions): Promise<RunningServer> {
  const server = await import('./server.js');
  return server.startServer(config, options);
}
