import fc from 'fast-check';
import { expect, test } from 'vitest';
import {
  createLatencyHistogram,
  mergeHistograms,
  recordLatencyMs,
  summarize,
} from '../../../src/harness/measure/latency-histogram.js';

/** The nearest-rank percentile of sorted values, the definition HDR histograms follow. */
function nearestRank(sorted: readonly number[], percentile: number): number {
  const rank = Math.max(1, Math.ceil((percentile / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

// Latencies from 1 us to 60 s, in ms with microsecond resolution.
const latencyMs = fc.integer({ min: 1, max: 60_000_000 }).map((us) => us / 1000);
// 3 significant digits: a value is reported within 0.1% of itself (plus rounding to the microsecond).
const close = (actual: number, expected: number): boolean => Math.abs(actual - expected) <= expected * 0.001 + 0.001;

test('histogram percentiles, also of merged histograms, agree with a brute-force sort within HDR precision', () => {
  fc.assert(
    fc.property(
      fc.array(latencyMs, { minLength: 1, maxLength: 400 }),
      fc.array(latencyMs, { minLength: 1, maxLength: 400 }),
      (first, second) => {
        const a = createLatencyHistogram();
        const b = createLatencyHistogram();
        for (const value of first) recordLatencyMs(a, value);
        for (const value of second) recordLatencyMs(b, value);
        const merged = summarize(mergeHistograms([a, b]));
        const sorted = [...first, ...second].sort((x, y) => x - y);
        expect(merged.count).toBe(sorted.length);
        for (const [key, percentile] of [
          ['p50', 50],
          ['p75', 75],
          ['p90', 90],
          ['p95', 95],
          ['p99', 99],
          ['p999', 99.9],
        ] as const) {
          expect(
            close(merged[key], nearestRank(sorted, percentile)),
            `${key}: ${merged[key]} vs ${nearestRank(sorted, percentile)}`,
          ).toBe(true);
        }
        expect(close(merged.max, sorted[sorted.length - 1] as number)).toBe(true);
        expect(close(merged.min, sorted[0] as number)).toBe(true);
        const mean = sorted.reduce((sum, value) => sum + value, 0) / sorted.length;
        expect(Math.abs(merged.mean - mean)).toBeLessThanOrEqual(mean * 0.001 + 0.001);
      },
    ),
    { numRuns: 200 },
  );
});
