import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../../src/harness/report/html.renderer.js';
import { renderJunit } from '../../../src/harness/report/junit.renderer.js';
import { renderSummary } from '../../../src/harness/report/summary.renderer.js';
import { memoryOverTime } from '../../../src/harness/run/server-sampler.js';
import type { FaultOutcome, RunResult } from '../../../src/harness/result/run-result.schema.js';
import { validateResult } from '../../../src/harness/result/validate-result.js';
import { runOutcome } from '../../../src/harness/targets/run-outcome.js';
import { loadFixture } from './load-fixture.js';

const mb = 1024 * 1024;

/**
 * 31 samples every 60 s: PostgreSQL's PSS climbing for 20 minutes as its buffers fill, then flat,
 * its private memory flat around 60 MB, the service growing `serviceGrowthPerHour`.
 */
function series(serviceGrowthPerHour: number) {
  return Array.from({ length: 31 }, (_, i) => ({
    atS: i * 60,
    postgresMemoryBytes: (150 + 12 * Math.min(i, 20)) * mb + ((i * 7919) % 11) * 1000,
    postgresPrivateBytes: 60 * mb + ((i * 7907) % 17) * 1000,
    serviceRssBytes: 90 * mb + (serviceGrowthPerHour * i) / 60 + ((i * 104_729) % 13) * 1000,
  }));
}

const restart: FaultOutcome = {
  name: 'postgres-restart',
  action: 'PostgreSQL restarted',
  state: 'measured',
  injectedAtS: 25,
  clearedAtS: 25.5,
  requests: 150,
  failed: 3,
  failedInFlight: 1,
  errors: { 'http-5xx': 3 },
  recoveryMs: 800,
  serviceKeptRunning: true,
  goal: 'only requests in flight fail, and the service recovers within 5 s without a restart',
  met: false,
};
const redis: FaultOutcome = {
  name: 'redis-down',
  action: 'Redis stopped',
  state: 'not-measured',
  reason: 'redis-server is not on PATH',
  goal: 'no request fails while Redis is down',
};

function withReliability(result: RunResult, growthPerHour: number, faults: FaultOutcome[]): RunResult {
  const scenarios = result.scenarios.map((scenario) =>
    scenario.name !== 'concurrent-users' || scenario.server === undefined
      ? scenario
      : {
          ...scenario,
          faults,
          server: { ...scenario.server, memoryOverTime: memoryOverTime(series(growthPerHour), 60_000) },
        },
  );
  return { ...result, scenarios };
}

describe('the reports of a run with faults and a long memory series', () => {
  it("state each fault's failed requests, recovery and goal, and a fault that missed its goal fails the run", async () => {
    const result = withReliability(await loadFixture(), 0, [redis, restart]);
    expect(validateResult(JSON.parse(JSON.stringify(result))).valid).toBe(true);
    const summary = renderSummary(result);
    expect(summary).toContain('- redis-down: not measured (redis-server is not on PATH).');
    expect(summary).toContain(
      '- postgres-restart (PostgreSQL restarted, at 25-25.5 s): 3 of 150 requests failed (3 http-5xx), 1 of them in flight at the injection; recovered 800 ms after the fault ended. Goal: only requests in flight fail, and the service recovers within 5 s without a restart: NOT MET.',
    );
    expect(renderHtml(result, { chartJs: '' })).toContain('Faults under load.');
    // The JUnit file fails with the run: the missed goal is a failure, the fault not measured skipped.
    const junit = renderJunit(result);
    expect(junit).toContain('<testsuite name="Faults under load" tests="2" failures="1" errors="0" skipped="1">');
    expect(junit).toContain('<failure message="goal not met: only requests in flight fail');
    expect(
      runOutcome({
        ...result,
        targets: result.targets.filter((row) => row.verdict !== 'fail'),
        invariants: { state: 'passed', checked: [], violations: [] },
      }),
    ).toEqual({ verdict: 'fail', exitCode: 1 });
  });

  it("judge PostgreSQL's private memory and the service's RSS after the warm-up, showing the PSS that buffers fill unjudged", async () => {
    const flat = renderSummary(withReliability(await loadFixture(), 0, []));
    expect(flat).toMatch(
      /Memory trend \(concurrent-users, 31 samples every 60 s over 30 min, fitted from 10 min on, the rest being warm-up; goal under 5\.00 MB\/h.*\): PostgreSQL private memory -?\d+\.\d\d MB\/h \[-?\d+\.\d\d, -?\d+\.\d\d(, contains 0)?\]: met; service RSS -?\d+\.\d\d MB\/h \[.*\]: met; PostgreSQL PSS, shared buffers included \(not judged/,
    );
    const leaking = renderSummary(withReliability(await loadFixture(), 40 * mb, []));
    expect(leaking).toMatch(/service RSS 40\.\d\d MB\/h \[\d+\.\d\d, \d+\.\d\d\]: not met;/);
  });

  it('leave the trend out for a series shorter than ten minutes, where warm-up and collection dominate', async () => {
    const result = await loadFixture();
    const short = {
      ...result,
      scenarios: result.scenarios.map((scenario) =>
        scenario.server === undefined
          ? scenario
          : {
              ...scenario,
              server: { ...scenario.server, memoryOverTime: memoryOverTime(series(0).slice(0, 9), 60_000) },
            },
      ),
    };
    expect(renderSummary(short)).not.toContain('Memory trend');
  });
});
