import { describe, expect, it } from 'vitest';
import { evaluateTargets } from '../../../src/harness/targets/evaluate-targets.js';
import { specTargets } from '../../../src/harness/targets/spec-targets.js';
import { loadRun, run, scenario, step } from './run-builder.js';

const row = (id: string) => {
  const found = specTargets.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no spec row ${id}`);
  return [found];
};
const judge = (id: string, result: ReturnType<typeof run>) => evaluateTargets(result, row(id))[0];

const profileAt = (...p95: number[]) =>
  run([
    scenario('operations', [
      step('student-profile', {
        load: loadRun(
          p95.length === 1
            ? { latency: { p95: p95[0] as number } }
            : { repetitions: p95.map((value) => ({ p95: value })) },
        ),
      }),
    ]),
  ]);
const errorsAt = (users: number, errors: number, total: number) =>
  run([scenario('concurrent-users', [step(`${users} users`, { load: loadRun({ errors, total }) })])]);
const hitsAt = (hits: number, misses: number) =>
  run([
    scenario('concurrent-users', [], {
      server: {
        pgStatStatementsTop: [],
        bufferHitRatio: 1,
        serviceMetrics: {
          poolWaiting: 0,
          cacheHitRatio: { leaderboard: hits / (hits + misses) },
          cacheLookups: { leaderboard: { hits, misses } },
          eventLoopLagP99Ms: 1,
        },
        memory: {},
      },
    }),
  ]);

describe('a figure with its interval against its row', () => {
  it.each([
    ['no spread: judged at the boundaries as written (warn 1500, target 2000)', profileAt(1500), 'pass'],
    ['', profileAt(1500.01), 'warn'],
    ['', profileAt(2000), 'warn'],
    ['', profileAt(2000.01), 'fail'],
    ['repetitions spread across the target', profileAt(1700, 2300, 1900, 2100, 1800, 2200), 'inconclusive'],
    ['repetitions spread, all below', profileAt(1000, 1100, 1050, 990, 1020, 1080), 'pass'],
    ['repetitions spread, all above', profileAt(2500, 2600, 2550, 2490, 2520, 2580), 'fail'],
  ] as const)('%s -> %s', (_why, result, verdict) => {
    expect(judge('core.student-profile', result)).toMatchObject({ verdict, method: 'log-t' });
  });

  it('carries the estimate, its interval and the repetitions it came from', () => {
    const evaluation = judge('core.student-profile', profileAt(1000, 1100, 1050, 990, 1020, 1080));
    expect(evaluation?.samples).toEqual([1000, 1100, 1050, 990, 1020, 1080]);
    expect(evaluation?.interval?.confidence).toBe(0.95);
    expect(evaluation?.interval?.lower).toBeLessThan(evaluation?.measured as number);
    expect(evaluation?.interval?.upper).toBeGreaterThan(evaluation?.measured as number);
  });

  it('says how many repetitions would decide an inconclusive row', () => {
    const evaluation = judge('core.student-profile', profileAt(1850, 2050, 1900, 2000, 1950, 1980));
    expect(evaluation?.verdict).toBe('inconclusive');
    expect(evaluation?.neededRepetitions).toBeGreaterThan(6);
    expect(evaluation?.reason).toMatch(/contains the target 2000/);
  });

  it('leaves one repetition undecided, never rounded into a pass', () => {
    const result = run([
      scenario('operations', [step('student-profile', { load: loadRun({ repetitions: [{ p95: 10 }] }) })]),
    ]);
    expect(judge('core.student-profile', result)).toMatchObject({ verdict: 'inconclusive', measured: 10 });
  });

  it.each([
    ['no error in 600 requests passes, its upper bound stated', 0, 600, 'pass', 0.5],
    ['one error fails a target of zero', 1, 600, 'fail', undefined],
  ] as const)('an error rate against 0%%: %s', (_why, errors, total, verdict, upper) => {
    const evaluation = judge('load.users-100.error-rate', errorsAt(100, errors, total));
    expect(evaluation).toMatchObject({ verdict, method: 'zero-count' });
    if (upper !== undefined) expect(evaluation?.interval?.upper).toBeCloseTo(upper, 9);
  });

  it.each([
    ['repetitions at 0.01% to 0.05%, against 0.3%', [0.0001, 0.0003, 0.0005, 0.0002, 0.0004, 0.0001], 'pass'],
    ['repetitions at 0.1% to 0.6%: around the line', [0.001, 0.006, 0.002, 0.005, 0.003, 0.004], 'inconclusive'],
    ['repetitions at 0.9% to 1.4%', [0.009, 0.012, 0.014, 0.01, 0.011, 0.013], 'fail'],
  ] as const)(
    "an error rate against a bound above zero, from the repetitions' own rates: %s -> %s",
    (_why, rates, verdict) => {
      const load = loadRun({ errors: 60, total: 6000 });
      const bursty = {
        ...load,
        repetitions: load.repetitions.map((repetition, i) => ({
          ...repetition,
          requests: { ...repetition.requests, errorRate: rates[i] as number },
        })),
      };
      const result = run([scenario('concurrent-users', [step('2000 users', { load: bursty })])]);
      expect(judge('load.users-2000.error-rate', result)).toMatchObject({ verdict, method: 'mean-t' });
    },
  );

  it.each([
    [990, 10, 'pass'],
    [950, 50, 'inconclusive'],
    [900, 100, 'fail'],
  ] as const)('a cache hit rate from its lookups: %i hits, %i misses -> %s', (hits, misses, verdict) => {
    expect(judge('cache.leaderboard-hit-rate', hitsAt(hits, misses))).toMatchObject({
      verdict,
      method: 'clopper-pearson',
      details: { hits, misses },
    });
  });

  it('judges a count read once as read', () => {
    const result = (reductionPct: number) =>
      run([scenario('before-after', [step('trigger-firings', { measurements: { reductionPct } })])]);
    expect(judge('improvements.trigger-firings', result(75))).toMatchObject({
      verdict: 'pass',
      method: 'single-reading',
    });
    expect(judge('improvements.trigger-firings', result(74.99))).toMatchObject({
      verdict: 'fail',
      method: 'single-reading',
    });
  });

  it('reports the headroom of the estimate in percent of the target (negative when missed)', () => {
    expect(judge('core.student-profile', profileAt(1500))).toMatchObject({ measured: 1500, marginPct: 25 });
    expect(
      judge(
        'core.bulk-operations',
        run([scenario('operations', [step('bulk-process', { load: loadRun({ latency: { p95: 550 } }) })])]),
      ),
    ).toMatchObject({ marginPct: -10 });
  });
});
