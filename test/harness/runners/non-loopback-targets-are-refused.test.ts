import { expect, test } from 'vitest';
import { HarnessError } from '../../../src/core/errors.js';
import { runClosedModel } from '../../../src/harness/runners/closed-model-runner.js';
import { runOpenModel } from '../../../src/harness/runners/open-model-runner.js';
import { runSaturation } from '../../../src/harness/runners/saturation-runner.js';
import { assertLoadTarget } from '../../../src/harness/runners/load-bounds.js';
import type { WeightedStep } from '../../../src/model/load-request.js';

const journey: WeightedStep[] = [{ weight: 1, request: () => ({ method: 'GET', path: '/', label: 'root' }) }];
// 192.0.2.0/24 is TEST-NET-1: never routed, so nothing is sent even if a check were missing.
const remote = 'http://192.0.2.10:8080';

test('runners refuse a non-loopback target unless allowRemoteTarget is passed', async () => {
  const bounds = { url: remote, durationMs: 1000, maxRequests: 10 };
  await expect(
    runClosedModel({ ...bounds, users: 1, journey, thinkTime: { distribution: 'fixed', ms: 0 } }),
  ).rejects.toThrow(/not a loopback address/);
  await expect(runOpenModel({ ...bounds, journey, ratePerSecond: 10 })).rejects.toThrow(HarnessError);
  await expect(runSaturation({ ...bounds, connections: 1 })).rejects.toThrow(/allowRemoteTarget/);
  expect(() => assertLoadTarget({ ...bounds, url: 'http://example.com' })).toThrow(/example\.com/);
  expect(assertLoadTarget({ ...bounds, url: 'http://localhost:1' }).hostname).toBe('localhost');
  expect(assertLoadTarget({ ...bounds, allowRemoteTarget: true }).hostname).toBe('192.0.2.10');
});
