import { afterAll, beforeAll, expect, test } from 'vitest';
import { runClosedModel } from '../../../src/harness/runners/closed-model-runner.js';
import { startLocalServer, type LocalServer } from './local-http-server.js';

let server: LocalServer;
beforeAll(async () => {
  server = await startLocalServer();
});
afterAll(async () => {
  await server.close();
});

test('a closed-model user whose session has nothing to send waits its think time instead of spinning', async () => {
  let attempts = 0;
  const load = await runClosedModel({
    url: server.url,
    users: 2,
    sessions: [
      {
        weight: 1,
        name: 'idle',
        steps: [
          () => {
            attempts += 1;
            return undefined;
          },
        ],
      },
    ],
    thinkTime: { distribution: 'fixed', ms: 20 },
    durationMs: 300,
    maxRequests: 100,
  });
  expect(load.requests.total).toBe(0);
  // Each user tries once per think time of 20 ms: about 300 / 20 + 1 tries each in 0.3 s, bounded
  // at twice that (a timer may fire a little early, and pauses cut short by the deadline leave
  // room for a try or two more). A user spinning on the event loop would try thousands of times.
  expect(attempts).toBeGreaterThanOrEqual(2);
  expect(attempts).toBeLessThanOrEqual(2 * 2 * (300 / 20 + 1));
});
