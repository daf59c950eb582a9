import { expect, test } from 'vitest';
import { createArrivalScheduler, type Answer } from '../../../src/harness/runners/arrival-scheduler.js';
import type { RecordedRequest } from '../../../src/harness/measure/run-recorder.js';

/**
 * Runs the open model's scheduler on a made-up clock against a made-up service: one request in
 * flight at a time, arrivals every 10 ms from 0 to 490, each answered 1 ms after it is sent,
 * except the one sent at 100 ms, which the service holds 200 ms more.
 */
function simulate(): { sends: number[]; recorded: RecordedRequest[] } {
  let clock = 0;
  let wake: number | undefined;
  const answers: { atMs: number; answer: () => void }[] = [];
  const sends: number[] = [];
  const recorded: RecordedRequest[] = [];
  const scheduler = createArrivalScheduler({
    startMs: 0, measureFromMs: 0, endMs: 500, maxRequests: 1000, maxInFlight: 1,
    nextGap: () => 10,
    now: () => clock,
    wakeAt: (atMs) => { wake = atMs; },
    dispatch: (_index, answered: (answer: Answer) => void) => {
      const sentAtMs = clock;
      const completedAtMs = sentAtMs + 1 + (sentAtMs === 100 ? 200 : 0);
      sends.push(sentAtMs);
      answers.push({ atMs: completedAtMs, answer: () => answered({ label: 'root', outcome: { kind: 'ok' }, sentAtMs, completedAtMs }) });
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
  return { sends, recorded };
}

test('corrected latency is completion minus intended send, raw latency completion minus actual send', () => {
  const { sends, recorded } = simulate();
  const intended = Array.from({ length: 50 }, (_, i) => i * 10);
  // On time until the stall; the 20 arrivals of 110..300 ms wait for it and go one by one from
  // 301 ms as each answer frees the slot; 310 and 320 queue behind them; 330 is on time again.
  const queued = intended.slice(11, 33).map((_, k) => 301 + k);
  const expectedSends = [...intended.slice(0, 11), ...queued, ...intended.slice(33)];
  expect(sends).toEqual(expectedSends);

  expect(recorded).toEqual(intended.map((intendedMs, i) => {
    const sentAtMs = expectedSends[i] as number;
    const completedAtMs = sentAtMs + 1 + (sentAtMs === 100 ? 200 : 0);
    return { label: 'root', outcome: { kind: 'ok' }, latencyMs: completedAtMs - sentAtMs, correctedLatencyMs: completedAtMs - intendedMs, completedAtMs };
  }));

  // The figures the arithmetic gives, spelled out: the stalled request itself, the first and last
  // arrivals queued behind it, and the first one on time again.
  const at = (intendedMs: number) => recorded[intendedMs / 10];
  expect(at(100)).toMatchObject({ latencyMs: 201, correctedLatencyMs: 201, completedAtMs: 301 });
  expect(at(110)).toMatchObject({ latencyMs: 1, correctedLatencyMs: 192, completedAtMs: 302 });
  expect(at(320)).toMatchObject({ latencyMs: 1, correctedLatencyMs: 3, completedAtMs: 323 });
  expect(at(330)).toMatchObject({ latencyMs: 1, correctedLatencyMs: 1, completedAtMs: 331 });
});
