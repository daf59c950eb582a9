import { expect, test } from 'vitest';
import { simulateScheduler } from './simulated-scheduler.js';

test('corrected latency is completion minus intended send, raw latency completion minus actual send', async () => {
  // The request sent at 100 ms is held 200 ms more.
  const { sends, recorded } = await simulateScheduler({ stallAtMs: 100, stallMs: 200 });
  const intended = Array.from({ length: 50 }, (_, i) => i * 10);
  // On time until the stall; the 20 arrivals of 110..300 ms wait for it and go one by one from
  // 301 ms as each answer frees the slot; 310 and 320 queue behind them; 330 is on time again.
  const queued = intended.slice(11, 33).map((_, k) => 301 + k);
  const expectedSends = [...intended.slice(0, 11), ...queued, ...intended.slice(33)];
  expect(sends).toEqual(expectedSends);

  expect(recorded).toEqual(
    intended.map((intendedMs, i) => {
      const sentAtMs = expectedSends[i] as number;
      const completedAtMs = sentAtMs + 1 + (sentAtMs === 100 ? 200 : 0);
      return {
        label: 'root',
        outcome: { kind: 'ok' },
        latencyMs: completedAtMs - sentAtMs,
        correctedLatencyMs: completedAtMs - intendedMs,
        completedAtMs,
      };
    }),
  );

  // The figures the arithmetic gives, spelled out: the stalled request itself, the first and last
  // arrivals queued behind it, and the first one on time again.
  const at = (intendedMs: number) => recorded[intendedMs / 10];
  expect(at(100)).toMatchObject({ latencyMs: 201, correctedLatencyMs: 201, completedAtMs: 301 });
  expect(at(110)).toMatchObject({ latencyMs: 1, correctedLatencyMs: 192, completedAtMs: 302 });
  expect(at(320)).toMatchObject({ latencyMs: 1, correctedLatencyMs: 3, completedAtMs: 323 });
  expect(at(330)).toMatchObject({ latencyMs: 1, correctedLatencyMs: 1, completedAtMs: 331 });
});
