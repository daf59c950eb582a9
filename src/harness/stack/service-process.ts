/**
 * Runs the service as a child process (`referral-bench serve`), the way the harness measures it:
 * over a real socket, in its own process, so the harness's own work never shares its event loop.
 * Stopped on `stop()`, and by the cleanup hooks on exit, Ctrl-C or failure.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import getPort from 'get-port';
import { HarnessError } from '../errors.js';
import { onCleanup } from './cleanup.js';

export interface ServiceProcessOptions {
  readonly databaseUrl: string;
  readonly redisUrl?: string;
  /** @default a free loopback port */
  readonly port?: number;
  /** @default 1 */
  readonly workers?: number;
  /** Passed through the environment, never the command line (which `ps` shows). */
  readonly tokenSecret: string;
  /** Extra environment variables for the service. */
  readonly env?: Readonly<Record<string, string>>;
  /** Extra `serve` flags (e.g. `--slow-threshold-ms`, `50`). */
  readonly args?: readonly string[];
  /** How long to wait for GET /health to answer 200. @default 60000 */
  readonly startTimeoutMs?: number;
  /** Receives the service's output lines (JSON logs on stdout, progress on stderr). @default keeps the last lines for errors */
  readonly onLog?: (line: string) => void;
  /**
   * The `referral-bench` CLI entry to run `serve` with, e.g. another revision's
   * `<worktree>/bin/referral-bench.js`. @default this checkout's bin/referral-bench.js
   */
  readonly entry?: string;
  /** Working directory of the service process. @default this process's */
  readonly cwd?: string;
}

export interface ServiceProcess {
  readonly url: string;
  /** Undefined for a deployed target, whose process is not on this machine's books. */
  readonly pid: number | undefined;
  /** SIGTERM, then SIGKILL if it has not exited after `graceMs` (default 15000). Idempotent; resolves to the exit code. */
  stop(graceMs?: number): Promise<number | null>;
}

const cliEntry = fileURLToPath(new URL('../../../bin/referral-bench.js', import.meta.url));
const keptLines = 40;

export async function startServiceProcess(options: ServiceProcessOptions): Promise<ServiceProcess> {
  const port = options.port ?? await getPort({ host: '127.0.0.1' });
  const args = [options.entry ?? cliEntry, 'serve', '--database-url', options.databaseUrl, '--port', String(port), '--host', '127.0.0.1',
    '--workers', String(options.workers ?? 1), ...(options.redisUrl ? ['--redis-url', options.redisUrl] : []), ...(options.args ?? [])];
  const child = spawn(process.execPath, args, {
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    env: { ...process.env, ...options.env, REFERRAL_BENCH_TOKEN_SECRET: options.tokenSecret },
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
  void exited.then((code) => { exitCode = code; });

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
  const unregister = onCleanup(async () => { await stop(); });

  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url, options.startTimeoutMs ?? 60_000, () => exitCode !== undefined);
  } catch (error: unknown) {
    await stop(2000);
    const reason = exitCode !== undefined ? `exited with code ${exitCode}` : (error instanceof Error ? error.message : String(error));
    throw new HarnessError('SERVICE_FAILED', `the service did not start: ${reason}${tail.length ? `\n${tail.join('\n')}` : ''}`, { cause: error });
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
