import { afterAll, beforeAll, expect, test } from 'vitest';
import { runOpenModel } from '../../../src/harness/runners/open-model-runner.js';
import type { WeightedStep } from '../../../src/model/load-request.js';
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
afterAll(async () => {
  await server.close();
});

const journey: WeightedStep[] = [{ weight: 1, request: () => ({ method: 'GET', path: '/', label: 'root' }) }];

test("the open model's corrected latency shows the queueing that raw latency hides", async () => {
  // 100 req/s for 3 s with one request in flight at a time: one request sits in the stall,
  // about 50 arrivals queue behind it and are sent, one by one, after it ends. The exact
  // arithmetic is checked on a made-up clock (corrected-latency-counts-from-the-intended-send-on-
  // an-injected-clock.test.ts); here, over real sockets, only what holds at any speed.
  const result = await runOpenModel({
    url: server.url,
    journey,
    ratePerSecond: 100,
    durationMs: 3000,
    maxRequests: 10_000,
    maxInFlight: 1,
  });
  const raw = result.latency;
  const corrected = result.correctedLatency;
  expect(corrected).toBeDefined();
  if (corrected === undefined) return;
  expect(result.requests.total).toBe(300);
  expect(corrected.count).toBe(raw.count);
  // A request never leaves before its intended time, so waiting only adds: no corrected
  // percentile is below its raw one...
  for (const percentile of ['p50', 'p90', 'p95', 'p99', 'max'] as const)
    expect(corrected[percentile]).toBeGreaterThanOrEqual(raw[percentile]);
  // ...and the arrivals queued behind the stall, more than 5% of them, lift the corrected p95 alone.
  expect(corrected.p95).toBeGreaterThan(raw.p95);
});
