import { afterAll, beforeAll, expect, test } from 'vitest';
import { runOpenModel } from '../../../src/harness/runners/open-model-runner.js';
import type { WeightedStep } from '../../../src/harness/runners/load-request.js';
import { startLocalServer, type LocalServer } from './local-http-server.js';

// The server answers at once, except that it stalls for 500 ms starting 1 s after its first
// request: everything arriving in that window is answered when the stall ends.
const stallAfterMs = 1000;
const stallMs = 500;
let server: LocalServer;
beforeAll(async () => {
  let firstAt: number | undefined;
  server = await startLocalServer((_request, response) => {
    const now = performance.now();
    firstAt ??= now;
    const stallStart = firstAt + stallAfterMs;
    const stallEnd = stallStart + stallMs;
    if (now >= stallStart && now < stallEnd) setTimeout(() => response.end('late'), stallEnd - now);
    else response.end('ok');
  });
});
afterAll(async () => { await server.close(); });

const journey: WeightedStep[] = [{ weight: 1, request: () => ({ method: 'GET', path: '/', label: 'root' }) }];

test('the open model\'s corrected latency shows the queueing that raw latency hides', async () => {
  // 100 req/s for 3 s with one request in flight at a time: one request sits in the stall,
  // about 50 arrivals queue behind it and are sent, one by one, after it ends.
  const result = await runOpenModel({ url: server.url, journey, ratePerSecond: 100, durationMs: 3000, maxRequests: 10_000, maxInFlight: 1 });
  const raw = result.latency;
  const corrected = result.correctedLatency;
  expect(corrected).toBeDefined();
  if (corrected === undefined) return;
  expect(result.requests.total).toBe(300);
  // Raw: only the request caught in the stall is slow (1 in 300), so p95 stays small...
  expect(raw.max).toBeGreaterThanOrEqual(400);
  expect(raw.p95).toBeLessThan(50);
  // ...corrected: the ~50 queued arrivals waited evenly between 0 and 500 ms, 1/6 of the run,
  // so the slowest 10% (30 requests) reach down to ~200 ms, the slowest 5% to ~350 ms.
  expect(corrected.p90).toBeGreaterThan(140);
  expect(corrected.p90).toBeLessThan(280);
  expect(corrected.p95).toBeGreaterThan(280);
  expect(corrected.p95).toBeLessThan(450);
  expect(corrected.p99).toBeGreaterThan(400);
  expect(corrected.max).toBeGreaterThanOrEqual(raw.max);
  expect(corrected.count).toBe(raw.count);
});
