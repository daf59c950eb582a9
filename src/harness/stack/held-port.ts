/**
 * Ports for servers that are stopped and started again on the same address (the faults
 * scenario's Redis and PostgreSQL, the tests' restartable servers). While such a server is down
 * its port is free, and a port from get-port's usual bind(0) probe could be handed to any other
 * process in that gap. These are held instead:
 * - below the kernel's ephemeral range (Linux: 32768-60999), where no bind(0) of any process
 *   lands, so no server on "a free port" can take it;
 * - in a slice of that range per user of it (each test worker, the harness), so two never pick the same one;
 * - reserved in get-port for the rest of the process, so no later call in it hands it out again.
 */
import getPort from 'get-port';

const first = 20_000;
const sliceSize = 500;
const slices = 25;

/** The slice the harness's own restartable servers take (test workers take 0 to 23). */
export const harnessPortSlice = 24;

/** A free loopback port of `slice`, held for this process. */
export function heldPort(slice: number): Promise<number> {
  const from = first + ((Number.isInteger(slice) && slice >= 0 ? slice : 0) % slices) * sliceSize;
  // From a random place in the slice: a second process using the slice starts elsewhere in it.
  const offset = Math.floor(Math.random() * sliceSize);
  const ports = Array.from({ length: sliceSize }, (_, i) => from + ((offset + i) % sliceSize));
  return getPort({ host: '127.0.0.1', port: ports, reserve: true });
}
