import { describe, expect, it } from 'vitest';
import { evaluateTargets } from '../../../src/harness/targets/evaluate-targets.js';
import { specTargets } from '../../../src/harness/targets/spec-targets.js';
import { loadRun, run, scenario, step } from './run-builder.js';

const ranking = specTargets.filter((row) => row.id === 'integration.ranking-calculation');
const lookups = specTargets.filter((row) => row.id === 'improvements.referral-lookups');

const impact = (off: number[], on: number[]) =>
  run([
    scenario('integration-impact', [
      step('ranking-calculation:off', { load: loadRun({ repetitions: off.map((p50) => ({ p50 })) }) }),
      step('ranking-calculation:on', { load: loadRun({ repetitions: on.map((p50) => ({ p50 })) }) }),
    ]),
  ]);

describe('a change between two sides measured in pairs', () => {
  it("is the Hodges-Lehmann estimate of the pairs' log-ratios, in percent, with its exact interval", () => {
    // Each pair 2% slower on the 'on' side, whatever the drift: the pairs cancel it.
    const off = [40, 44, 38, 50, 41, 43];
    const [row] = evaluateTargets(
      impact(
        off,
        off.map((p50) => p50 * 1.02),
      ),
      ranking,
    );
    expect(row).toMatchObject({ method: 'paired-hodges-lehmann', verdict: 'pass' });
    expect(row?.measured).toBeCloseTo(2, 6);
    expect(row?.interval?.lower).toBeCloseTo(2, 6);
    expect(row?.samples).toHaveLength(6);
  });

  it('pairs repetitions by index, so drift between pairs does not widen the interval', () => {
    const off = [40, 80, 20, 60, 30, 70];
    const on = [40.4, 81, 20.1, 60.9, 30.2, 70.5];
    const [row] = evaluateTargets(impact(off, on), ranking);
    expect(row?.verdict).toBe('pass');
    expect(row?.interval?.upper).toBeLessThan(7);
  });

  it('is inconclusive when the pairs disagree about which side of the limit it lies', () => {
    const off = [40, 40, 40, 40, 40, 40];
    const on = [40, 46, 41, 45, 42, 44.5];
    expect(evaluateTargets(impact(off, on), ranking)[0]).toMatchObject({ verdict: 'inconclusive' });
  });

  it('uses a t interval under six pairs, where no exact 95% interval exists', () => {
    expect(evaluateTargets(impact([40, 41, 39], [40.4, 41.2, 39.3]), ranking)[0]).toMatchObject({
      method: 'paired-log-t',
    });
  });

  it('gives a reduction from the paired samples of a before-after step', () => {
    const result = run([
      scenario('before-after', [
        step('referral-lookup', {
          measurements: { reductionPct: 90 },
          samples: { baselineMs: [10, 11, 9, 10, 12, 10], optimizedMs: [1, 1.1, 0.9, 1, 1.2, 1] },
        }),
      ]),
    ]);
    const [row] = evaluateTargets(result, lookups);
    expect(row).toMatchObject({ method: 'paired-hodges-lehmann', verdict: 'pass' });
    expect(row?.measured).toBeCloseTo(90, 6);
  });
});
