/**
 * The closed model: N virtual users, each a loop of its own (journey step, response, think
 * time), as a browser session behaves. Paced by the harness over its own
 * keep-alive HTTP/1.1 client (http-connection-pool.ts), not by autocannon.
 */
import { getMaxListeners, setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { startGeneratorMonitor, type GeneratorMonitor, type GeneratorSamples } from '../measure/generator-monitor.js';
import { assessGeneratorHealth, type BottleneckLimits } from '../measure/generator-health.js';
import { RunRecorder } from '../measure/run-recorder.js';
import type { LoadRunResult } from '../result/load-result.schema.js';
import { assertLoadTarget, type LoadTarget } from './load-bounds.js';
import { createPool, sendRequest } from './http-sender.js';
import { createPrng, pickWeighted } from '../../core/prng-function.js';
import { sampleThinkTime, type ThinkTime } from '../../model/think-time.js';
import type { LoadRequest, VirtualUser, WeightedSession, WeightedStep } from '../../model/load-request.js';

export interface ClosedModelOptions extends LoadTarget {
  /** Concurrent virtual users (one keep-alive connection each). */
  readonly users: number;
  /** The journey each user repeats: one weighted step per request (a session of one request each). */
  readonly journey?: readonly WeightedStep[];
  /** Sessions each user runs one after another, chosen by weight; takes the place of `journey`. */
  readonly sessions?: readonly WeightedSession[];
  /** Pause between a response and the user's next request. */
  readonly thinkTime: ThinkTime;
  /** Users start evenly spread over this time. @default 0 */
  readonly rampUpMs?: number;
  /** Seed of the users' PRNGs (user i uses seed + i). @default 1 */
  readonly seed?: number;
  /** @default 30000 */
  readonly requestTimeoutMs?: number;
  readonly bottleneckLimits?: BottleneckLimits;
}

/** Runs the closed model until durationMs has passed or maxRequests were sent. */
export async function runClosedModel(options: ClosedModelOptions): Promise<LoadRunResult> {
  const url = assertLoadTarget(options);
  const sessions: readonly WeightedSession[] =
    options.sessions ??
    (options.journey ?? []).map((step) => ({ weight: step.weight, name: 'request', steps: [step.request] }));
  if (sessions.length === 0 || sessions.some((session) => session.steps.length === 0))
    throw new Error('runClosedModel: the journey has no steps');
  const pool = createPool(url.origin, options.users, options.requestTimeoutMs ?? 30_000);
  const basePath = url.pathname.replace(/\/$/, '');
  const rampUpMs = options.rampUpMs ?? 0;
  const seed = options.seed ?? 1;
  const startMs = performance.now();
  const measureFromMs = startMs + (options.warmupMs ?? 0);
  const deadline = measureFromMs + options.durationMs;
  const recorder =
    options.record?.recorder ??
    new RunRecorder(measureFromMs, { durationMs: options.durationMs, repetitions: options.repetitions ?? 1 });
  // A caller's recorder cut by time starts with this load's measured window.
  if (options.record !== undefined && options.record.repetition === undefined) recorder.anchor(measureFromMs);
  let monitor: GeneratorMonitor | undefined;
  const warmupOver = setTimeout(
    () => {
      monitor = startGeneratorMonitor();
    },
    Math.max(0, measureFromMs - performance.now()),
  );
  let sent = 0;
  let failed = false;

  // A pause (ramp-up, think time) the run's stop cuts short. Every user pauses on the one signal
  // at once: Node's leak warning at 10 listeners would fire at every level above 10 users.
  if (options.abort) setMaxListeners(Math.max(getMaxListeners(options.abort), options.users + 10), options.abort);
  const pause = (ms: number): Promise<void> =>
    sleep(ms, undefined, options.abort ? { signal: options.abort } : undefined).catch(() => undefined);

  const user = async (index: number): Promise<void> => {
    const prng = createPrng(seed + index);
    const startDelay = (rampUpMs * index) / options.users;
    if (startDelay > 0) await pause(Math.min(startDelay, deadline - performance.now()));
    const more = (): boolean =>
      !failed && options.abort?.aborted !== true && performance.now() < deadline && sent < options.maxRequests;
    let iteration = 0;
    while (more()) {
      const session = pickWeighted(sessions, prng);
      const sentBefore = iteration;
      for (const step of session.steps) {
        if (!more()) break;
        const identity: VirtualUser = { index, iteration };
        let request: LoadRequest | undefined;
        try {
          request = step(prng, identity);
        } catch (error: unknown) {
          // A scenario that cannot build its request (e.g. the context lacks data) ends the step for every user.
          failed = true;
          session.end?.(identity);
          throw error;
        }
        // Nothing to send (e.g. no referral left to move): the session goes on without a pause.
        if (request === undefined) continue;
        iteration += 1;
        sent += 1;
        const result = await sendRequest(pool, request, basePath);
        if (result.sentAtMs >= measureFromMs)
          recorder.record(
            {
              label: request.label,
              outcome: result.outcome,
              latencyMs: result.completedAtMs - result.sentAtMs,
              completedAtMs: result.completedAtMs,
            },
            options.record?.repetition,
          );
        const thinkMs = Math.min(sampleThinkTime(options.thinkTime, prng), deadline - performance.now());
        if (thinkMs > 0) await pause(thinkMs);
      }
      session.end?.({ index, iteration });
      // A session with nothing to send idles for a think time rather than spin on the event loop.
      if (iteration === sentBefore)
        await pause(Math.max(1, Math.min(sampleThinkTime(options.thinkTime, prng), deadline - performance.now())));
    }
  };

  let samples: GeneratorSamples;
  try {
    await Promise.all(Array.from({ length: options.users }, (_, index) => user(index)));
  } finally {
    clearTimeout(warmupOver);
    samples = (monitor ?? startGeneratorMonitor()).stop();
    await pool.close();
  }
  const durationMs = Math.max(0, performance.now() - measureFromMs);
  return recorder.toResult({
    ...(options.record?.repetition === undefined ? {} : { onlyRepetition: options.record.repetition }),
    runner: 'builtin',
    mode: 'closed',
    durationMs,
    concurrency: options.users,
    generator: assessGeneratorHealth(samples, undefined, options.bottleneckLimits),
  });
}
