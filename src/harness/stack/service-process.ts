/**
 * Runs the service as a child process, the way the harness measures it: the compiled entry
 * (`node dist/service/main.js`, refused when dist/ is older than the sources) configured through
 * its environment, over a real socket, in its own process, so the harness's own work never shares
 * its event loop. Stopped on `stop()`, and by the cleanup hooks on exit, Ctrl-C or failure.
 */
import { spawn } from 'node:child_process';
import getPort from 'get-port';
import { assertServiceBuilt } from '../build/service-build-info.js';
import { HarnessError } from '../../core/errors.js';
import { onCleanup } from './cleanup.js';
import { serviceEnvironment } from './service-environment.js';
import { serviceVariables } from '../../service/index.js';

export interface ServiceProcessOptions {
  readonly databaseUrl: string;
  readonly redisUrl?: string;
  /** @default a free loopback port */
  readonly port?: number;
  /** @default 1 */
  readonly workers?: number;
  /** Passed through the environment, never the command line (which `ps` shows). */
  readonly tokenSecret: string;
  /** The referral feature; false is the integration-impact "before". @default true */
  readonly referrals?: boolean;
  /** The calibration hook, `<route>:<ms>`. @default off */
  readonly testDelay?: string;
  /** Extra environment variables for the service. */
  readonly env?: Readonly<Record<string, string>>;
  /** How long to wait for GET /health to answer 200. @default 60000 */
  readonly startTimeoutMs?: number;
  /** Receives the service's output lines (JSON logs on stdout, progress on stderr). @default keeps the last lines for errors */
  readonly onLog?: (line: string) => void;
  /**
   * Another revision's `referral-bench` CLI entry (`<worktree>/bin/referral-bench.js`) to run its
   * `serve` command instead of this checkout's compiled service: the one way every revision, built
   * or from before the build existed, starts. `pid` is then the CLI's.
   * @default this checkout's dist/service/main.js
   */
  readonly entry?: string;
  /** Working directory of the service process. @default this process's */
  readonly cwd?: string;
}

export interface ServiceProcess {
  readonly url: string;
  /** Undefined for a deployed target or a container, whose processes are not on this machine's books. */
  readonly pid: number | undefined;
  /** SIGTERM, then SIGKILL if it has not exited after `graceMs` (default 15000). Idempotent; resolves to the exit code. */
  stop(graceMs?: number): Promise<number | null>;
}

const keptLines = 40;

/** `serve` flags for a revision's CLI: the same settings as the compiled entry's environment. */
function serveArgs(entry: string, options: ServiceProcessOptions, port: number): string[] {
  return [
    entry,
    'serve',
    '--database-url',
    options.databaseUrl,
    '--port',
    String(port),
    '--host',
    '127.0.0.1',
    '--workers',
    String(options.workers ?? 1),
    ...(options.redisUrl ? ['--redis-url', options.redisUrl] : []),
    ...(options.referrals === false ? ['--no-referrals'] : []),
    ...(options.testDelay ? ['--test-delay', options.testDelay] : []),
  ];
}

/** The environment without any of the service's own variables. */
function withoutServiceVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const names = new Set<string>(Object.values(serviceVariables));
  return Object.fromEntries(Object.entries(env).filter(([name]) => !names.has(name)));
}

export async function startServiceProcess(options: ServiceProcessOptions): Promise<ServiceProcess> {
  const port = options.port ?? (await getPort({ host: '127.0.0.1' }));
  const args = options.entry === undefined ? [await assertServiceBuilt()] : serveArgs(options.entry, options, port);
  const settings = serviceEnvironment({
    databaseUrl: options.databaseUrl,
    redisUrl: options.redisUrl,
    port,
    host: '127.0.0.1',
    workers: options.workers ?? 1,
    tokenSecret: options.tokenSecret,
    referrals: options.referrals,
    testDelay: options.testDelay,
  });
  const child = spawn(process.execPath, args, {
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    // The token secret goes through the environment either way; the CLI reads it from there too.
    // Only the settings asked for: a service variable left in the shell (a test delay, a Redis
    // URL) would otherwise configure the measured service behind the run's back.
    env: { ...withoutServiceVariables(process.env), ...options.env, ...settings },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail: string[] = [];
  const onLine = (line: string) => {
    tail.push(line);
    if (tail.length > keptLines) tail.shift();
    options.onLog?.(line);
  };
  for (const stream of [child.stdout, child.stderr]) {
    let partial = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) if (line) onLine(line);
    });
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let exitCode: number | null | undefined;
  void exited.then((code) => {
    exitCode = code;
  });

  let stopping: Promise<number | null> | undefined;
  const stop = (graceMs = 15_000): Promise<number | null> => {
    stopping ??= (async () => {
      if (exitCode === undefined) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      }
      unregister();
      return exited;
    })();
    return stopping;
  };
  const unregister = onCleanup(async () => {
    await stop();
  });

  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url, options.startTimeoutMs ?? 60_000, () => exitCode !== undefined);
  } catch (error: unknown) {
    await stop(2000);
    const reason =
      exitCode !== undefined ? `exited with code ${exitCode}` : error instanceof Error ? error.message : String(error);
    throw new HarnessError(
      'SERVICE_FAILED',
      `the service did not start: ${reason}${tail.length ? `\n${tail.join('\n')}` : ''}`,
      { cause: error },
    );
  }
  return { url, pid: child.pid ?? -1, stop };
}

async function waitForHealth(url: string, timeoutMs: number, hasExited: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (hasExited()) throw new Error('the process exited');
    try {
      const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) });
      await response.body?.cancel();
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`GET ${url}/health did not answer 200 within ${timeoutMs} ms`);
}
