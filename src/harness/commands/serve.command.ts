/**
 * `referral-bench serve`: runs the compiled service (`node dist/service/main.js`) until SIGTERM /
 * SIGINT. A thin adapter: it checks the flags (naming the bad one), turns them into the
 * variables the service reads, and runs the service as its child.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { assertServiceBuilt } from '../build/service-build-info.js';
import { HarnessError, badFlag } from '../../core/errors.js';
import { parseDatabaseUrl } from '../../core/database-admin.js';
import { serviceEnvironment, type ServiceSettings } from '../stack/service-environment.js';
import { readServiceEnvironment, ServiceEnvironmentError, serviceVariables } from '../../service/index.js';
import { wholeNumberOption } from './options.js';

/** The environment variable that carries the token secret when `--token-secret` is not given. */
export const tokenSecretVariable = serviceVariables.tokenSecret;

/** The environment variable that switches the calibration hook on when `--test-delay` is not given. */
export const testDelayVariable = serviceVariables.testDelay;

/**
 * Where `--dev` keeps the secret it generates (readable by the current user only): one file per
 * server process, so two dev servers never overwrite each other's; removed when it stops.
 */
export function devTokenSecretPath(pid = process.pid): string {
  return join(tmpdir(), 'referral-bench', `dev-token-secret-${pid}`);
}

/** The service's settings (service-environment.ts), and what only the command adds. */
export interface ServeOptions extends ServiceSettings {
  /** Generate a random secret when none is given, and keep it in devTokenSecretPath. */
  readonly dev?: boolean;
  /** Receives progress lines. @default stderr */
  readonly announce?: (line: string) => void;
  /** Production mode (the command sets it from NODE_ENV=production): refuses the test hooks. @default false */
  readonly production?: boolean;
}

/** Maps a service variable back to the flag a user would fix. */
const flagOf: Readonly<Record<string, string>> = {
  [serviceVariables.databaseUrl]: '--database-url',
  [serviceVariables.redisUrl]: '--redis-url',
  [serviceVariables.host]: '--host',
  [serviceVariables.port]: '--port',
  [serviceVariables.workers]: '--workers',
  [serviceVariables.tokenSecret]: '--token-secret',
  [serviceVariables.slowOperationThresholdMs]: '--slow-threshold-ms',
  [serviceVariables.referralsEnabled]: '--no-referrals',
  [serviceVariables.testDelay]: '--test-delay',
};

/** A service started by `runServe`: its child process, until it exits. */
export interface ServeProcess {
  readonly pid: number;
  /** Asks the service to shut down gracefully (SIGTERM). */
  stop(): void;
  /** Resolves to the service's exit code once it has exited and the dev secret, if any, is removed. */
  readonly exited: Promise<number | null>;
}

/**
 * The service's environment for `options`, checked the way the service will check it, so a bad
 * flag fails here naming the flag rather than the variable.
 */
function environmentFor(options: ServeOptions & { tokenSecret: string }): Record<string, string> {
  const settings = serviceEnvironment({
    databaseUrl: options.databaseUrl,
    redisUrl: options.redisUrl,
    port: options.port ?? 3000,
    host: options.host ?? '127.0.0.1',
    workers: options.workers ?? 1,
    tokenSecret: options.tokenSecret,
    slowThresholdMs: options.slowThresholdMs,
    referrals: options.referrals ?? true,
    testDelay: options.testDelay,
  });
  const env: Record<string, string | undefined> = { ...process.env, ...settings };
  // The options are the whole configuration: a setting they leave out must not come in from the shell.
  for (const name of [
    serviceVariables.redisUrl,
    serviceVariables.testDelay,
    serviceVariables.slowOperationThresholdMs,
  ]) {
    if (!(name in settings)) delete env[name];
  }
  if (options.production) env[serviceVariables.production] = 'production';
  try {
    readServiceEnvironment(env);
  } catch (error: unknown) {
    if (error instanceof ServiceEnvironmentError) {
      const problem = error.message.slice(error.variable.length + 2);
      const flag = flagOf[error.variable] ?? error.variable;
      throw badFlag(flag, flag === '--test-delay' ? `${problem} (also read from ${testDelayVariable})` : problem);
    }
    throw error;
  }
  return Object.fromEntries(Object.entries(env).filter((pair): pair is [string, string] => pair[1] !== undefined));
}

/** Library form of the command: checks the flags and starts the compiled service as a child process. */
export async function runServe(options: ServeOptions): Promise<ServeProcess> {
  const announce = options.announce ?? ((line: string) => process.stderr.write(`${line}\n`));
  parseDatabaseUrl(options.databaseUrl);
  const devSecret = options.tokenSecret === undefined && options.dev ? await createDevSecret(announce) : undefined;
  const removeDevSecret = async () => {
    if (devSecret) await rm(devSecret.path, { force: true });
  };
  const tokenSecret = options.tokenSecret ?? devSecret?.secret;
  if (!tokenSecret) {
    throw badFlag(
      '--token-secret',
      `a token secret is required (the flag or ${tokenSecretVariable}); --dev generates a throwaway one`,
    );
  }
  let env: Record<string, string>;
  let entry: string;
  try {
    env = environmentFor({ ...options, tokenSecret });
    entry = await assertServiceBuilt();
  } catch (error: unknown) {
    await removeDevSecret();
    throw error;
  }
  const child = spawn(process.execPath, [entry], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve(code));
  }).finally(removeDevSecret);
  return { pid: child.pid ?? -1, stop: () => void child.kill('SIGTERM'), exited };
}

/** A random secret for local use, written where token minting can read it. */
async function createDevSecret(announce: (line: string) => void): Promise<{ secret: string; path: string }> {
  const secret = randomBytes(32).toString('base64url');
  const path = devTokenSecretPath();
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeFile(path, `${secret}\n`, { mode: 0o600 });
  // writeFile's mode applies only when it creates the file; a leftover one keeps its own otherwise.
  await chmod(path, 0o600);
  announce(`--dev: generated a token secret, kept in ${path} (mode 0600) while the service runs`);
  return { secret, path };
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description(
      'Run the compiled reference referral service (dist/service/main.js; `npm run build`) until SIGTERM or Ctrl-C.',
    )
    .requiredOption(
      '--database-url <url>',
      'PostgreSQL URL of a migrated referral-bench database',
      process.env.DATABASE_URL,
    )
    .option('--redis-url <url>', 'Redis URL for the caches (default: an in-process cache)', process.env.REDIS_URL)
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--port <port>', 'TCP port (0 picks a free one)', wholeNumberOption('--port', 0, 65_535), 3000)
    .option('--workers <n>', 'worker processes (node:cluster)', wholeNumberOption('--workers', 1, 256), 1)
    .option('--token-secret <secret>', `secret that signs bearer tokens (default: $${tokenSecretVariable})`)
    .option('--dev', 'without a secret, generate a random one and say where it is kept', false)
    .option(
      '--slow-threshold-ms <ms>',
      'operations slower than this go to referral_performance_metrics',
      wholeNumberOption('--slow-threshold-ms', 0, 3_600_000),
      100,
    )
    .option('--no-referrals', 'serve the CRM without the referral feature (no referral joins, widgets or achievements)')
    .option(
      '--test-delay <route:ms>',
      `calibration hook: add ms to every request of one route (label or URL pattern); refused under NODE_ENV=production (default: $${testDelayVariable})`,
      process.env[testDelayVariable] || undefined,
    )
    .action(async (options: Omit<ServeOptions, 'announce' | 'production'>) => {
      const service = await runServe({
        ...options,
        tokenSecret: options.tokenSecret ?? process.env[tokenSecretVariable],
        production: process.env.NODE_ENV === 'production',
      });
      // Ctrl-C reaches the service too (one process group); a signal sent to this process alone is passed on.
      for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, service.stop);
      const code = await service.exited;
      if (code !== 0)
        throw new HarnessError(
          'SERVICE_FAILED',
          `the service exited with ${code === null ? 'a signal' : `code ${code}`}`,
        );
    });
}
