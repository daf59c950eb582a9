/** The port of a server a test stops and starts again on the same address: held in its worker's slice (see held-port.ts). */
import { heldPort } from '../../src/harness/stack/held-port.js';

/** A free loopback port held for this worker, for a server that will be restarted on it. */
export function restartablePort(): Promise<number> {
  const worker = Number(process.env.VITEST_POOL_ID ?? 1);
  return heldPort(Number.isInteger(worker) && worker > 0 ? (worker - 1) % 24 : 0);
}
