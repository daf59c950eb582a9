import { expect, test } from 'vitest';
import { k6SummaryToLoadRunResult } from '../../../src/harness/runners/k6-summary.js';

const trend = (p95: number) => ({
  avg: p95 / 2,
  min: 0.8,
  med: p95 / 2.5,
  max: p95 * 4,
  'p(75)': p95 / 1.8,
  'p(90)': p95 / 1.3,
  'p(95)': p95,
  'p(99)': p95 * 2,
  'p(99.9)': p95 * 3,
});

// The shape `k6 run --summary-export --summary-trend-stats avg,min,med,max,p(75),p(90),p(95),p(99),p(99.9)`
// writes for the sub-metrics the script's thresholds name: the measured phase, per route and per repetition.
const summary = {
  metrics: {
    // All requests, warm-up included: not what a figure is made of.
    http_reqs: { count: 1300, rate: 99.8 },
    http_req_duration: trend(300),
    'http_reqs{phase:measured}': { count: 1000, rate: 80 },
    'http_req_failed{phase:measured}': { passes: 10, fails: 990, value: 0.01 },
    'expected_rejections{phase:measured}': { count: 40, rate: 4 },
    'http_req_duration{phase:measured}': {
      avg: 2.5,
      min: 0.8,
      med: 2.1,
      max: 40,
      'p(75)': 2.9,
      'p(90)': 3.8,
      'p(95)': 5.2,
      'p(99)': 11,
      'p(99.9)': 35,
    },
    'http_req_duration{name:referral-list,phase:measured}': trend(4),
    'http_reqs{name:referral-list,phase:measured}': { count: 600, rate: 60 },
    'http_req_failed{name:referral-list,phase:measured}': { passes: 6, fails: 594, value: 0.01 },
    'http_reqs{phase:measured,rep:0}': { count: 500, rate: 40 },
    'http_req_duration{phase:measured,rep:0}': trend(5),
    'http_reqs{phase:measured,rep:1}': { count: 500, rate: 40 },
    'http_req_duration{phase:measured,rep:1}': trend(5.4),
    'http_req_failed{phase:measured,rep:1}': { passes: 10, fails: 490, value: 0.02 },
    'http_reqs{name:referral-list,phase:measured,rep:1}': { count: 300, rate: 20 },
    'http_req_duration{name:referral-list,phase:measured,rep:1}': trend(4.2),
  },
};

const generator = { bottleneck: false, reasons: [], cpuPercentMean: 30, cpuPercentMax: 45, eventLoopDelayP99Ms: 0 };

test('a k6 summary export becomes a LoadRunResult of the measured phase, with outcomes, percentiles and per-route figures', () => {
  const result = k6SummaryToLoadRunResult(summary, {
    mode: 'open',
    durationMs: 10_000,
    routes: ['referral-list', 'student-profile'],
    repetitions: 2,
    generator,
  });
  expect(result).toMatchObject({
    state: 'completed',
    runner: 'k6',
    mode: 'open',
    durationMs: 10_000,
    throughputRps: 100,
  });
  expect(result.requests).toEqual({
    total: 1000,
    ok: 950,
    expectedRejections: 40,
    errors: { other: 10 },
    errorRate: 0.01,
  });
  expect(result.latency).toEqual({
    count: 1000,
    min: 0.8,
    mean: 2.5,
    stddev: 0,
    p50: 2.1,
    p75: 2.9,
    p90: 3.8,
    p95: 5.2,
    p99: 11,
    p999: 35,
    max: 40,
  });
  expect(Object.keys(result.perRoute)).toEqual(['referral-list']);
  expect(result.perRoute['referral-list']?.requests.total).toBe(600);
  expect(result.perRoute['referral-list']?.latency.p95).toBe(4);
});

test('each repetition the script tagged is summarised on its own', () => {
  const result = k6SummaryToLoadRunResult(summary, {
    mode: 'closed',
    concurrency: 100,
    durationMs: 10_000,
    routes: ['referral-list'],
    repetitions: 2,
    generator,
  });
  expect(
    result.repetitions.map((repetition) => [
      repetition.index,
      repetition.durationMs,
      repetition.throughputRps,
      repetition.latency.p95,
    ]),
  ).toEqual([
    [0, 5000, 100, 5],
    [1, 5000, 100, 5.4],
  ]);
  expect(result.repetitions[1]?.requests.errors).toEqual({ other: 10 });
  expect(Object.keys(result.repetitions[0]?.perRoute ?? {})).toEqual([]);
  expect(result.repetitions[1]?.perRoute['referral-list']?.latency.p95).toBe(4.2);
});
