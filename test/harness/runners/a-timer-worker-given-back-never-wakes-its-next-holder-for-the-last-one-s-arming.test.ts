import { setTimeout as sleep } from 'node:timers/promises';
import { expect, test } from 'vitest';
import { startPreciseTimer } from '../../../src/harness/runners/precise-timer.js';

/** Keeps this thread busy (no event-loop turn) for `ms`. */
function spin(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    /* busy */
  }
}

test("a timer's worker, given back at close, never wakes the next timer for the closed one's arming", async () => {
  let firstWakes = 0;
  let secondWakes = 0;
  const first = await startPreciseTimer(() => {
    firstWakes += 1;
  });
  // Due at once: the worker posts its wake while this thread is busy, so the message is still
  // queued when the timer closes and the next one takes the same worker.
  first.wakeAt(performance.now() - 1);
  spin(30);
  await first.close();
  const second = await startPreciseTimer(() => {
    secondWakes += 1;
  });
  try {
    await sleep(60);
    expect(firstWakes).toBe(0);
    expect(secondWakes).toBe(0);

    // The worker still serves its new holder's own armings.
    second.wakeAt(performance.now() + 5);
    await sleep(60);
    expect(secondWakes).toBe(1);
  } finally {
    await second.close();
  }
});
