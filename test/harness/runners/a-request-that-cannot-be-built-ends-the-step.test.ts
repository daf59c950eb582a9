import { afterAll, beforeAll, expect, test } from 'vitest';
import { runClosedModel } from '../../../src/harness/runners/closed-model-runner.js';
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

// The fifth request cannot be built, as when the seeded context lacks the data a route needs.
function failingJourney(): WeightedStep[] {
  let built = 0;
  return [
    {
      weight: 1,
      request: () => {
        built += 1;
        if (built === 5) throw new Error('scenario context has no campaigns');
        return { method: 'GET', path: '/', label: 'root' };
      },
    },
  ];
}

test("both paced runners stop and reject with the scenario's error when a request cannot be built", async () => {
  const bounds = { url: server.url, durationMs: 30_000, maxRequests: 1000 };
  const before = server.received();
  await expect(runOpenModel({ ...bounds, journey: failingJourney(), ratePerSecond: 100 })).rejects.toThrow(
    'scenario context has no campaigns',
  );
  await expect(
    runClosedModel({ ...bounds, journey: failingJourney(), users: 1, thinkTime: { distribution: 'fixed', ms: 0 } }),
  ).rejects.toThrow('scenario context has no campaigns');
  expect(server.received() - before).toBe(8);
});
