import { expect, test } from 'vitest';
import { k6SummaryToLoadRunResult, measuredRate } from '../../../src/harness/runners/k6-summary.js';

// k6 fails a request by its status alone. The script counts where the request's own reading of
// the response disagreed: 3 bulk changes answered 200 that moved too few rows (errors, as the
// built-in runner counts them) and 5 raced 409s read as expected rejections (k6 had failed them).
const summary = {
  metrics: {
    'http_reqs{phase:measured}': { count: 100, rate: 10 },
    'http_req_failed{phase:measured}': { passes: 7, fails: 93, value: 0.07 },
    'expected_rejections{phase:measured}': { count: 5, rate: 0.5 },
    'errors_on_passing_status{phase:measured}': { count: 3, rate: 0.3 },
    'non_errors_on_failing_status{phase:measured}': { count: 5, rate: 0.5 },
    'http_req_duration{phase:measured}': {
      avg: 2,
      min: 1,
      med: 2,
      max: 9,
      'p(75)': 2,
      'p(90)': 3,
      'p(95)': 4,
      'p(99)': 8,
      'p(99.9)': 9,
    },
  },
};

test('counts a passing status read as an error once, and a failing one read as a rejection not as an error', () => {
  const result = k6SummaryToLoadRunResult(summary, {
    mode: 'open',
    durationMs: 10_000,
    routes: [],
    generator: { bottleneck: false, reasons: [], cpuPercentMean: 1, cpuPercentMax: 1, eventLoopDelayP99Ms: 0 },
  });
  // failed by status 7, + 3 errors on a 200, - 5 rejections k6 had failed = 5 errors; 5 rejections; 90 ok
  expect(result.requests).toEqual({ total: 100, ok: 90, expectedRejections: 5, errors: { other: 5 }, errorRate: 0.05 });
});

test("an open model's achieved rate is its measured phase's requests over the measured time, not k6's whole-test rate", () => {
  const withTail = { metrics: { ...summary.metrics, http_reqs: { count: 160, rate: 10.7 } } };
  expect(measuredRate(withTail, 10_000)).toBe(10);
});
