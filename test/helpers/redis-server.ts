/**
 * A private redis-server for tests that stop and restart Redis (the shared one on 6379 must never
 * be touched): a loopback port held for its restarts, no persistence, stopped by the test.
 * Where redis-server is missing its tests fail, never skip: unlike Chromium, it is no optional extra.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import type { Cache } from '../../src/service/cache/cache.js';
import { restartablePort } from './restartable-port.js';

export interface PrivateRedis {
  readonly port: number;
  readonly url: string;
  /** Stops the server (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port (no other server can have taken it meanwhile), empty. */
  start(): Promise<void>;
}

/** Starts redis-server on a port of its own and waits until it answers PING. */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await restartablePort();
  let child: ChildProcess | undefined;

  async function start(): Promise<void> {
    if (child) return;
    const started = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: 'ignore',
      },
    );
    child = started;
    started.once('exit', () => {
      if (child === started) child = undefined;
    });
    const missing = new Promise<never>((_, reject) => {
      started.once('error', (error) =>
        reject(
          new Error(`cannot run redis-server (apt-get install redis-server; .ci/run installs it): ${error.message}`),
        ),
      );
    });
    await Promise.race([waitForPing(port, 10_000), missing]);
  }

  async function stop(): Promise<void> {
    const running = child;
    if (!running) return;
    child = undefined;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill('SIGTERM');
    await exited;
  }

  await start();
  return { port, url: `redis://127.0.0.1:${port}`, stop, start };
}

async function waitForPing(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await ping(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`redis-server on port ${port} did not answer within ${timeoutMs} ms`);
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

/**
 * Waits until a Redis-backed cache stores and returns a value: it connects in the background and
 * answers misses until then.
 */
export async function untilCacheWorks(cache: Cache, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    await cache.set('cache-probe', 'ok', 60);
    if ((await cache.get('cache-probe')) === 'ok') {
      await cache.delete('cache-probe');
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the cache did not work within ${timeoutMs} ms`);
}
