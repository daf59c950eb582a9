import { describe, expect, it } from 'vitest';
import { faultOutcome, type FaultWindow } from '../../../src/harness/run/fault-outcome.js';
import type { RecordedRequest } from '../../../src/harness/measure/run-recorder.js';

const ok = (completedAtMs: number, latencyMs = 10): RecordedRequest => ({
  label: 'r',
  outcome: { kind: 'ok' },
  latencyMs,
  completedAtMs,
});
const failed = (completedAtMs: number, latencyMs = 10): RecordedRequest => ({
  label: 'r',
  outcome: { kind: 'error', errorClass: 'http-5xx' },
  latencyMs,
  completedAtMs,
});

const window = (name: FaultWindow['name'], overrides: Partial<FaultWindow> = {}): FaultWindow => ({
  name,
  action: 'test',
  injectedAtMs: 10_000,
  clearedAtMs: 11_000,
  windowEndMs: 25_000,
  loadStartMs: 0,
  serviceKeptRunning: true,
  ...overrides,
});

describe("a fault's outcome", () => {
  it('counts the failures in its window, those sent before the injection as in flight, and recovery from its end to the first success after the last failure', () => {
    const requests = [
      failed(9_000), // before the window: not this fault's
      failed(10_200, 500), // sent at 9,700: in flight at the injection
      failed(10_500, 100), // sent during the fault
      ok(10_800),
      failed(11_400, 50), // after the fault's end
      ok(11_900), // first success after the last failure: 900 ms after the end
      ok(30_000), // after the window
    ];
    expect(faultOutcome(window('postgres-restart'), requests)).toMatchObject({
      state: 'measured',
      requests: 5,
      failed: 3,
      failedInFlight: 1,
      errors: { 'http-5xx': 3 },
      recoveryMs: 900,
      injectedAtS: 10,
      clearedAtS: 11,
      met: false,
    });
  });

  it('meets the restart goal when only requests in flight failed and it recovered within 5 s, and not when the service did not survive', () => {
    const requests = [failed(10_100, 400), ok(10_900), ok(12_000)];
    expect(faultOutcome(window('postgres-restart'), requests)).toMatchObject({
      failed: 1,
      failedInFlight: 1,
      recoveryMs: 0,
      met: true,
    });
    expect(faultOutcome(window('postgres-restart', { serviceKeptRunning: false }), requests)).toMatchObject({
      met: false,
    });
  });

  it('misses the recovery goal when the first success after the last failure comes more than 5 s after the end, and says nothing recovered when none came', () => {
    const late = [failed(10_100, 400), failed(16_500), ok(16_600)];
    expect(faultOutcome(window('pool-exhausted'), late)).toMatchObject({ recoveryMs: 5_600, met: false });
    const never = [failed(10_100, 400), failed(16_500)];
    const outcome = faultOutcome(window('pool-exhausted'), never);
    expect(outcome.recoveryMs).toBeUndefined();
    expect(outcome.met).toBe(false);
  });

  it('holds Redis going down to no failed request at all', () => {
    expect(faultOutcome(window('redis-down'), [ok(10_100), ok(12_000)])).toMatchObject({
      failed: 0,
      recoveryMs: 0,
      met: true,
    });
    expect(faultOutcome(window('redis-down'), [ok(10_100), failed(10_300, 100), ok(12_000)])).toMatchObject({
      failed: 1,
      met: false,
    });
  });
});
