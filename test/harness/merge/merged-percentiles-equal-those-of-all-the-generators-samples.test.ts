import fc from 'fast-check';
import { expect, test } from 'vitest';
import { createLatencyHistogram, recordLatencyMs, summarize } from '../../../src/harness/measure/latency-histogram.js';
import { mergeResults } from '../../../src/harness/merge/merge-results.js';
import type { LatencySummary } from '../../../src/harness/result/load-result.schema.js';
import { generatorResult, repetitions, type Sample } from './generator-results.js';

const sample = fc.record({
  route: fc.constantFrom('student-profile', 'leaderboard'),
  repetition: fc.integer({ min: 0, max: repetitions - 1 }),
  // 1 us to 60 s, in ms with microsecond resolution.
  latencyMs: fc.integer({ min: 1, max: 60_000_000 }).map((us) => us / 1000),
});
// Every generator ran every repetition (merge refuses generators whose repetitions differ): one
// sample in each, then the drawn ones.
const samples = fc
  .tuple(
    fc.array(
      fc.integer({ min: 1, max: 60_000_000 }).map((us) => us / 1000),
      { minLength: repetitions, maxLength: repetitions },
    ),
    fc.array(sample, { maxLength: 300 }),
  )
  .map(([firsts, drawn]): Sample[] => [
    ...firsts.map((latencyMs, repetition) => ({ route: 'student-profile', repetition, latencyMs })),
    ...drawn,
  ]);

/** What one histogram of these samples reports. */
function summaryOf(all: readonly Sample[]): LatencySummary {
  const histogram = createLatencyHistogram();
  for (const { latencyMs } of all) recordLatencyMs(histogram, latencyMs);
  return summarize(histogram);
}

// Percentiles come from the same buckets, so they are equal; min, max, mean and stddev of a stored
// histogram come from its buckets, not the values recorded, so they agree within HDR precision (0.1%).
function expectSameDistribution(merged: LatencySummary | undefined, expected: LatencySummary, place: string): void {
  expect(merged, place).toBeDefined();
  for (const key of ['count', 'p50', 'p75', 'p90', 'p95', 'p99', 'p999'] as const)
    expect(merged?.[key], `${place} ${key}`).toBe(expected[key]);
  for (const key of ['min', 'max', 'mean', 'stddev'] as const) {
    expect(Math.abs((merged?.[key] ?? Number.NaN) - expected[key]), `${place} ${key}`).toBeLessThanOrEqual(
      expected.max * 0.001 + 0.001,
    );
  }
}

test("the merge of two generators' results reports, step, route and repetition alike, the percentiles of one histogram of all their samples", async () => {
  await fc.assert(
    fc.asyncProperty(samples, samples, async (first, second) => {
      const merged = mergeResults([
        { file: 'a.json', result: await generatorResult('generator-a', first) },
        { file: 'b.json', result: await generatorResult('generator-b', second) },
      ]);
      const load = merged.scenarios[0]?.steps[0]?.load;
      const all = [...first, ...second];

      expect(load?.requests.total).toBe(all.length);
      expectSameDistribution(load?.latency, summaryOf(all), 'step');
      for (const route of new Set(all.map((one) => one.route))) {
        const ofRoute = all.filter((one) => one.route === route);
        expect(load?.perRoute[route]?.requests.total).toBe(ofRoute.length);
        expectSameDistribution(load?.perRoute[route]?.latency, summaryOf(ofRoute), route);
      }
      for (const index of new Set(all.map((one) => one.repetition))) {
        const ofRepetition = all.filter((one) => one.repetition === index);
        const repetition = load?.repetitions.find((candidate) => candidate.index === index);
        expect(repetition?.requests.total).toBe(ofRepetition.length);
        expectSameDistribution(repetition?.latency, summaryOf(ofRepetition), `repetition ${index}`);
      }
    }),
    { numRuns: 10 },
  );
});
