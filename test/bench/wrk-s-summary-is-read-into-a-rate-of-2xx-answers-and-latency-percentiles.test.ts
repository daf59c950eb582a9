import { expect, test } from 'vitest';
import { parseWrkOutput, wrkLatencyMs } from '../../bench/wrk-client.js';

// wrk 4.1's summary with --latency, as it prints it (a run with some 4xx answers).
const summary = `Running 10s test @ http://127.0.0.1:41000
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     5.61ms    2.10ms  48.20ms   88.12%
    Req/Sec     1.43k   120.55     1.70k    71.00%
  Latency Distribution
     50%    5.20ms
     75%    6.31ms
     90%    7.80ms
     99%   14.02ms
  28512 requests in 10.01s, 18.20MB read
  Socket errors: connect 0, read 0, write 0, timeout 2
  Non-2xx or 3xx responses: 512
Requests/sec:   2848.35
Transfer/sec:      1.82MB
`;

test("wrk's summary is read into a rate of 2xx answers and latency percentiles", () => {
  const run = parseWrkOutput(summary, 10);
  expect(run.total).toBe(28_512);
  expect(run.non2xx).toBe(512);
  expect(run.socketErrors).toBe(2);
  expect(run.durationMs).toBe(10_010);
  expect(run.rate).toBeCloseTo(28_000 / 10.01, 6);
  expect(run.p50Ms).toBeCloseTo(5.2, 9);
  expect(run.p99Ms).toBeCloseTo(14.02, 9);
  expect(wrkLatencyMs('812.00us')).toBeCloseTo(0.812, 9);
  expect(wrkLatencyMs('2.01s')).toBeCloseTo(2010, 9);
  expect(() => parseWrkOutput('wrk: unable to connect', 10)).toThrow(/no request count/);
});
