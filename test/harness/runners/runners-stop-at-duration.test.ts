import { afterAll, beforeAll, expect, test } from 'vitest';
import { runClosedModel } from '../../../src/harness/runners/closed-model-runner.js';
import { runOpenModel } from '../../../src/harness/runners/open-model-runner.js';
import { runSaturation } from '../../../src/harness/runners/saturation-runner.js';
import type { WeightedStep } from '../../../src/harness/runners/load-request.js';
import { startLocalServer, type LocalServer } from './local-http-server.js';

let server: LocalServer;
beforeAll(async () => { server = await startLocalServer(); });
afterAll(async () => { await server.close(); });

const journey: WeightedStep[] = [{ weight: 1, request: () => ({ method: 'GET', path: '/ping', label: 'ping' }) }];
const huge = 1_000_000_000;

test('every runner stops at durationMs when maxRequests is out of reach', async () => {
  const started = performance.now();
  const closed = await runClosedModel({ url: server.url, users: 2, journey, thinkTime: { distribution: 'fixed', ms: 20 }, durationMs: 400, maxRequests: huge });
  const open = await runOpenModel({ url: server.url, journey, ratePerSecond: 50, durationMs: 400, maxRequests: huge });
  const saturation = await runSaturation({ url: `${server.url}/ping`, connections: 2, durationMs: 400, maxRequests: huge });
  // Three steps of 0.4 s each; a runner that ignored its duration would still be running.
  expect(performance.now() - started).toBeLessThan(15_000);
  for (const result of [closed, open, saturation]) {
    expect(result.requests.total).toBeGreaterThan(0);
    expect(result.requests.total).toBeLessThan(huge);
  }
  // The open model sends at the asked rate: 50/s for 0.4 s is 20 arrivals.
  expect(open.requests.total).toBe(20);
});
