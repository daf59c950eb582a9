/**
 * A redis-server of the run's own, on a free loopback port, with no persistence: the faults
 * scenario stops and starts it under load, which the shared Redis on 6379 must never see.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { HarnessError } from '../../core/errors.js';
import { onCleanup } from './cleanup.js';
import { harnessPortSlice, heldPort } from './held-port.js';

export interface RedisProcess {
  readonly url: string;
  /** Stops the server (SIGTERM, SIGKILL after 5 s); safe when already stopped. */
  stop(): Promise<void>;
  /** Starts it again on the same port (its data is gone: a cache starts cold). */
  start(): Promise<void>;
  /** Stops it for good and forgets its cleanup hook. */
  close(): Promise<void>;
}

function launch(port: number): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    let output = '';
    const timer = setTimeout(
      () =>
        fail(new Error(`redis-server was not ready after 10 s: ${output.trim().split('\n').slice(-3).join(' | ')}`)),
      10_000,
    );
    function fail(error: Error) {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    }
    child.once('error', (error: NodeJS.ErrnoException) =>
      fail(
        error.code === 'ENOENT'
          ? new HarnessError('PROVIDER_UNAVAILABLE', 'redis-server is not on PATH (apt-get install redis-server)')
          : error,
      ),
    );
    const onExit = (code: number | null) =>
      fail(new Error(`redis-server exited with ${code}: ${output.trim().split('\n').slice(-3).join(' | ')}`));
    child.once('exit', onExit);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        child.off('exit', onExit);
        // Read no further, but keep the pipe drained so the server never blocks on a full one.
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolve(child);
      }
    };
    child.stdout?.on('data', onData);
  });
}

async function terminate(child: ChildProcess | undefined): Promise<void> {
  if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const killTimer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(killTimer);
}

/** Starts a private redis-server; rejects with PROVIDER_UNAVAILABLE where redis-server is missing. */
export async function startRedisProcess(): Promise<RedisProcess> {
  // Held for the restarts: the service reconnects to the address it was given.
  const port = await heldPort(harnessPortSlice);
  let child: ChildProcess | undefined = await launch(port);
  const unregister = onCleanup(() => terminate(child));
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      await terminate(child);
      child = undefined;
    },
    async start() {
      if (child === undefined) child = await launch(port);
    },
    async close() {
      await terminate(child);
      child = undefined;
      unregister();
    },
  };
}
