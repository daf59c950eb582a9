/**
 * The open model's arrivals on a clock it is given: which are due, which wait for a free slot,
 * which are measured, and each answered request's latency from its actual and from its intended
 * send. The runner gives it performance.now(), its precise timer and HTTP; nothing here reads
 * the time itself, so its arithmetic can be checked on a made-up clock.
 */
import type { RecordedRequest } from '../measure/run-recorder.js';
import type { RequestOutcome } from '../../model/request-outcome.js';

/** How one sent request was answered, on the scheduler's clock. */
export interface Answer {
  readonly label: string;
  readonly outcome: RequestOutcome;
  /** When the request actually left (it may have waited for a free slot after its intended time). */
  readonly sentAtMs: number;
  readonly completedAtMs: number;
}

/**
 * A measured request leaving more than this after its intended time is counted late. The precise
 * timer wakes a median 0.10-0.12 ms and a p95 0.27-0.29 ms late on this project's machine
 * (`npx tsx bench/pacing-lateness.ts`, as precise-timer.ts says), so a request that left past 1 ms waited for something other than the
 * timer: a free slot, a busy event loop, or a new connection.
 */
export const lateSendToleranceMs = 1;

export interface ArrivalSchedulerOptions {
  /** The first arrival's intended time. */
  readonly startMs: number;
  /** Arrivals intended from here on are measured; earlier ones are the warm-up. */
  readonly measureFromMs: number;
  /** No arrival is intended at or after this. */
  readonly endMs: number;
  readonly maxRequests: number;
  /** Requests in flight at most; later arrivals wait in order, and their wait counts in the corrected latency. */
  readonly maxInFlight: number;
  /** A measured request that leaves more than this after its intended time is counted late. @default lateSendToleranceMs */
  readonly lateToleranceMs?: number;
  /** The gap to the next arrival, ms. */
  readonly nextGap: () => number;
  /** The clock every time above is on. */
  readonly now: () => number;
  /** Asks for `tick()` at `atMs` on that clock (replacing any earlier request). */
  readonly wakeAt: (atMs: number) => void;
  /** Whether the load was asked to stop; checked at each arrival. */
  readonly aborted?: () => boolean;
  /** Sends the `index`th request and calls `answered` once, after returning; throws when there is none to send, which ends the schedule. */
  readonly dispatch: (index: number, answered: (answer: Answer) => void) => void;
  /** Takes each measured request's figures. */
  readonly record: (request: RecordedRequest) => void;
}

/** What the schedule did, for the achieved rate. */
export interface ArrivalCounts {
  /** Measured arrivals sent (arrivals still waiting when the schedule ended are dropped). */
  readonly measuredSent: number;
  /** Measured arrivals the schedule produced. */
  readonly measuredScheduled: number;
  /** Measured requests that left (answer.sentAtMs) more than `lateToleranceMs` after their intended time. */
  readonly measuredLate: number;
  /** Measured arrivals never scheduled because the request bound ended the schedule before its end. */
  readonly cutByRequestBound: number;
  /**
   * When the schedule ended: its end, or where the request bound or a stop cut it. The arrivals
   * it produced were due before this, sent or not (a stalled service leaves them queued, then
   * dropped), so their rate is over the time up to it.
   */
  readonly scheduleEndMs: number;
}

export interface ArrivalScheduler {
  /** Schedules every arrival due by now and sends what the free slots allow; call it first, then at each wake. */
  tick(): void;
  /** Ends the schedule with an error; requests in flight still finish. */
  stop(error: unknown): void;
  /** Settles when the schedule is over and nothing is in flight; rejects with the error that stopped it. */
  readonly finished: Promise<ArrivalCounts>;
}

// Intended times are sums of gaps, so an arrival meant for exactly the end (or the end of the
// warm-up) can land a rounding error before it: 301 arrivals in 3 s at 100 req/s, not 300.
const epsilonMs = 1e-6;

export function createArrivalScheduler(options: ArrivalSchedulerOptions): ArrivalScheduler {
  const { measureFromMs, endMs, maxInFlight, lateToleranceMs = lateSendToleranceMs } = options;
  const backlog: number[] = [];
  let nextIntendedMs = options.startMs;
  let scheduled = 0;
  let sent = 0;
  let inFlight = 0;
  let measuredSent = 0;
  let measuredScheduled = 0;
  let measuredLate = 0;
  let cutByRequestBound = 0;
  let scheduleEndMs = options.startMs;
  let scheduleDone = false;
  let failure: unknown;

  let settle: () => void = () => undefined;
  const finished = new Promise<ArrivalCounts>((resolve, reject) => {
    settle = () =>
      failure === undefined
        ? resolve({ measuredSent, measuredScheduled, measuredLate, cutByRequestBound, scheduleEndMs })
        : reject(failure);
  });
  const settleIfDone = (): void => {
    if (scheduleDone && inFlight === 0) settle();
  };

  const stop = (error: unknown): void => {
    failure ??= error;
    if (!scheduleDone) scheduleEndMs = options.now();
    scheduleDone = true;
    backlog.length = 0;
    settleIfDone();
  };

  const send = (intendedMs: number): void => {
    const measured = intendedMs >= measureFromMs - epsilonMs;
    const answered = (answer: Answer): void => {
      inFlight -= 1;
      if (measured) {
        // Late by what separates its corrected latency from its raw one: the wait before it left.
        if (answer.sentAtMs - intendedMs > lateToleranceMs) measuredLate += 1;
        options.record({
          label: answer.label,
          outcome: answer.outcome,
          latencyMs: answer.completedAtMs - answer.sentAtMs,
          correctedLatencyMs: answer.completedAtMs - intendedMs,
          completedAtMs: answer.completedAtMs,
        });
      }
      drainBacklog();
      settleIfDone();
    };
    try {
      options.dispatch(sent, answered);
    } catch (error: unknown) {
      // A scenario that cannot build its request (e.g. the context lacks data) ends the step.
      stop(error);
      return;
    }
    sent += 1;
    inFlight += 1;
    if (measured) measuredSent += 1;
  };

  const drainBacklog = (): void => {
    while (inFlight < maxInFlight && backlog.length > 0) send(backlog.shift() as number);
  };

  /**
   * The measured arrivals the schedule would still have produced before its end, had the request
   * bound not ended it: drawn from the same gaps once the last requests have left, so the
   * requests drawn from the same generator stay those of a run without this count.
   */
  const countCutOff = (): void => {
    for (let intendedMs = nextIntendedMs; intendedMs < endMs - epsilonMs; intendedMs += options.nextGap()) {
      if (intendedMs >= measureFromMs - epsilonMs) cutByRequestBound += 1;
    }
  };

  const tick = (): void => {
    if (scheduleDone) return;
    const now = options.now();
    while (nextIntendedMs <= now) {
      if (scheduled >= options.maxRequests || nextIntendedMs >= endMs - epsilonMs || options.aborted?.() === true) {
        const cutOff = scheduled >= options.maxRequests && options.aborted?.() !== true;
        // the next arrival was due here (or at the end): the schedule covered the time up to it
        scheduleEndMs = Math.min(nextIntendedMs, endMs);
        scheduleDone = true;
        drainBacklog();
        backlog.length = 0;
        if (cutOff) countCutOff();
        settleIfDone();
        return;
      }
      backlog.push(nextIntendedMs);
      scheduled += 1;
      if (nextIntendedMs >= measureFromMs - epsilonMs) measuredScheduled += 1;
      nextIntendedMs += options.nextGap();
    }
    drainBacklog();
    if (scheduleDone) return;
    options.wakeAt(nextIntendedMs);
  };

  return { tick, stop, finished };
}
