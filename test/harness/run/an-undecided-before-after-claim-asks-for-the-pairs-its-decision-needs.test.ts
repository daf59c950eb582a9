import { expect, test } from 'vitest';
import { scenario as beforeAfter } from '../../../scenarios/before-after.scenario.js';
import type { StepResult } from '../../../src/harness/result/run-result.schema.js';
import { repetitionsToDecide } from '../../../src/harness/run/until-decided.js';

/** The correlation query's step from per-pair medians: the optimized one `ratio` times the baseline. */
function correlationStep(ratios: readonly number[]): StepResult {
  const baselineMs = ratios.map((_, i) => 1 + (i % 3) * 0.05);
  const optimizedMs = ratios.map((ratio, i) => (baselineMs[i] as number) * ratio);
  return {
    label: 'correlation',
    params: {},
    measurements: { reductionPct: 0, baselineMs: 1, optimizedMs: 1 },
    samples: { baselineMs, optimizedMs },
  };
}

test('an undecided before-after claim asks for the pairs its decision needs; a decided one asks for none', () => {
  // About 79% faster against the claim's 70%, but spread: undecided after 6 pairs, decidable in more.
  const near = repetitionsToDecide(beforeAfter, 'quick', [correlationStep([0.12, 0.32, 0.15, 0.3, 0.14, 0.31])], 24);
  expect(near.rows).toEqual(['improvements.correlation-queries']);
  expect(near.pairs).toBeGreaterThan(6);
  expect(near.pairs).toBeLessThanOrEqual(24);

  // No faster at all, tightly: a decided miss asks for nothing.
  const far = repetitionsToDecide(beforeAfter, 'quick', [correlationStep([1, 1.01, 0.99, 1, 1.02, 0.98])], 24);
  expect(far).toEqual({ pairs: 0, rows: [] });
});
