import { describe, expect, it } from 'vitest';
import { pairsToDecide, rowsOfSteps } from '../../../src/harness/run/until-decided.js';
import type { PlannedStep } from '../../../scenarios/step-plan.js';
import { scenario as integrationImpact } from '../../../scenarios/integration-impact.scenario.js';
import { loadRun } from '../targets/run-builder.js';

const side = (label: string): PlannedStep => ({
  label,
  level: 50,
  referrals: 100_000,
  route: 'ranking-calculation',
  loadMs: 1000,
});
const pairs = (off: number[], on: number[]) =>
  [
    [side('ranking-calculation:off'), loadRun({ repetitions: off.map((p50) => ({ p50 })) })],
    [side('ranking-calculation:on'), loadRun({ repetitions: on.map((p50) => ({ p50 })) })],
  ] as const;

describe('extending a paired step until its rows are decided', () => {
  it('finds the rows that read only the steps at hand', () => {
    expect(
      rowsOfSteps('integration-impact', ['ranking-calculation:off', 'ranking-calculation:on']).map((row) => row.id),
    ).toEqual(['integration.ranking-calculation']);
    expect(rowsOfSteps('integration-impact', ['ranking-calculation:off'])).toEqual([]);
  });

  it('asks for more pairs than it has when the interval straddles the limit', () => {
    // Changes of about +9% against the 7% limit, noisy enough that six pairs cannot tell.
    const off = [40, 40, 40, 40, 40, 40];
    const on = [42, 45.5, 43, 44.8, 42.6, 46];
    const { pairs: needed, rows } = pairsToDecide(integrationImpact, 'quick', pairs(off, on), 100);
    expect(rows).toEqual(['integration.ranking-calculation']);
    expect(needed).toBeGreaterThan(6);
  });

  it('asks for nothing when the row is already decided', () => {
    const off = [40, 41, 39, 42, 40, 41];
    expect(
      pairsToDecide(
        integrationImpact,
        'quick',
        pairs(
          off,
          off.map((p50) => p50 * 1.2),
        ),
        100,
      ),
    ).toEqual({ pairs: 0, rows: [] });
  });

  it('asks for nothing when the decision needs more pairs than the step may take', () => {
    const off = [40, 40, 40, 40, 40, 40];
    const on = [42, 45.5, 43, 44.8, 42.6, 46];
    const needed = pairsToDecide(integrationImpact, 'quick', pairs(off, on), 100).pairs;
    expect(pairsToDecide(integrationImpact, 'quick', pairs(off, on), needed - 1)).toEqual({ pairs: 0, rows: [] });
  });
});
