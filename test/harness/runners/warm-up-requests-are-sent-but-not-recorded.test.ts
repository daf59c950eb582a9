import { afterAll, beforeAll, expect, test } from 'vitest';
import { runOpenModel } from '../../../src/harness/runners/open-model-runner.js';
import type { WeightedStep } from '../../../src/model/load-request.js';
import { startLocalServer, type LocalServer } from './local-http-server.js';

let server: LocalServer;
beforeAll(async () => {
  server = await startLocalServer();
});
afterAll(async () => {
  await server.close();
});

const journey: WeightedStep[] = [{ weight: 1, request: () => ({ method: 'GET', path: '/', label: 'root' }) }];

test('the warm-up sends load that the result leaves out', async () => {
  // 100 req/s: 50 arrivals in the 0.5 s warm-up, 50 in the measured 0.5 s.
  const result = await runOpenModel({
    url: server.url,
    journey,
    ratePerSecond: 100,
    warmupMs: 500,
    durationMs: 500,
    maxRequests: 1000,
  });
  expect(server.received()).toBe(100);
  expect(result.requests.total).toBe(50);
  expect(result.latency.count).toBe(50);
  // The rate is judged over the measured window only: its 50 arrivals in 0.5 s, not all 100.
  expect(result.generator).toMatchObject({ askedRate: 100, achievedRate: 100 });
});
