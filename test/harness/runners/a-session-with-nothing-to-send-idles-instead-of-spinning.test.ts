import { afterAll, beforeAll, expect, test } from 'vitest';
import { runClosedModel } from '../../../src/harness/runners/closed-model-runner.js';
import { startLocalServer, type LocalServer } from './local-http-server.js';

let server: LocalServer;
beforeAll(async () => { server = await startLocalServer(); });
afterAll(async () => { await server.close(); });

test('a closed-model user whose session has nothing to send waits its think time, so timers still fire during the load', async () => {
  const ticks: number[] = [];
  const timer = setInterval(() => ticks.push(performance.now()), 10);
  const started = performance.now();
  try {
    const load = await runClosedModel({
      url: server.url, users: 2, sessions: [{ weight: 1, name: 'idle', steps: [() => undefined] }],
      thinkTime: { distribution: 'fixed', ms: 20 }, durationMs: 300, maxRequests: 100,
    });
    expect(load.requests.total).toBe(0);
  } finally {
    clearInterval(timer);
  }
  // A spinning loop would hold the event loop for the whole 300 ms: no tick inside the load.
  expect(ticks.filter((at) => at - started < 250).length).toBeGreaterThan(3);
});
