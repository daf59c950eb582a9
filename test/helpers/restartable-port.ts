/**
 * The port of a server a test stops and starts again on the same address. While the server is
 * down its port is free, and a port from get-port's usual bind(0) probe could be handed to any
 * other process in that gap. This one is held instead:
 * - below the kernel's ephemeral range (Linux: 32768-60999), where no bind(0) of any process
 *   lands, so no other test's server on "a free port" can take it;
 * - in a slice of that range of its own per suite worker, so two workers never pick the same one;
 * - reserved in get-port for the rest of the worker, so no later call in it hands it out again.
 */
import getPort from 'get-port';

const first = 20_000;
const slice = 500;
const slices = 24;

/** A free loopback port held for this worker, for a server that will be restarted on it. */
export function restartablePort(): Promise<number> {
  const worker = Number(process.env.VITEST_POOL_ID ?? 1);
  const from = first + ((Number.isInteger(worker) && worker > 0 ? worker - 1 : 0) % slices) * slice;
  // From a random place in the slice: a second suite run on the machine starts elsewhere in it.
  const offset = Math.floor(Math.random() * slice);
  const ports = Array.from({ length: slice }, (_, i) => from + ((offset + i) % slice));
  return getPort({ host: '127.0.0.1', port: ports, reserve: true });
}
