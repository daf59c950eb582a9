/**
 * A timer for the open model's intended send times, good to a small fraction of a millisecond.
 *
 * Written here because Node has none: setTimeout fires on libuv's whole-millisecond ticks, so
 * at 300 Poisson arrivals/s the open model's sends went out a median 0.62 ms (p95 1.1 ms) after
 * their intended times, and that wait, the generator's and not the service's, went into every
 * corrected latency. A worker thread sleeps in Atomics.wait instead, which takes a fractional
 * timeout, and wakes the main thread with a message (a libuv async handle, which interrupts the
 * main thread's poll at once): 0.10-0.12 ms median, 0.27-0.29 ms p95, in bench/pacing-lateness.ts
 * on this project's 2-core machine. Both threads sleep between arrivals: no spinning.
 */
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';

export interface PreciseTimer {
  /** Calls the wake callback once, at `performance.now()` time `atMs` (at once if past); replaces any earlier arming. */
  wakeAt(atMs: number): void;
  /** Stops the worker; the callback is not called again. */
  close(): Promise<void>;
}

// Shared words: [0] arming generation (bumped on every wakeAt), [1] closed flag; then the
// armed time as a Float64 on the Unix-epoch ms clock (performance.now() differs per thread).
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const words = new Int32Array(workerData, 0, 2);
const target = new Float64Array(workerData, 8, 1);
const now = () => performance.timeOrigin + performance.now();
let fired = 0;
for (;;) {
  if (Atomics.load(words, 1) === 1) break;
  const generation = Atomics.load(words, 0);
  if (generation === fired) { Atomics.wait(words, 0, generation); continue; }
  const delay = target[0] - now();
  if (delay > 0 && Atomics.wait(words, 0, generation, delay) !== 'timed-out') continue;
  fired = generation;
  parentPort.postMessage(generation);
}
`;

/**
 * Starts the timer's worker and resolves once it runs. While armed it keeps the process alive,
 * as a pending setTimeout would; idle, it does not. `onError` hears a worker that failed or
 * exited before close(): no wake will come after that.
 */
export async function startPreciseTimer(
  onWake: () => void,
  onError: (error: Error) => void = () => undefined,
): Promise<PreciseTimer> {
  const shared = new SharedArrayBuffer(16);
  const words = new Int32Array(shared, 0, 2);
  const target = new Float64Array(shared, 8, 1);
  const worker = new Worker(workerSource, { eval: true, workerData: shared });
  let armed = 0;
  let closed = false;
  worker.on('message', (generation: number) => {
    // a wake for an arming that a later wakeAt replaced is stale
    if (closed || generation !== armed) return;
    worker.unref();
    onWake();
  });
  // before 'online', a failure rejects the start instead (through once())
  let started = false;
  let failed = false;
  const fail = (error: Error): void => {
    if (!started || closed || failed) return;
    failed = true;
    onError(error);
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the precise timer's worker exited (code ${code})`)));
  await once(worker, 'online');
  started = true;
  worker.unref();
  return {
    wakeAt(atMs: number): void {
      if (closed) return;
      target[0] = performance.timeOrigin + atMs;
      armed = Atomics.add(words, 0, 1) + 1;
      worker.ref();
      Atomics.notify(words, 0);
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      Atomics.store(words, 1, 1);
      Atomics.add(words, 0, 1);
      Atomics.notify(words, 0);
      await worker.terminate();
    },
  };
}
