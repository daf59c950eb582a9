import { expect, test } from 'vitest';
import { k6SummaryToLoadRunResult } from '../../../src/harness/runners/k6-summary.js';

// The shape `k6 run --summary-export --summary-trend-stats avg,min,med,max,p(75),p(90),p(95),p(99),p(99.9)` writes.
const summary = {
  metrics: {
    http_reqs: { count: 1000, rate: 99.8 },
    http_req_failed: { passes: 10, fails: 990, value: 0.01 },
    expected_rejections: { count: 40, rate: 4 },
    http_req_duration: { avg: 2.5, min: 0.8, med: 2.1, max: 40, 'p(75)': 2.9, 'p(90)': 3.8, 'p(95)': 5.2, 'p(99)': 11, 'p(99.9)': 35 },
    'http_req_duration{name:referral-list}': { avg: 2, min: 0.8, med: 1.9, max: 9, 'p(75)': 2.2, 'p(90)': 3, 'p(95)': 4, 'p(99)': 8, 'p(99.9)': 9 },
    'http_reqs{name:referral-list}': { count: 600, rate: 60 },
    'http_req_failed{name:referral-list}': { passes: 6, fails: 594, value: 0.01 },
  },
};

test('a k6 summary export becomes a LoadRunResult with outcomes, percentiles and per-route figures', () => {
  const result = k6SummaryToLoadRunResult(summary, {
    mode: 'open', durationMs: 10_020, routes: ['referral-list', 'student-profile'],
    generator: { bottleneck: false, reasons: [], cpuPercentMean: 30, cpuPercentMax: 45, eventLoopDelayP99Ms: 0 },
  });
  expect(result).toMatchObject({ state: 'completed', runner: 'k6', mode: 'open', durationMs: 10_020, throughputRps: 99.8 });
  expect(result.requests).toEqual({ total: 1000, ok: 950, expectedRejections: 40, errors: { other: 10 }, errorRate: 0.01 });
  expect(result.latency).toEqual({ count: 1000, min: 0.8, mean: 2.5, stddev: 0, p50: 2.1, p75: 2.9, p90: 3.8, p95: 5.2, p99: 11, p999: 35, max: 40 });
  expect(Object.keys(result.perRoute)).toEqual(['referral-list']);
  expect(result.perRoute['referral-list']?.requests.total).toBe(600);
  expect(result.perRoute['referral-list']?.latency.p95).toBe(4);
});
