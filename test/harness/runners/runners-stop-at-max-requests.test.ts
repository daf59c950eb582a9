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

test('every runner stops after maxRequests even when the duration is long', async () => {
  const before = server.received();
  const closed = await runClosedModel({
    url: server.url,
    users: 4,
    journey,
    thinkTime: { distribution: 'fixed', ms: 0 },
    durationMs: 60_000,
    maxRequests: 37,
  });
  const open = await runOpenModel({
    url: server.url,
    journey,
    ratePerSecond: 500,
    durationMs: 60_000,
    maxRequests: 23,
  });
  const saturation = await runSaturation({
    url: `${server.url}/ping`,
    connections: 4,
    durationMs: 60_000,
    maxRequests: 41,
  });
  expect([closed.requests.total, open.requests.total, saturation.requests.total]).toEqual([37, 23, 41]);
  expect(server.received() - before).toBe(37 + 23 + 41);
  expect(closed.requests.ok + open.requests.ok + saturation.requests.ok).toBe(101);
});
