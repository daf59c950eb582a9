/**
 * The service's settings read from its process environment: the one place the service reads
 * `process.env`. Each bad or missing value is reported under the variable an operator sets.
 */
import { resolveServiceConfig, ServiceConfigError, type ServiceConfig, type ServiceConfigInput } from './config.js';
import { parseTestDelay } from './http/test-delay.js';

/** The variable behind each setting. */
export const serviceVariables = Object.freeze({
  /** PostgreSQL URL of a migrated referral-bench database. Required. */
  databaseUrl: 'DATABASE_URL',
  /** Redis URL of the caches. @default an in-process cache */
  redisUrl: 'REDIS_URL',
  /** @default 3000 */
  port: 'PORT',
  /** Interface to listen on. @default 127.0.0.1 */
  host: 'HOST',
  /** Worker processes (node:cluster). @default 1 */
  workers: 'WORKERS',
  /** Secret that signs bearer tokens, at least 16 characters. Required. */
  tokenSecret: 'REFERRAL_BENCH_TOKEN_SECRET',
  /** Operations slower than this many ms go to referral_performance_metrics. @default 100 */
  slowOperationThresholdMs: 'REFERRAL_BENCH_SLOW_THRESHOLD_MS',
  /** `true` or `false`: the referral feature. @default true */
  referralsEnabled: 'REFERRAL_BENCH_REFERRALS',
  /** The calibration hook, `<route>:<ms>`; refused when NODE_ENV=production. @default off */
  testDelay: 'REFERRAL_BENCH_TEST_DELAY',
  /** `production` refuses the test hooks. */
  production: 'NODE_ENV',
});

/** Which environment variable a config setting comes from. */
const variableOf: Readonly<Record<string, string>> = {
  ...serviceVariables,
  'testDelay.ms': serviceVariables.testDelay,
};

/** A variable that is missing or cannot be used; the message starts with its name. */
export class ServiceEnvironmentError extends Error {
  readonly code = 'BAD_ENVIRONMENT';
  readonly variable: string;
  constructor(variable: string, problem: string) {
    super(`${variable}: ${problem}`);
    this.name = 'ServiceEnvironmentError';
    this.variable = variable;
  }
}

/** What the process entry needs to start the service. */
export interface ServiceStartup {
  readonly config: ServiceConfig;
  /** @default '127.0.0.1' */
  readonly host: string;
}

type Environment = Readonly<Record<string, string | undefined>>;

/** A set variable's value; an empty one counts as unset, as compose files often leave them. */
function read(env: Environment, variable: string): string | undefined {
  const value = env[variable];
  return value === undefined || value === '' ? undefined : value;
}

function required(env: Environment, variable: string, what: string): string {
  const value = read(env, variable);
  if (value === undefined) throw new ServiceEnvironmentError(variable, `is not set: expected ${what}`);
  return value;
}

function wholeNumber(env: Environment, variable: string): number | undefined {
  const value = read(env, variable);
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new ServiceEnvironmentError(variable, `expected a whole number, got "${value}"`);
  return Number(value);
}

function flag(env: Environment, variable: string): boolean | undefined {
  const value = read(env, variable);
  if (value === undefined) return undefined;
  if (value !== 'true' && value !== 'false')
    throw new ServiceEnvironmentError(variable, `expected true or false, got "${value}"`);
  return value === 'true';
}

function testDelay(env: Environment): ServiceConfigInput['testDelay'] {
  const value = read(env, serviceVariables.testDelay);
  if (value === undefined) return undefined;
  try {
    return parseTestDelay(value);
  } catch (error: unknown) {
    throw new ServiceEnvironmentError(
      serviceVariables.testDelay,
      error instanceof Error ? error.message : String(error),
    );
  }
}

/** Reads and validates every setting; throws ServiceEnvironmentError naming the first bad variable. */
export function readServiceEnvironment(env: Environment): ServiceStartup {
  const v = serviceVariables;
  const input: ServiceConfigInput = {
    databaseUrl: required(env, v.databaseUrl, 'a postgres:// URL'),
    tokenSecret: required(env, v.tokenSecret, 'a secret of at least 16 characters'),
    redisUrl: read(env, v.redisUrl),
    port: wholeNumber(env, v.port),
    workers: wholeNumber(env, v.workers),
    slowOperationThresholdMs: wholeNumber(env, v.slowOperationThresholdMs),
    referralsEnabled: flag(env, v.referralsEnabled),
    production: read(env, v.production) === 'production',
    testDelay: testDelay(env),
  };
  try {
    return { config: resolveServiceConfig(input), host: read(env, v.host) ?? '127.0.0.1' };
  } catch (error: unknown) {
    if (error instanceof ServiceConfigError) {
      throw new ServiceEnvironmentError(
        variableOf[error.setting] ?? error.setting,
        error.message.slice(error.setting.length + 2),
      );
    }
    throw error;
  }
}
