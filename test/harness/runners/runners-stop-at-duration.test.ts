import { afterAll, beforeAll, expect, test } from 'vitest';
import { runClosedModel } from '../../../src/harness/runners/closed-model-runner.js';
import { runOpenModel } from '../../../src/harness/runners/open-model-runner.js';
import { runSaturation } from '../../../src/harness/runners/saturation-runner.js';
import type { WeightedStep } from '../../../src/model/load-request.js';
import { startLocalServer, type LocalServer } from './local-http-server.js';

let server: LocalServer;
beforeAll(async () => {
  server = await startLocalServer();
});
afterAll(async () => {
  await server.close();
});

const journey: WeightedStep[] = [{ weight: 1, request: () => ({ method: 'GET', path: '/ping', label: 'ping' }) }];
const huge = 1_000_000_000;

test('every runner stops at durationMs when maxRequests is out of reach', async () => {
  const closed = await runClosedModel({
    url: server.url,
    users: 2,
    journey,
    thinkTime: { distribution: 'fixed', ms: 20 },
    durationMs: 400,
    maxRequests: huge,
  });
  const open = await runOpenModel({ url: server.url, journey, ratePerSecond: 50, durationMs: 400, maxRequests: huge });
  const saturation = await runSaturation({
    url: `${server.url}/ping`,
    connections: 2,
    durationMs: 400,
    maxRequests: huge,
  });
  // A runner that ignored its duration would still be running: the test's timeout catches that.
  // Each one ran its whole duration (less the millisecond a timer may fire early), and sent
  // far fewer than maxRequests, so the duration is what stopped it.
  for (const result of [closed, open, saturation]) {
    expect(result.durationMs).toBeGreaterThanOrEqual(399);
    expect(result.requests.total).toBeGreaterThan(0);
    expect(result.requests.total).toBeLessThan(huge);
  }
  // No more than the duration allows: a closed-model user thinks 20 ms between requests, so each
  // of the 2 sends about 400 / 20 + 1 in 0.4 s. Bounded at twice that: a timer may fire a little
  // early, and the pauses cut short by the deadline leave room for a request or two more.
  expect(closed.requests.total).toBeLessThanOrEqual(2 * 2 * (400 / 20 + 1));
  // The open model sends at the asked rate: 50/s for 0.4 s is 20 arrivals.
  expect(open.requests.total).toBe(20);
});
