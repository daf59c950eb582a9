import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { startPreciseTimer } from '../../../src/harness/runners/precise-timer.js';

// The worker compares on the epoch clock (performance.timeOrigin + now), so the armed time goes
// through a float sum and back: allow that rounding, no more.
const clockSlackMs = 0.01;

/** Keeps this thread busy (no event-loop turn) for `ms`. */
function spin(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    /* busy */
  }
}

describe('the precise timer', () => {
  it('wakes once for the latest arming, never before its time, and not at all after close', async () => {
    const wakes: number[] = [];
    const timer = await startPreciseTimer(() => {
      wakes.push(performance.now());
    });
    try {
      // a later arming replaces an earlier one, whether the earlier one was due sooner or later
      const start = performance.now();
      timer.wakeAt(start + 300);
      const first = start + 8.4;
      timer.wakeAt(first);
      await sleep(150);
      expect(wakes).toHaveLength(1);
      expect(wakes[0]!).toBeGreaterThanOrEqual(first - clockSlackMs);
      // and the replaced arming never fires
      await sleep(Math.max(0, start + 350 - performance.now()));
      expect(wakes).toHaveLength(1);

      // a time already past wakes at once (asynchronously)
      timer.wakeAt(performance.now() - 5);
      expect(wakes).toHaveLength(1);
      await sleep(30);
      expect(wakes).toHaveLength(2);

      // a wake the worker already sent for an arming since replaced is dropped on arrival
      timer.wakeAt(performance.now() - 1);
      spin(20);
      timer.wakeAt(performance.now() + 200);
      await sleep(40);
      expect(wakes).toHaveLength(2);

      timer.wakeAt(performance.now() + 10);
      await timer.close();
      await sleep(40);
      expect(wakes).toHaveLength(2);
    } finally {
      await timer.close();
    }
  });
});
