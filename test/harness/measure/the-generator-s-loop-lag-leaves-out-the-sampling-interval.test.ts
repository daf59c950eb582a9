import { monitorEventLoopDelay } from 'node:perf_hooks';
import { expect, it } from 'vitest';
import { loopLagP99Ms } from '../../../src/harness/measure/generator-monitor.js';

// Node's histogram holds the time between its timer's firings: an idle loop sampled every 10 ms
// reads about 10 ms. The lag the bottleneck check compares with its 50 ms limit is the excess.
it("reads an idle loop's delay histogram as no lag, and a histogram of 60 ms gaps as 50 ms", async () => {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  await new Promise((resolve) => setTimeout(resolve, 200));
  delay.disable();
  // about the resolution, give or take the timer's own slack (9.8 ms has been seen)
  expect(delay.min / 1e6).toBeGreaterThan(5);
  expect(loopLagP99Ms(delay, 10)).toBe(Math.max(0, delay.percentile(99) / 1e6 - 10));

  expect(loopLagP99Ms({ count: 20, percentile: () => 60e6 }, 10)).toBe(50);
  expect(loopLagP99Ms({ count: 20, percentile: () => 9e6 }, 10)).toBe(0);
  expect(loopLagP99Ms({ count: 0, percentile: () => Number.NaN }, 10)).toBe(0);
});
