/**
 * The service's settings, resolved once at start-up into a frozen object. Nothing deeper in the
 * service reads the environment; the `serve` command builds the input from flags and variables.
 */
import { maxTestDelayMs, minTestDelayMs, type TestDelay } from './http/test-delay.js';

/** Connection pool and timeouts; the defaults are the spec's values. */
export interface PoolConfig {
  /** Most connections held open. @default 20 */
  readonly max: number;
  /** Connections kept open while idle. @default 5 */
  readonly min: number;
  /** An idle connection above `min` closes after this long. @default 30000 */
  readonly idleTimeoutMs: number;
  /** A request waiting for a connection fails (503) after this long. @default 2000 */
  readonly connectTimeoutMs: number;
  /** PostgreSQL cancels a statement running longer than this. @default 5000 */
  readonly statementTimeoutMs: number;
}

export interface ServiceConfig {
  /** PostgreSQL URL of a migrated referral-bench database. */
  readonly databaseUrl: string;
  /** Redis URL for the analytics cache; without one the cache is in-process. @default undefined */
  readonly redisUrl: string | undefined;
  /** TCP port the server listens on (0 picks a free one). @default 3000 */
  readonly port: number;
  /** Worker processes (node:cluster); 1 runs in the primary process. @default 1 */
  readonly workers: number;
  /** HS256 secret that signs and verifies bearer tokens (at least 16 characters). */
  readonly tokenSecret: string;
  readonly pool: PoolConfig;
  /** Operations slower than this are written to referral_performance_metrics. @default 100 */
  readonly slowOperationThresholdMs: number;
  /** Time to live of dashboard analytics in the cache. @default 300 */
  readonly cacheTtlSeconds: number;
  /** Time to live of a leaderboard in referral_leaderboard_cache. @default 300 */
  readonly leaderboardTtlSeconds: number;
  /**
   * The referral feature. Off is the spec's "before" of its integration-impact table: the same
   * CRM without referral joins in the profile and dashboard and without referral achievements.
   * @default true
   */
  readonly referralsEnabled: boolean;
  /** Largest accepted request body; 1000 bulk ids fit well inside it. @default 65536 */
  readonly bodyLimitBytes: number;
  /**
   * A request whose headers have not all arrived this long after its first byte is answered 408
   * and its connection closed, so a client sending headers a byte at a time (slowloris) cannot
   * hold a connection longer. An open connection that sends nothing counts too. @default 30000
   */
  readonly headersTimeoutMs: number;
  /**
   * The same bound on the whole request, body included; at least `headersTimeoutMs`. Fastify
   * leaves it off, which let a body sent a byte at a time hold its connection forever.
   * @default 60000
   */
  readonly requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this long. @default 72000 (Fastify's) */
  readonly keepAliveTimeoutMs: number;
  /** Log level of the service's pino logger. @default 'info' */
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /**
   * Production mode (`serve` sets it from NODE_ENV=production). It refuses the test hooks.
   * @default false
   */
  readonly production: boolean;
  /**
   * The calibration hook (http/test-delay.ts): a delay added to every request of one route, for
   * proving a benchmark gate can see a known regression. Refused in production mode.
   * @default undefined (off)
   */
  readonly testDelay: TestDelay | undefined;
}

/** What callers provide: the two required settings, anything else to override a default. */
export type ServiceConfigInput = Partial<Omit<ServiceConfig, 'pool' | 'databaseUrl' | 'tokenSecret'>> & {
  readonly databaseUrl: string;
  readonly tokenSecret: string;
  readonly pool?: Partial<PoolConfig>;
};

/** A setting that cannot be used; the message names it. */
export class ServiceConfigError extends Error {
  readonly setting: string;
  constructor(setting: string, problem: string) {
    super(`${setting}: ${problem}`);
    this.name = 'ServiceConfigError';
    this.setting = setting;
  }
}

const logLevels: ReadonlySet<string> = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

function integer(setting: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ServiceConfigError(setting, `expected a whole number from ${min} to ${max}, got ${String(value)}`);
  }
  return value;
}

function delayMs(value: number): number {
  if (!Number.isFinite(value) || value < minTestDelayMs || value > maxTestDelayMs) {
    throw new ServiceConfigError(
      'testDelay.ms',
      `expected ${minTestDelayMs} to ${maxTestDelayMs} ms, got ${String(value)}`,
    );
  }
  return value;
}

/** Applies defaults, validates every setting, and freezes the result. */
export function resolveServiceConfig(input: ServiceConfigInput): ServiceConfig {
  let url: URL;
  try {
    url = new URL(input.databaseUrl);
  } catch {
    throw new ServiceConfigError('databaseUrl', 'expected a postgres:// URL');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ServiceConfigError('databaseUrl', `expected a postgres:// URL, got ${url.protocol}//`);
  }
  if (input.redisUrl !== undefined && !/^rediss?:\/\//.test(input.redisUrl)) {
    throw new ServiceConfigError('redisUrl', 'expected a redis:// URL');
  }
  if (typeof input.tokenSecret !== 'string' || input.tokenSecret.length < 16) {
    throw new ServiceConfigError('tokenSecret', 'expected a secret of at least 16 characters');
  }
  const logLevel = input.logLevel ?? 'info';
  if (!logLevels.has(logLevel)) throw new ServiceConfigError('logLevel', `unknown level ${logLevel}`);

  const pool: PoolConfig = Object.freeze({
    max: integer('pool.max', input.pool?.max ?? 20, 1, 1000),
    min: integer('pool.min', input.pool?.min ?? 5, 0, 1000),
    idleTimeoutMs: integer('pool.idleTimeoutMs', input.pool?.idleTimeoutMs ?? 30_000, 0, 86_400_000),
    connectTimeoutMs: integer('pool.connectTimeoutMs', input.pool?.connectTimeoutMs ?? 2000, 1, 600_000),
    statementTimeoutMs: integer('pool.statementTimeoutMs', input.pool?.statementTimeoutMs ?? 5000, 1, 3_600_000),
  });
  if (pool.min > pool.max) throw new ServiceConfigError('pool.min', `must not exceed pool.max (${pool.max})`);
  const headersTimeoutMs = integer('headersTimeoutMs', input.headersTimeoutMs ?? 30_000, 100, 3_600_000);
  const production = input.production ?? false;
  if (input.testDelay !== undefined && production) {
    throw new ServiceConfigError(
      'testDelay',
      'refused in production mode (NODE_ENV=production): the test delay slows a route on purpose and is only for calibrating benchmarks',
    );
  }

  return Object.freeze({
    databaseUrl: input.databaseUrl,
    redisUrl: input.redisUrl,
    port: integer('port', input.port ?? 3000, 0, 65_535),
    workers: integer('workers', input.workers ?? 1, 1, 256),
    tokenSecret: input.tokenSecret,
    pool,
    slowOperationThresholdMs: integer('slowOperationThresholdMs', input.slowOperationThresholdMs ?? 100, 0, 3_600_000),
    cacheTtlSeconds: integer('cacheTtlSeconds', input.cacheTtlSeconds ?? 300, 1, 86_400),
    leaderboardTtlSeconds: integer('leaderboardTtlSeconds', input.leaderboardTtlSeconds ?? 300, 1, 86_400),
    referralsEnabled: input.referralsEnabled ?? true,
    bodyLimitBytes: integer('bodyLimitBytes', input.bodyLimitBytes ?? 65_536, 1024, 100 * 1024 * 1024),
    headersTimeoutMs,
    requestTimeoutMs: integer('requestTimeoutMs', input.requestTimeoutMs ?? 60_000, headersTimeoutMs, 3_600_000),
    keepAliveTimeoutMs: integer('keepAliveTimeoutMs', input.keepAliveTimeoutMs ?? 72_000, 100, 3_600_000),
    logLevel,
    production,
    testDelay:
      input.testDelay === undefined
        ? undefined
        : Object.freeze({ route: input.testDelay.route, ms: delayMs(input.testDelay.ms) }),
  });
}
