import { afterAll, beforeAll, expect, test } from 'vitest';
import { assertK6Available, runK6 } from '../../../src/harness/runners/k6-runner.js';
import { scenario } from '../../../scenarios/open-model.scenario.js';
import type { ScenarioContext } from '../../../scenarios/scenario-context.js';
import { startLocalServer, type LocalServer } from './local-http-server.js';

const k6Version = await assertK6Available().catch((error: unknown) => {
  console.warn(`skipping the k6 run: ${(error as Error).message}`);
  return undefined;
});

let server: LocalServer;
beforeAll(async () => {
  server = await startLocalServer((_request, response) => response.end('{}'));
});
afterAll(async () => {
  await server?.close();
});

const context: ScenarioContext = {
  organizations: [
    {
      id: 'o',
      adminToken: 'a',
      students: [{ id: 's', token: 't' }],
      campaignIds: ['c'],
      referralIdsByStatus: { pending: ['r'], contacted: [], enrolled: [], declined: [], expired: [] },
    },
  ],
};

test.skipIf(k6Version === undefined)(
  'k6 runs the open-model scenario against a local server and its summary becomes a LoadRunResult',
  async () => {
    const result = await runK6(scenario, { url: server.url, durationMs: 2000, maxRequests: 100, level: 20, context });
    expect(result.runner).toBe('k6');
    expect(result.requests.total).toBeGreaterThan(0);
    expect(result.requests.total).toBeLessThanOrEqual(100);
    expect(result.requests.errorRate).toBe(0);
  },
);
