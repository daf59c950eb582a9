import { describe, expect, it } from 'vitest';
import { evaluateTargets } from '../../../src/harness/targets/evaluate-targets.js';
import { specTargets } from '../../../src/harness/targets/spec-targets.js';
import { loadRun, run, scenario, step } from './run-builder.js';

const row = (id: string) => {
  const found = specTargets.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no spec row ${id}`);
  return [found];
};

const profileAt = (p95: number) => run([scenario('operations', [step('student-profile', { load: loadRun({ latency: { p95 } }) })])]);
const bulkAt = (p95: number) => run([scenario('operations', [step('bulk-process', { load: loadRun({ latency: { p95 } }) })])]);
const errorsAt = (users: number, errorRate: number) => run([scenario('concurrent-users', [step(`${users} users`, { load: loadRun({ errorRate }) })])]);
const hitRateAt = (leaderboard: number) => run([scenario('concurrent-users', [], {
  server: { pgStatStatementsTop: [], bufferHitRatio: 1, serviceMetrics: { poolWaiting: 0, cacheHitRatio: { leaderboard }, eventLoopLagP99Ms: 1 }, memory: {} },
})]);
const reductionAt = (reductionPct: number) => run([scenario('before-after', [step('trigger-firings', { measurements: { reductionPct } })])]);

describe('evaluating a figure against its row', () => {
  it.each([
    ['student profile p95 (warn 1500, target 2000)', 'core.student-profile', 'pass', profileAt(1200)],
    ['', 'core.student-profile', 'pass', profileAt(1500)],
    ['', 'core.student-profile', 'warn', profileAt(1500.01)],
    ['', 'core.student-profile', 'warn', profileAt(2000)],
    ['', 'core.student-profile', 'fail', profileAt(2000.01)],
    ['alert row, same bounds', 'alerts.student-profile', 'warn', profileAt(1999)],
    ['bulk p95 (target 500, no warning)', 'core.bulk-operations', 'pass', bulkAt(500)],
    ['', 'core.bulk-operations', 'fail', bulkAt(500.01)],
    ['error rate 0% target', 'load.users-100.error-rate', 'pass', errorsAt(100, 0)],
    ['', 'load.users-100.error-rate', 'fail', errorsAt(100, 0.0001)],
    ['error rate 0.3%: 0.003 x 100 is exactly at target', 'load.users-2000.error-rate', 'pass', errorsAt(2000, 0.003)],
    ['', 'load.users-2000.error-rate', 'fail', errorsAt(2000, 0.0031)],
    ['cache hit rate floor 95%', 'cache.leaderboard-hit-rate', 'pass', hitRateAt(0.95)],
    ['', 'cache.leaderboard-hit-rate', 'fail', hitRateAt(0.9499)],
    ['trigger firings floor 75%', 'improvements.trigger-firings', 'pass', reductionAt(75)],
    ['', 'improvements.trigger-firings', 'fail', reductionAt(74.99)],
  ] as const)('%s: %s -> %s', (_why, id, verdict, result) => {
    const [evaluation] = evaluateTargets(result, row(id));
    expect(evaluation).toMatchObject({ id, verdict });
  });

  it('reports the headroom to the target in percent (negative when missed)', () => {
    expect(evaluateTargets(profileAt(1500), row('core.student-profile'))[0]).toMatchObject({ measured: 1500, marginPct: 25 });
    expect(evaluateTargets(bulkAt(550), row('core.bulk-operations'))[0]).toMatchObject({ marginPct: -10 });
  });

  it('computes an integration impact as the relative change of the mean from off to on', () => {
    const result = run([scenario('integration-impact', [
      step('ranking-calculation:off', { load: loadRun({ latency: { mean: 40 } }) }),
      step('ranking-calculation:on', { load: loadRun({ latency: { mean: 42.8 } }) }),
    ])]);
    expect(evaluateTargets(result, row('integration.ranking-calculation'))[0])
      .toMatchObject({ measured: 7, verdict: 'pass', details: { beforeMs: 40, afterMs: 42.8 } });
  });
});
