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
  /** Stops the timer (its worker is kept, idle, for the next one); the callback is not called again. */
  close(): Promise<void>;
}

// Shared words: [0] arming generation (bumped on every wakeAt), [1] closed flag; then the
// armed time as a Float64 on the Unix-epoch ms clock (performance.now() differs per thread), NaN
// when disarmed (a released worker waits for its next arming instead of firing a stale one).
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
  const at = target[0];
  if (Number.isNaN(at)) { fired = generation; continue; }
  const delay = at - now();
  if (delay > 0 && Atomics.wait(words, 0, generation, delay) !== 'timed-out') continue;
  fired = generation;
  parentPort.postMessage(generation);
}
`;

/** A started worker and the timer that holds it now, if any. */
interface TimerThread {
  readonly worker: Worker;
  readonly words: Int32Array;
  readonly target: Float64Array;
  /** The generation the holder armed last; a wake for any other is stale. */
  armed: number;
  holder: { readonly onWake: () => void; readonly onError: (error: Error) => void } | undefined;
  broken: boolean;
}

/**
 * Workers a closed timer gave back, idle and unreferenced. Starting a worker costs 40 to 460 ms
 * on this project's 2-core machine under load (more than half a paired step's 0.75 s repetition),
 * and a paired step starts one timer per repetition and side, so a closed timer's worker is kept
 * for the next one instead of terminated. Idle workers do not hold the process open.
 */
const idle: TimerThread[] = [];

async function startThread(): Promise<TimerThread> {
  const shared = new SharedArrayBuffer(16);
  const thread: TimerThread = {
    worker: new Worker(workerSource, { eval: true, workerData: shared }),
    words: new Int32Array(shared, 0, 2),
    target: new Float64Array(shared, 8, 1),
    armed: 0,
    holder: undefined,
    broken: false,
  };
  thread.target[0] = Number.NaN;
  const { worker } = thread;
  worker.on('message', (generation: number) => {
    // a wake for an arming that a later wakeAt (or a release) replaced is stale
    if (thread.holder === undefined || generation !== thread.armed) return;
    worker.unref();
    thread.holder.onWake();
  });
  let started = false;
  const fail = (error: Error): void => {
    if (thread.broken) return;
    thread.broken = true;
    const at = idle.indexOf(thread);
    if (at !== -1) idle.splice(at, 1);
    // before 'online', a failure rejects the start instead (through once())
    if (started) thread.holder?.onError(error);
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the precise timer's worker exited (code ${code})`)));
  await once(worker, 'online');
  started = true;
  worker.unref();
  return thread;
}

/**
 * Starts the timer (on an idle worker if one is left from an earlier timer) and resolves once its
 * worker runs. While armed it keeps the process alive, as a pending setTimeout would; idle, it
 * does not. `onError` hears a worker that failed or exited before close(): no wake will come
 * after that.
 */
export async function startPreciseTimer(
  onWake: () => void,
  onError: (error: Error) => void = () => undefined,
): Promise<PreciseTimer> {
  const thread = idle.pop() ?? (await startThread());
  thread.holder = { onWake, onError };
  const { worker, words, target } = thread;
  let closed = false;
  return {
    wakeAt(atMs: number): void {
      if (closed) return;
      target[0] = performance.timeOrigin + atMs;
      thread.armed = Atomics.add(words, 0, 1) + 1;
      worker.ref();
      Atomics.notify(words, 0);
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      thread.holder = undefined;
      worker.unref();
      if (thread.broken) return;
      // Disarmed and given back: the worker waits for the next timer's first arming.
      target[0] = Number.NaN;
      Atomics.add(words, 0, 1);
      Atomics.notify(words, 0);
      idle.push(thread);
    },
  };
}
