/** `referral-bench serve`: runs the reference referral service until SIGTERM / SIGINT. */
import cluster from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { HarnessError, badFlag } from '../errors.js';
import { parseDatabaseUrl, redact } from '../stack/database-admin.js';
import { resolveServiceConfig, ServiceConfigError, type ServiceConfig } from '../../service/config.js';
import { parseTestDelay } from '../../service/http/test-delay.js';
import { startServer, type RunningServer } from '../../service/server.js';
import { parseIntegerInRange } from './options.js';

/** The environment variable that carries the token secret when `--token-secret` is not given. */
export const tokenSecretVariable = 'REFERRAL_BENCH_TOKEN_SECRET';

/** The environment variable that switches the calibration hook on when `--test-delay` is not given. */
export const testDelayVariable = 'REFERRAL_BENCH_TEST_DELAY';

/**
 * Where `--dev` keeps the secret it generates (readable by the current user only): one file per
 * server process, so two dev servers never overwrite each other's; removed when it stops.
 */
export function devTokenSecretPath(pid = process.pid): string {
  return join(tmpdir(), 'referral-bench', `dev-token-secret-${pid}`);
}

export interface ServeOptions {
  readonly databaseUrl: string;
  readonly redisUrl?: string;
  /** @default 3000 */
  readonly port?: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** @default 1 */
  readonly workers?: number;
  /** From `--token-secret` or the environment; required unless `dev`. */
  readonly tokenSecret?: string;
  /** Generate a random secret when none is given, and keep it in devTokenSecretPath. */
  readonly dev?: boolean;
  /** @default 100 */
  readonly slowThresholdMs?: number;
  /** The referral feature; false is the integration-impact "before" (`--no-referrals`). @default true */
  readonly referrals?: boolean;
  /** Receives progress lines. @default stderr */
  readonly announce?: (line: string) => void;
  /** Production mode (the command sets it from NODE_ENV=production): refuses the test hooks. @default false */
  readonly production?: boolean;
  /** The calibration hook as typed, `<route>:<ms>` (`--test-delay` or REFERRAL_BENCH_TEST_DELAY). @default off */
  readonly testDelay?: string;
}

/** Maps a config setting back to the flag a user would fix. */
const flagOf: Readonly<Record<string, string>> = {
  databaseUrl: '--database-url',
  redisUrl: '--redis-url',
  port: '--port',
  workers: '--workers',
  tokenSecret: '--token-secret',
  slowOperationThresholdMs: '--slow-threshold-ms',
  testDelay: '--test-delay',
  'testDelay.ms': '--test-delay',
};

/** Library form of the command: starts the service and returns it running. */
export async function runServe(options: ServeOptions): Promise<RunningServer> {
  const announce = options.announce ?? ((line: string) => process.stderr.write(`${line}\n`));
  parseDatabaseUrl(options.databaseUrl);
  const devSecret = options.tokenSecret === undefined && options.dev ? await createDevSecret(announce) : undefined;
  const tokenSecret = options.tokenSecret ?? devSecret?.secret;
  if (!tokenSecret) {
    throw badFlag('--token-secret', `a token secret is required (the flag or ${tokenSecretVariable}); --dev generates a throwaway one`);
  }
  let config: ServiceConfig;
  try {
    config = resolveConfig({ ...options, tokenSecret });
  } catch (error: unknown) {
    if (devSecret) await rm(devSecret.path, { force: true });
    throw error;
  }
  let server: RunningServer;
  try {
    server = await startServer(config, { host: options.host ?? '127.0.0.1' });
  } catch (error: unknown) {
    if (devSecret) await rm(devSecret.path, { force: true });
    throw new HarnessError('SERVICE_FAILED', `the service did not start: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (devSecret) void server.closed.then(() => rm(devSecret.path, { force: true }));
  // Workers re-run this command; the primary speaks for them.
  if (!cluster.isWorker && config.testDelay) announce(`TEST DELAY ACTIVE: every ${config.testDelay.route} request waits ${config.testDelay.ms} ms first (calibration hook)`);
  if (!cluster.isWorker) announce(`serving ${redact(config.databaseUrl)} at ${server.url} (${config.workers} worker${config.workers === 1 ? '' : 's'}, cache: ${config.redisUrl ? redact(config.redisUrl) : 'in-process'})`);
  return server;
}

function resolveConfig(options: ServeOptions & { tokenSecret: string }): ServiceConfig {
  try {
    return resolveServiceConfig({
      databaseUrl: options.databaseUrl,
      redisUrl: options.redisUrl,
      port: options.port,
      workers: options.workers,
      tokenSecret: options.tokenSecret,
      slowOperationThresholdMs: options.slowThresholdMs,
      referralsEnabled: options.referrals ?? true,
      production: options.production ?? false,
      testDelay: options.testDelay === undefined ? undefined : parseDelay(options.testDelay),
    });
  } catch (error: unknown) {
    if (error instanceof ServiceConfigError) {
      const problem = error.message.slice(error.setting.length + 2);
      throw badFlag(flagOf[error.setting] ?? error.setting, problem);
    }
    throw error;
  }
}

function parseDelay(text: string): ReturnType<typeof parseTestDelay> {
  try {
    return parseTestDelay(text);
  } catch (error: unknown) {
    throw badFlag('--test-delay', `${error instanceof Error ? error.message : String(error)} (also read from ${testDelayVariable})`);
  }
}

/**
 * A random secret for local use, written where token minting can read it. It also goes into this
 * process's environment so that cluster workers, which re-run this command, use the same one.
 */
async function createDevSecret(announce: (line: string) => void): Promise<{ secret: string; path: string }> {
  const secret = randomBytes(32).toString('base64url');
  const path = devTokenSecretPath();
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeFile(path, `${secret}\n`, { mode: 0o600 });
  // writeFile's mode applies only when it creates the file; a leftover one keeps its own otherwise.
  await chmod(path, 0o600);
  process.env[tokenSecretVariable] = secret;
  announce(`--dev: generated a token secret, kept in ${path} (mode 0600) while the service runs`);
  return { secret, path };
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Run the reference referral service (Fastify) until SIGTERM or Ctrl-C.')
    .requiredOption('--database-url <url>', 'PostgreSQL URL of a migrated referral-bench database', process.env.DATABASE_URL)
    .option('--redis-url <url>', 'Redis URL for the caches (default: an in-process cache)', process.env.REDIS_URL)
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--port <port>', 'TCP port (0 picks a free one)', parseIntegerInRange(0, 65_535), 3000)
    .option('--workers <n>', 'worker processes (node:cluster)', parseIntegerInRange(1, 256), 1)
    .option('--token-secret <secret>', `secret that signs bearer tokens (default: $${tokenSecretVariable})`)
    .option('--dev', 'without a secret, generate a random one and say where it is kept', false)
    .option('--slow-threshold-ms <ms>', 'operations slower than this go to referral_performance_metrics', parseIntegerInRange(0, 3_600_000), 100)
    .option('--no-referrals', 'serve the CRM without the referral feature (no referral joins, widgets or achievements)')
    .option('--test-delay <route:ms>', `calibration hook: add ms to every request of one route (label or URL pattern); refused under NODE_ENV=production (default: $${testDelayVariable})`,
      process.env[testDelayVariable] || undefined)
    .action(async (options: Omit<ServeOptions, 'announce' | 'production'>) => {
      const server = await runServe({
        ...options,
        tokenSecret: options.tokenSecret ?? process.env[tokenSecretVariable],
        production: process.env.NODE_ENV === 'production',
      });
      await server.closed;
    });
}
