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

/** Blocks the event loop for `ms`, as a CPU-bound generator would. */
function burn(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    /* spin */
  }
}

test('a generator whose event loop is blocked reports itself as the bottleneck', async () => {
  // 150 ms of every 160 ms spent spinning: timers fire late, the CPU is pegged, arrivals fall behind.
  const burner = setInterval(() => burn(150), 160);
  try {
    const result = await runOpenModel({
      url: server.url,
      journey,
      ratePerSecond: 200,
      durationMs: 2000,
      maxRequests: 10_000,
      maxInFlight: 1,
    });
    expect(result.generator.bottleneck).toBe(true);
    expect(result.generator.reasons.join('\n')).toMatch(/event-loop delay p99/);
    expect(result.generator.eventLoopDelayP99Ms).toBeGreaterThan(50);
    expect(result.generator.askedRate).toBe(200);
  } finally {
    clearInterval(burner);
  }
});
