import { setTimeout as sleep } from 'node:timers/promises';
import type * as timers from 'node:timers/promises';
import { expect, it, vi } from 'vitest';
import { startApi } from './api-harness.js';

// The hook sleeps through node:timers/promises: watched, it says which requests it delayed and by
// how much, without judging any route by its speed.
vi.mock('node:timers/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof timers>();
  return { ...actual, setTimeout: vi.fn(actual.setTimeout) };
});
const sleeps = vi.mocked(sleep);

const delayMs = 400;
const { app } = await startApi('optimized', { testDelay: { route: 'openapi', ms: delayMs } });
const { app: byPath } = await startApi('optimized', { testDelay: { route: '/metrics', ms: delayMs } });
// Under 2 ms the delay is busy-waited, so a fraction of a millisecond is honoured.
const { app: spun } = await startApi('optimized', { testDelay: { route: 'openapi', ms: 1.5 } });

/** The sleeps one request went through, and how long it took. */
async function served(target: typeof app, url: string): Promise<{ sleptMs: unknown[]; tookMs: number }> {
  sleeps.mockClear();
  const started = performance.now();
  const response = await target.inject({ method: 'GET', url });
  const tookMs = performance.now() - started;
  expect(response.statusCode, url).toBe(200);
  return { sleptMs: sleeps.mock.calls.map(([ms]) => ms), tookMs };
}

it('adds the delay to every request of the named route (by label or URL pattern) and to no other route', async () => {
  for (let i = 0; i < 3; i += 1) {
    const delayed = await served(app, '/openapi.json');
    expect(delayed.sleptMs).toEqual([delayMs]);
    expect(delayed.tookMs).toBeGreaterThanOrEqual(delayMs - 1);
    expect((await served(app, '/health')).sleptMs).toEqual([]);
    expect((await served(app, '/metrics')).sleptMs).toEqual([]);
  }
  const delayed = await served(byPath, '/metrics');
  expect(delayed.sleptMs).toEqual([delayMs]);
  expect(delayed.tookMs).toBeGreaterThanOrEqual(delayMs - 1);
  expect((await served(byPath, '/openapi.json')).sleptMs).toEqual([]);

  for (let i = 0; i < 5; i += 1) {
    const busy = await served(spun, '/openapi.json');
    expect(busy.sleptMs).toEqual([]);
    expect(busy.tookMs).toBeGreaterThanOrEqual(1.5);
  }
});
