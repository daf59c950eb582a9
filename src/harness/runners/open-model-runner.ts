/**
 * The open model: requests arrive at a given rate whether or not earlier ones have finished,
 * and each latency is recorded twice: from the actual send, and from the intended send time
 * (corrected for coordinated omission: a request held back while the service stalls carries
 * the time it waited).
 *
 * Pacing is ours, not autocannon's `connectionRate`/`overallRate`: autocannon 9 sends each
 * connection's per-second quota in a burst at the start of every second, and its
 * coordinated-omission correction assumes a 1 ms interval whatever the rate. Measured against a
 * 1 ms endpoint (`bench/trivial-endpoint-server.ts`) at 300 req/s, autocannon with `overallRate`
 * reported p50 12-13 ms, where an independent paced client sees about 1 ms (the reference column
 * of `npx tsx bench/paced-vs-reference.ts`, which also holds this runner to that client).
 */
import { startGeneratorMonitor, type GeneratorMonitor, type GeneratorSamples } from '../measure/generator-monitor.js';
import { assessGeneratorHealth, type BottleneckLimits } from '../measure/generator-health.js';
import { RunRecorder } from '../measure/run-recorder.js';
import type { LoadRunResult } from '../result/load-result.schema.js';
import { arrivalGaps, type ArrivalProcess } from './arrival-schedule.js';
import { createArrivalScheduler, lateSendToleranceMs, type ArrivalCounts } from './arrival-scheduler.js';
import { assertLoadTarget, type LoadTarget } from './load-bounds.js';
import { createPool, sendRequest } from './http-sender.js';
import { startPreciseTimer } from './precise-timer.js';
import { createPrng, pickWeighted } from '../../core/prng-function.js';
import type { WeightedStep } from '../../model/load-request.js';

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
  if (!(options.ratePerSecond > 0))
    throw new Error(`runOpenModel: ratePerSecond must be positive, got ${options.ratePerSecond}`);
  const maxInFlight = options.maxInFlight ?? 1000;
  const pool = createPool(url.origin, maxInFlight, options.requestTimeoutMs ?? 30_000);
  const basePath = url.pathname.replace(/\/$/, '');
  const prng = createPrng(options.seed ?? 1);
  const nextGap = arrivalGaps(options.ratePerSecond, options.arrival ?? 'uniform', prng);
  // setTimeout would send up to a millisecond late (see precise-timer.ts). `scheduler` is
  // defined below; the timer calls it only once armed.
  const timer = await startPreciseTimer(
    () => scheduler.tick(),
    (error) => scheduler.stop(error),
  ).catch(async (error: unknown) => {
    await pool.close();
    throw error;
  });
  const startMs = performance.now();
  const measureFromMs = startMs + (options.warmupMs ?? 0);
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
  const scheduler = createArrivalScheduler({
    startMs,
    measureFromMs,
    endMs: measureFromMs + options.durationMs,
    maxRequests: options.maxRequests,
    maxInFlight,
    nextGap,
    now: () => performance.now(),
    wakeAt: (atMs) => timer.wakeAt(atMs),
    aborted: () => options.abort?.aborted === true,
    dispatch: (index, answered) => {
      const request = pickWeighted(options.journey, prng).request(prng, { index, iteration: 0 });
      // An arrival is due now: a scenario with nothing to send cannot hold the asked rate.
      if (request === undefined) throw new Error('the scenario had no request to send (nothing left to write)');
      const label = request.label;
      void sendRequest(pool, request, basePath).then((result) => answered({ label, ...result }));
    },
    record: (request) => recorder.record(request, options.record?.repetition),
  });

  let samples: GeneratorSamples;
  let counts: ArrivalCounts;
  try {
    scheduler.tick();
    counts = await scheduler.finished;
  } finally {
    clearTimeout(warmupOver);
    samples = (monitor ?? startGeneratorMonitor()).stop();
    await timer.close();
    await pool.close();
  }
  const { measuredSent, measuredScheduled, measuredLate, cutByRequestBound, scheduleEndMs } = counts;
  // Over the schedule's measured time, not up to the last send: a stalled service that leaves the
  // last seconds' arrivals queued and dropped has not kept up in them.
  const sendPhaseMs = Math.max(1, Math.min(options.durationMs, scheduleEndMs - measureFromMs));
  return recorder.toResult({
    ...(options.record?.repetition === undefined ? {} : { onlyRepetition: options.record.repetition }),
    runner: 'builtin',
    mode: 'open',
    durationMs: Math.max(0, performance.now() - measureFromMs),
    generator: {
      ...assessGeneratorHealth(
        samples,
        {
          askedRate: options.ratePerSecond,
          achievedRate: (measuredSent / sendPhaseMs) * 1000,
          scheduledRate: (measuredScheduled / sendPhaseMs) * 1000,
        },
        options.bottleneckLimits,
      ),
      arrivals: {
        scheduled: measuredScheduled,
        sent: measuredSent,
        late: measuredLate,
        lateToleranceMs: lateSendToleranceMs,
        dropped: measuredScheduled - measuredSent,
        cutByRequestBound,
      },
    },
  });
}
