/**
 * Runs the service. With one worker it is a single process; with more, a node:cluster primary
 * forks the workers (which share the listening socket), restarts any that die, and does nothing
 * else. Every serving process builds the app, takes part in the maintenance leader election,
 * and shuts down gracefully on SIGTERM / SIGINT: it stops accepting connections, lets in-flight
 * requests finish, then closes its pool and cache.
 */
import cluster, { type Worker } from 'node:cluster';
import { buildApp } from './app.js';
import type { ServiceConfig } from './config.js';
import { startMaintenanceScheduler } from './maintenance/maintenance-scheduler.js';
import { serveClusterMetrics } from './metrics/cluster-metrics.js';

export interface ServerOptions {
  /** Interface to listen on. @default '127.0.0.1' */
  readonly host?: string;
  /** Shut down on SIGTERM / SIGINT (and, in a worker, when the primary goes away). @default true */
  readonly handleSignals?: boolean;
}

export interface RunningServer {
  /** Base URL the service answers on. */
  readonly url: string;
  /** Resolves once the server has shut down, whoever asked for it. */
  readonly closed: Promise<void>;
  /** Shuts down gracefully (idempotent). */
  close(): Promise<void>;
}

/** A dying worker is replaced after this pause, so a worker that fails at start cannot spin the CPU. */
const restartDelayMs = 1000;
/** Workers still running this long after SIGTERM are killed. */
const workerStopTimeoutMs = 15_000;

/** Starts the service as configured; resolves once it accepts connections. */
export function startServer(config: ServiceConfig, options: ServerOptions = {}): Promise<RunningServer> {
  if (config.workers > 1 && cluster.isPrimary) return startPrimary(config, options);
  if (!cluster.isWorker) return startServing(config, options);
  return startServing(config, options).catch((error: unknown) => {
    // Let the failed worker exit (its IPC channel would keep it alive) so the primary sees it.
    if (process.connected) process.disconnect();
    throw error;
  });
}

async function startServing(config: ServiceConfig, options: ServerOptions): Promise<RunningServer> {
  const app = await buildApp(config);
  const url = await app.listen({ port: config.port, host: options.host ?? '127.0.0.1' });
  const maintenance = startMaintenanceScheduler({ databaseUrl: config.databaseUrl, log: app.log });

  const { closed, close } = closeOnce(async () => {
    app.log.info('shutting down');
    await maintenance.stop();
    await app.close();
    // The IPC channel to the primary would keep a worker's event loop alive forever.
    if (cluster.isWorker && process.connected) process.disconnect();
  });
  if (options.handleSignals ?? true) {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void close());
    // A worker whose primary is gone (killed, crashed) would otherwise serve on, unsupervised.
    if (cluster.isWorker) process.once('disconnect', () => void close());
  }
  return { url, closed, close };
}

async function startPrimary(config: ServiceConfig, options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  let stopping = false;
  let started = false;
  let failStart: (error: Error) => void = () => undefined;
  const listening = new Promise<number>((resolve, reject) => {
    failStart = reject;
    cluster.once('listening', (_worker, address) => {
      started = true;
      resolve(address.port);
    });
  });

  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    const how = signal ?? `exit code ${code}`;
    if (!started) {
      // A worker that cannot start (bad database URL, port taken) would fail the same way again.
      stopping = true;
      for (const other of Object.values(cluster.workers ?? {})) other?.process.kill('SIGTERM');
      failStart(new Error(`worker ${worker.process.pid} exited (${how}) before listening`));
      return;
    }
    log(50, `worker ${worker.process.pid} died (${how}); starting a new one`);
    setTimeout(() => {
      if (!stopping) cluster.fork();
    }, restartDelayMs);
  });

  // A worker's /metrics asks the primary for every worker's metrics, merged.
  const stopMetrics = serveClusterMetrics();
  for (let i = 0; i < config.workers; i += 1) cluster.fork();
  // Workers listening on port 0 all get the one port the first of them drew.
  const port = await listening;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  log(30, `primary ${process.pid}: ${config.workers} workers listening at ${url}`);

  const { closed, close } = closeOnce(async () => {
    stopping = true;
    stopMetrics();
    await Promise.all(Object.values(cluster.workers ?? {}).map((worker) => (worker ? stopWorker(worker) : undefined)));
  });
  if (options.handleSignals ?? true) {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void close());
  }
  return { url, closed, close };
}

/** Wraps a shutdown so that it runs once, and exposes its completion as `closed`. */
function closeOnce(shutdown: () => Promise<void>): { closed: Promise<void>; close: () => Promise<void> } {
  let closing: Promise<void> | undefined;
  let markClosed: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => {
    markClosed = resolve;
  });
  const close = () => {
    closing ??= shutdown().finally(markClosed);
    return closing;
  };
  return { closed, close };
}

function stopWorker(worker: Worker): Promise<void> {
  return new Promise((resolve) => {
    if (worker.isDead()) return resolve();
    const timer = setTimeout(() => worker.process.kill('SIGKILL'), workerStopTimeoutMs);
    worker.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    worker.process.kill('SIGTERM');
  });
}

/** The primary has no app (and so no pino logger): it writes the same JSON line format. */
function log(level: 30 | 50, msg: string): void {
  process.stdout.write(`${JSON.stringify({ level, time: Date.now(), pid: process.pid, msg })}\n`);
}
