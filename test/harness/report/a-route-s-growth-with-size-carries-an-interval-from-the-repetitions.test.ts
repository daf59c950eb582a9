import { expect, test } from 'vitest';
import { growthWithInterval } from '../../../src/harness/report/volume-routes.js';
import { tQuantile } from '../../../src/harness/stats/student-t.js';

const logs = (values: readonly number[]) => values.map(Math.log);

test("a route's growth with size is the repetitions' ratio with its interval, undecided when they spread", () => {
  // p95s of 4.8, 5 and 5.2 ms at the smallest size and 9.6, 10 and 10.4 ms at the largest: every
  // repetition doubled, so the ratio is 2x and, the logs' spreads being alike, the interval is
  // exp(log 2 +- t(0.975, 4) * sqrt(2 var / 3)) with var the logs' sample variance.
  const small = logs([4.8, 5, 5.2]);
  const large = logs([9.6, 10, 10.4]);
  const mean = small.reduce((a, b) => a + b, 0) / 3;
  const variance = small.reduce((a, b) => a + (b - mean) ** 2, 0) / 2;
  const half = tQuantile(0.975, 4) * Math.sqrt((2 * variance) / 3);
  const growth = growthWithInterval(small, large);
  const [, estimate, lower, upper] = /^([\d.]+)x \[([\d.]+) to ([\d.]+)\]$/.exec(growth ?? '') ?? [];
  expect(Number(estimate)).toBeCloseTo(2, 2);
  expect(Number(lower)).toBeCloseTo(2 * Math.exp(-half), 2);
  expect(Number(upper)).toBeCloseTo(2 * Math.exp(half), 2);
  expect(Number(lower)).toBeGreaterThan(1.5);

  // The same middle with repetitions that spread widely: the interval takes in 1.5x both ways.
  const wide = growthWithInterval(logs([2, 5, 9]), logs([4, 10, 18]));
  const [, , wideLower, wideUpper] = /^([\d.]+)x \[([\d.]+) to ([\d.]+)\]$/.exec(wide ?? '') ?? [];
  expect(Number(wideLower)).toBeLessThan(1.5);
  expect(Number(wideUpper)).toBeGreaterThan(1.5);

  // Fewer than three repetitions a side say nothing about the spread.
  expect(growthWithInterval(logs([4, 5]), logs([8, 10, 12]))).toBeUndefined();
});
