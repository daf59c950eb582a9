import { expect, it } from 'vitest';
import { startApi } from './api-harness.js';

const delayMs = 400;
const { app } = await startApi('optimized', { testDelay: { route: 'openapi', ms: delayMs } });
const { app: byPath } = await startApi('optimized', { testDelay: { route: '/metrics', ms: delayMs } });
// Under 2 ms the delay is busy-waited, so a fraction of a millisecond is honoured.
const { app: spun } = await startApi('optimized', { testDelay: { route: 'openapi', ms: 1.5 } });

async function timed(target: typeof app, url: string): Promise<number> {
  const started = performance.now();
  const response = await target.inject({ method: 'GET', url });
  expect(response.statusCode, url).toBe(200);
  return performance.now() - started;
}

it('adds the delay to every request of the named route (by label or URL pattern) and to no other route', async () => {
  // Warm each route once, so compilation and first connections do not count.
  for (const url of ['/openapi.json', '/health', '/metrics']) await timed(app, url);

  for (let i = 0; i < 3; i += 1) {
    expect(await timed(app, '/openapi.json')).toBeGreaterThanOrEqual(delayMs - 1);
    expect(await timed(app, '/health')).toBeLessThan(delayMs);
    expect(await timed(app, '/metrics')).toBeLessThan(delayMs);
  }
  await timed(byPath, '/metrics');
  expect(await timed(byPath, '/metrics')).toBeGreaterThanOrEqual(delayMs - 1);
  expect(await timed(byPath, '/openapi.json')).toBeLessThan(delayMs);

  await timed(spun, '/openapi.json');
  for (let i = 0; i < 5; i += 1) expect(await timed(spun, '/openapi.json')).toBeGreaterThanOrEqual(1.5);
});
