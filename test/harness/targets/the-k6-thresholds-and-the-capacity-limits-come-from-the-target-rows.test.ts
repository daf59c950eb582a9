import { describe, expect, it } from 'vitest';
import { HarnessError } from '../../../src/core/errors.js';
import { capacityLimits } from '../../../src/harness/run/breakpoint.executor.js';
import { judgedTargets } from '../../../src/harness/targets/judged-targets.js';
import { stepLimits } from '../../../src/harness/targets/step-limits.js';
import type { TargetDefinition } from '../../../src/harness/targets/target-definition.js';
import { formatLimits, k6OptionsFor, readStepEnv } from '../../../scenarios/k6/lib/k6-options.js';
import { scenario as concurrentUsers } from '../../../scenarios/concurrent-users.scenario.js';
import { scenario as dataVolume } from '../../../scenarios/data-volume.scenario.js';
import type { Scenario } from '../../../scenarios/scenario-schema.js';

/** The k6 thresholds of a step, with the limits the harness passes it from `definitions`. */
function thresholdsOf(
  scenario: Scenario,
  step: string,
  level: number,
  definitions: readonly TargetDefinition[] = judgedTargets,
): Record<string, string[]> {
  const env = readStepEnv({
    LEVEL: String(level),
    WARMUP_MS: '0',
    DURATION_MS: '1000',
    MAX_REQUESTS: '100',
    REPETITIONS: '1',
    LIMITS: formatLimits(stepLimits(scenario.name, step, definitions)),
  });
  return (k6OptionsFor(scenario, env) as { thresholds: Record<string, string[]> }).thresholds;
}

const row = (id: string, definitions: readonly TargetDefinition[] = judgedTargets): TargetDefinition => {
  const found = definitions.find((candidate) => candidate.id === id);
  if (found === undefined) throw new Error(`no row ${id}`);
  return found;
};
/** A copy of the rows with some targets changed. */
const changed = (targets: Readonly<Record<string, number>>): TargetDefinition[] =>
  judgedTargets.map((definition) =>
    definition.id in targets ? { ...definition, target: targets[definition.id] as number } : definition,
  );

const all = 'http_req_duration{phase:measured}';
const failed = 'http_req_failed{phase:measured}';

describe('the k6 thresholds and the capacity limits', () => {
  it("judge a step on its spec rows and its project goals, each at the row's target", () => {
    const thresholds = thresholdsOf(concurrentUsers, '1000 users', 1000);
    const average = row('load.users-1000.response-time');
    const p95 = row('goals.concurrent-users-1000-users.p95');
    expect(average.kind ?? 'spec').toBe('spec');
    expect(p95.kind).toBe('project-goal');
    expect(thresholds[all]).toEqual(['max>=0', `avg<=${average.target}`, `p(95)<=${p95.target}`]);
    // Percent in the rows, a 0..1 rate in k6.
    expect(thresholds[failed]).toEqual([
      'rate>=0',
      `rate<=${row('load.users-1000.error-rate').target / 100}`,
      `rate<=${row('goals.concurrent-users-1000-users.error-rate').target / 100}`,
    ]);
    const volume = thresholdsOf(dataVolume, '10k', 50);
    expect(volume['http_req_duration{name:referral-list,phase:measured}']).toEqual([
      'max>=0',
      `p(95)<=${row('volume.10k.query-time').target}`,
    ]);
  });

  it('change when a target row changes, and with nothing else', () => {
    const definitions = changed({
      'load.users-1000.response-time': 999,
      'goals.concurrent-users-1000-users.p95': 123,
      'goals.concurrent-users-1000-users.error-rate': 0.5,
    });
    const thresholds = thresholdsOf(concurrentUsers, '1000 users', 1000, definitions);
    expect(thresholds[all]).toEqual(['max>=0', 'avg<=999', 'p(95)<=123']);
    expect(thresholds[failed]).toContain('rate<=0.005');
    expect(thresholds[failed]).not.toContain('rate<=0');
    expect(thresholdsOf(concurrentUsers, '500 users', 500, definitions)).toEqual(
      thresholdsOf(concurrentUsers, '500 users', 500),
    );
  });

  it('hold each level of the capacity search to the concurrent-users goal rows', () => {
    expect(capacityLimits()).toEqual({
      p95Ms: row('goals.concurrent-users-5000-users.p95').target,
      errorRate: row('goals.concurrent-users-5000-users.error-rate').target / 100,
    });
    const goals = judgedTargets.filter((definition) => definition.id.startsWith('goals.concurrent-users-'));
    const raised = Object.fromEntries(
      goals.map((definition) => [definition.id, definition.id.endsWith('.p95') ? 400 : 1]),
    );
    expect(capacityLimits(changed(raised))).toEqual({ p95Ms: 400, errorRate: 0.01 });
    // One level's goal apart from the others' leaves the search without one question to ask.
    const failure = (() => {
      try {
        return capacityLimits(changed({ 'goals.concurrent-users-500-users.p95': 300 }));
      } catch (error: unknown) {
        return error;
      }
    })();
    expect(failure).toBeInstanceOf(HarnessError);
    expect(failure).toMatchObject({ code: 'BAD_SCENARIO' });
  });
});
