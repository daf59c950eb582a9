/**
 * The open model: requests arrive at a given rate whether or not earlier ones have finished,
 * and each latency is recorded twice: from the actual send, and from the intended send time
 * (corrected for coordinated omission: a request held back while the service stalls carries
 * the time it waited).
 *
 * Pacing is ours, not autocannon's `connectionRate`/`overallRate`: autocannon 9 sends each
 * connection's per-second quota in a burst at the start of every second, and its
 * coordinated-omission correction assumes a 1 ms interval whatever the rate. Measured against a
 * 1 ms endpoint at 300 req/s it reported p50 12-13 ms where k6's constant-arrival-rate saw ~1 ms.
 */
import { startGeneratorMonitor, type GeneratorMonitor, type GeneratorSamples } from '../measure/generator-monitor.js';
import { assessGeneratorHealth, type BottleneckLimits } from '../measure/generator-health.js';
import { RunRecorder } from '../measure/run-recorder.js';
import type { LoadRunResult } from '../result/load-result.schema.js';
import { arrivalGaps, type ArrivalProcess } from './arrival-schedule.js';
import { assertLoadTarget, type LoadTarget } from './load-bounds.js';
import { createPool, sendRequest } from './http-sender.js';
import { startPreciseTimer } from './precise-timer.js';
import { createPrng, pickWeighted } from './prng.js';
import type { LoadRequest, WeightedStep } from './load-request.js';

export interface OpenModelOptions extends LoadTarget {
  /** Asked arrival rate. */
  readonly ratePerSecond: number;
  /** Evenly spaced or Poisson arrivals. @default 'uniform' */
  readonly arrival?: ArrivalProcess;
  /** The requests: each arrival draws one weighted step. */
  readonly journey: readonly WeightedStep[];
  /**
   * At most this many requests in flight (and connections); later arrivals wait, and their
   * wait shows in the corrected latency. @default 1000
   */
  readonly maxInFlight?: number;
  /** @default 1 */
  readonly seed?: number;
  /** @default 30000 */
  readonly requestTimeoutMs?: number;
  readonly bottleneckLimits?: BottleneckLimits;
}

/**
 * Runs the open model: arrivals are scheduled over durationMs (at most maxRequests of them);
 * arrivals still waiting for a free slot when the schedule ends are dropped, which lowers the
 * achieved rate the result reports.
 */
export async function runOpenModel(options: OpenModelOptions): Promise<LoadRunResult> {
  const url = assertLoadTarget(options);
  if (options.journey.length === 0) throw new Error('runOpenModel: the journey has no steps');
  if (!(options.ratePerSecond > 0)) throw new Error(`runOpenModel: ratePerSecond must be positive, got ${options.ratePerSecond}`);
  const maxInFlight = options.maxInFlight ?? 1000;
  const pool = createPool(url.origin, maxInFlight, options.requestTimeoutMs ?? 30_000);
  const basePath = url.pathname.replace(/\/$/, '');
  const prng = createPrng(options.seed ?? 1);
  const nextGap = arrivalGaps(options.ratePerSecond, options.arrival ?? 'uniform', prng);
  // setTimeout would send up to a millisecond late (see precise-timer.ts). `tick` and `stop`
  // are defined below; the timer calls them only once armed.
  const timer = await startPreciseTimer(() => tick(), (error) => stop(error)).catch(async (error: unknown) => {
    await pool.close();
    throw error;
  });
  const startMs = performance.now();
  const measureFromMs = startMs + (options.warmupMs ?? 0);
  const endMs = measureFromMs + options.durationMs;
  // Intended times are sums of gaps, so an arrival meant for exactly the end (or the end of the
  // warm-up) can land a rounding error before it: 301 arrivals in 3 s at 100 req/s, not 300.
  const epsilonMs = 1e-6;
  const recorder = options.record?.recorder ?? new RunRecorder(measureFromMs, { durationMs: options.durationMs, repetitions: options.repetitions ?? 1 });
  // A caller's recorder cut by time starts with this load's measured window.
  if (options.record !== undefined && options.record.repetition === undefined) recorder.anchor(measureFromMs);
  let monitor: GeneratorMonitor | undefined;
  let measuredSent = 0;
  let measuredScheduled = 0;
  const warmupOver = setTimeout(() => { monitor = startGeneratorMonitor(); }, Math.max(0, measureFromMs - performance.now()));
  const backlog: number[] = [];
  let nextIntendedMs = startMs;
  let scheduled = 0;
  let sent = 0;
  let inFlight = 0;
  let scheduleDone = false;
  let lastSendMs = startMs;

  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => { finish = resolve; });
  const settleIfDone = (): void => {
    if (scheduleDone && inFlight === 0) finish();
  };

  let failure: unknown;
  /** Ends the schedule with an error; requests in flight still finish. */
  const stop = (error: unknown): void => {
    failure ??= error;
    scheduleDone = true;
    backlog.length = 0;
    settleIfDone();
  };
  const send = (intendedMs: number): void => {
    const index = sent;
    let request: LoadRequest | undefined;
    try {
      request = pickWeighted(options.journey, prng).request(prng, { index, iteration: 0 });
      // An arrival is due now: a scenario with nothing to send cannot hold the asked rate.
      if (request === undefined) throw new Error('the scenario had no request to send (nothing left to write)');
    } catch (error: unknown) {
      // A scenario that cannot build its request (e.g. the context lacks data) ends the step.
      stop(error);
      return;
    }
    sent += 1;
    inFlight += 1;
    const measured = intendedMs >= measureFromMs - epsilonMs;
    if (measured) measuredSent += 1;
    lastSendMs = performance.now();
    const label = request.label;
    void sendRequest(pool, request, basePath).then((result) => {
      inFlight -= 1;
      if (measured) recorder.record({
        label,
        outcome: result.outcome,
        latencyMs: result.completedAtMs - result.sentAtMs,
        correctedLatencyMs: result.completedAtMs - intendedMs,
        completedAtMs: result.completedAtMs,
      }, options.record?.repetition);
      drainBacklog();
      settleIfDone();
    });
  };

  const drainBacklog = (): void => {
    while (inFlight < maxInFlight && backlog.length > 0) send(backlog.shift() as number);
  };

  const tick = (): void => {
    if (scheduleDone) return;
    const now = performance.now();
    while (nextIntendedMs <= now) {
      if (scheduled >= options.maxRequests || nextIntendedMs >= endMs - epsilonMs || options.abort?.aborted === true) {
        scheduleDone = true;
        drainBacklog();
        backlog.length = 0;
        settleIfDone();
        return;
      }
      backlog.push(nextIntendedMs);
      scheduled += 1;
      if (nextIntendedMs >= measureFromMs - epsilonMs) measuredScheduled += 1;
      nextIntendedMs += nextGap();
    }
    drainBacklog();
    if (scheduleDone) return;
    timer.wakeAt(nextIntendedMs);
  };

  let samples: GeneratorSamples;
  try {
    tick();
    await finished;
  } finally {
    clearTimeout(warmupOver);
    samples = (monitor ?? startGeneratorMonitor()).stop();
    await timer.close();
    await pool.close();
  }
  if (failure !== undefined) throw failure;
  const sendPhaseMs = Math.max(1, Math.min(options.durationMs, lastSendMs - measureFromMs + 1000 / options.ratePerSecond));
  return recorder.toResult({
    runner: 'builtin',
    mode: 'open',
    durationMs: Math.max(0, performance.now() - measureFromMs),
    generator: assessGeneratorHealth(samples, { askedRate: options.ratePerSecond, achievedRate: (measuredSent / sendPhaseMs) * 1000, scheduledRate: (measuredScheduled / sendPhaseMs) * 1000 }, options.bottleneckLimits),
  });
}
