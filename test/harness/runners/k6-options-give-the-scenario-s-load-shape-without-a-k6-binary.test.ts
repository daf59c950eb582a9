import { describe, expect, it } from 'vitest';
import { k6OptionsFor, phaseTags, readStepEnv } from '../../../scenarios/k6/lib/k6-options.js';
import { scenario as concurrentUsers } from '../../../scenarios/concurrent-users.scenario.js';
import { scenario as operations } from '../../../scenarios/operations.scenario.js';

const quick = concurrentUsers.profiles.quick;
const env = readStepEnv({
  LEVEL: '500',
  WARMUP_MS: String(quick.warmupMs),
  DURATION_MS: String(quick.stepDurationMs),
  MAX_REQUESTS: String(quick.maxRequestsPerStep),
  REPETITIONS: '6',
  LIMITS: 'errorRate:0,p95:245,p95@referral-list:12',
});

describe('the k6 options of a scenario step', () => {
  it("ramp the users up over the scenario's ramp-up, then hold them through the warm-up and the measured load", () => {
    const options = k6OptionsFor(concurrentUsers, env) as { scenarios: Record<string, Record<string, unknown>> };
    expect(options.scenarios['concurrent-users']).toEqual({
      executor: 'ramping-vus',
      startVUs: 0,
      gracefulRampDown: '0s',
      gracefulStop: '30s',
      stages: [
        { duration: `${concurrentUsers.load.rampUpMs}ms`, target: 500 },
        { duration: `${quick.warmupMs + quick.stepDurationMs - concurrentUsers.load.rampUpMs}ms`, target: 500 },
      ],
    });
  });

  it('export the measured phase per route and per repetition, and judge the limits it is given on it alone', () => {
    const { thresholds } = k6OptionsFor(concurrentUsers, env) as { thresholds: Record<string, string[]> };
    expect(thresholds['http_req_duration{phase:measured}']).toEqual(['max>=0', 'p(95)<=245']);
    expect(thresholds['http_req_failed{phase:measured}']).toEqual(['rate>=0', 'rate<=0']);
    expect(thresholds['http_req_duration{name:referral-list,phase:measured}']).toEqual(['max>=0', 'p(95)<=12']);
    for (const route of new Set(concurrentUsers.journey.map((step) => step.route))) {
      for (const rep of ['0', '5'])
        expect(thresholds[`http_req_duration{name:${route},phase:measured,rep:${rep}}`], route).toEqual(['max>=0']);
    }
    expect(thresholds['http_req_duration{phase:measured,rep:6}']).toBeUndefined();
    // the script's corrections of k6's status-only failures, exported where the summary reads them
    for (const counter of ['expected_rejections', 'errors_on_passing_status', 'non_errors_on_failing_status'])
      expect(thresholds[`${counter}{name:referral-list,phase:measured,rep:0}`], counter).toEqual(['count>=0']);
    expect(Object.keys(thresholds).some((name) => !name.includes('phase:measured'))).toBe(false);
  });

  it('tag a request by its phase, and a measured one by its repetition', () => {
    expect(phaseTags(quick.warmupMs - 1, env)).toEqual({ phase: 'warm-up' });
    expect(phaseTags(quick.warmupMs, env)).toEqual({ phase: 'measured', rep: '0' });
    expect(phaseTags(quick.warmupMs + quick.stepDurationMs - 1, env)).toEqual({ phase: 'measured', rep: '5' });
    // One sent after the end (an iteration finishing in k6's graceful stop) is left out.
    expect(phaseTags(quick.warmupMs + quick.stepDurationMs, env)).toEqual({ phase: 'after' });
  });

  it('run the open model at its rate over the warm-up and the measured load, capped by the count bound', () => {
    const profile = operations.profiles.quick;
    const open = readStepEnv({
      LEVEL: '10',
      WARMUP_MS: String(profile.warmupMs),
      DURATION_MS: String(profile.stepDurationMs),
      MAX_REQUESTS: '50',
      REPETITIONS: '6',
      ROUTE: 'update-status',
    });
    const options = k6OptionsFor(operations, open) as {
      scenarios: Record<string, Record<string, unknown>>;
      thresholds: Record<string, string[]>;
    };
    expect(options.scenarios.operations).toEqual({
      executor: 'constant-arrival-rate',
      rate: 10,
      timeUnit: '1s',
      // 50 requests at 10 a second, the warm-up's included (as the built-in runner counts them): 5 s in all
      duration: '5000ms',
      preAllocatedVUs: 50,
      maxVUs: 50,
      gracefulStop: '30s',
    });
    expect(
      Object.keys(options.thresholds)
        .filter((name) => name.includes('name:'))
        .every((name) => name.includes('name:update-status')),
    ).toBe(true);
  });

  it('refuse a missing or bad parameter, naming its -e flag', () => {
    expect(() => readStepEnv({ LEVEL: '5', DURATION_MS: '1000', MAX_REQUESTS: '10', REPETITIONS: '3' })).toThrow(
      /^-e WARMUP_MS: expected a whole number from 0 to /,
    );
    const step = { LEVEL: '5', WARMUP_MS: '0', DURATION_MS: '1000', MAX_REQUESTS: '10', REPETITIONS: '3' };
    expect(() => readStepEnv({ ...step, LIMITS: 'p95<=245' })).toThrow(
      /^-e LIMITS: expected statistic\[@route\]:max items/,
    );
    expect(() => readStepEnv({ ...step, LIMITS: 'correctedP95:245' })).toThrow(/^-e LIMITS: .*correctedP95:245/);
    expect(readStepEnv(step).limits).toEqual([]);
  });
});
