/**
 * Runs the open model's scheduler on a made-up clock against a made-up service: arrivals every
 * 10 ms from 0 to 490, one request in flight at a time, each answered 1 ms after it is sent,
 * except the one sent at `stallAtMs`, which the service holds `stallMs` more.
 */
import {
  createArrivalScheduler,
  type Answer,
  type ArrivalCounts,
} from '../../../src/harness/runners/arrival-scheduler.js';
import type { RecordedRequest } from '../../../src/harness/measure/run-recorder.js';

export interface Simulation {
  /** When each request left, in order. */
  readonly sends: number[];
  readonly recorded: RecordedRequest[];
  readonly counts: ArrivalCounts;
}

export async function simulateScheduler(options: {
  stallAtMs: number;
  stallMs: number;
  maxRequests?: number;
  lateToleranceMs?: number;
}): Promise<Simulation> {
  let clock = 0;
  let wake: number | undefined;
  const answers: { atMs: number; answer: () => void }[] = [];
  const sends: number[] = [];
  const recorded: RecordedRequest[] = [];
  const scheduler = createArrivalScheduler({
    startMs: 0,
    measureFromMs: 0,
    endMs: 500,
    maxRequests: options.maxRequests ?? 1000,
    maxInFlight: 1,
    ...(options.lateToleranceMs === undefined ? {} : { lateToleranceMs: options.lateToleranceMs }),
    nextGap: () => 10,
    now: () => clock,
    wakeAt: (atMs) => {
      wake = atMs;
    },
    dispatch: (_index, answered: (answer: Answer) => void) => {
      const sentAtMs = clock;
      const completedAtMs = sentAtMs + 1 + (sentAtMs === options.stallAtMs ? options.stallMs : 0);
      sends.push(sentAtMs);
      answers.push({
        atMs: completedAtMs,
        answer: () => answered({ label: 'root', outcome: { kind: 'ok' }, sentAtMs, completedAtMs }),
      });
    },
    record: (request) => recorded.push(request),
  });
  scheduler.tick();
  // Each turn moves the clock to the next event: an answer first, then a wake due at the same time.
  for (;;) {
    answers.sort((a, b) => a.atMs - b.atMs);
    const next = Math.min(answers[0]?.atMs ?? Infinity, wake ?? Infinity);
    if (next === Infinity) break;
    clock = next;
    while (answers[0] !== undefined && answers[0].atMs === clock) answers.shift()?.answer();
    if (wake === clock) {
      wake = undefined;
      scheduler.tick();
    }
  }
  return { sends, recorded, counts: await scheduler.finished };
}
