import { describe, expect, it } from 'vitest';
import { evaluateTargets } from '../../../src/harness/targets/evaluate-targets.js';
import { specTargets } from '../../../src/harness/targets/spec-targets.js';
import { judgedTargets } from '../../../src/harness/targets/judged-targets.js';
import { loadRun, run, scenario, step } from './run-builder.js';

const only = (id: string) => specTargets.filter((row) => row.id === id);

describe('a row the run could not measure', () => {
  it('still comes back, for every spec row and project goal of an empty run, naming the missing scenario', () => {
    const rows = evaluateTargets(run([]));
    expect(rows.map((row) => row.id)).toEqual(judgedTargets.map((row) => row.id));
    for (const row of rows) {
      expect(row.verdict).toBe('not-measured');
      expect(row.reason).toBe(`scenario '${row.scenario}' was not run (profile quick)`);
    }
  });

  it.each([
    [
      'an errored scenario',
      run([scenario('operations', [], { state: 'errored', reason: 'service exited with code 1' })]),
      'core.student-profile',
      "scenario 'operations' errored: service exited with code 1",
    ],
    [
      'a missing step',
      run([scenario('concurrent-users', [step('100 users', { load: loadRun() })])]),
      'load.users-5000.response-time',
      "step '5000 users' not in scenario 'concurrent-users' (profile quick)",
    ],
    [
      'an absent statistic',
      run([scenario('data-volume', [step('10k', { measurements: { queryMsP95: 3 } })])]),
      'volume.10k.memory',
      "statistic 'measurements.postgresGrowthBytes' absent from step '10k' of scenario 'data-volume'",
    ],
    [
      'a missing server sample',
      run([scenario('concurrent-users', [])]),
      'cache.leaderboard-hit-rate',
      "statistic 'serviceMetrics.cacheHitRatio.leaderboard' absent from scenario 'concurrent-users' server sample",
    ],
    [
      'a missing "after" step of an impact',
      run([scenario('integration-impact', [step('achievement-check:off', { load: loadRun() })])]),
      'integration.achievement-check',
      "step 'achievement-check:on' not in scenario 'integration-impact' (profile quick)",
    ],
  ])('says why for %s', (_case, result, id, reason) => {
    const [row] = evaluateTargets(result, only(id));
    expect(row).toMatchObject({ id, verdict: 'not-measured', reason });
    expect(row?.measured).toBeUndefined();
  });
});
