import { describe, expect, it } from 'vitest';
import { evaluateTargets } from '../../../src/harness/targets/evaluate-targets.js';
import { openModelGoalTargets } from '../../../src/harness/targets/goals/open-model.goals.targets.js';
import { loadRun, run, scenario, step } from './run-builder.js';

/** The 300 req/s step of the open-model scenario: every repetition's raw p95 low, its corrected p95 as given. */
const at300 = (...correctedP95: number[]) =>
  run([
    scenario('open-model', [
      step('300 rps', {
        load: loadRun({
          repetitions: correctedP95.map(() => ({ p95: 40 })),
          corrected: correctedP95.map((p95) => ({ p95 })),
        }),
      }),
    ]),
  ]);
const judge = (result: ReturnType<typeof run>) =>
  evaluateTargets(result, openModelGoalTargets).find((row) => row.step === '300 rps');

describe("the open model's corrected-p95 goal", () => {
  it("has one row per rate any profile runs, marked a project goal at the spec's best average, 245 ms", () => {
    expect(
      openModelGoalTargets.map((row) => [
        row.measure.scenario,
        'step' in row.measure && row.measure.step,
        row.kind,
        row.target,
        row.comparison,
      ]),
    ).toEqual([50, 100, 300, 600].map((rate) => ['open-model', `${rate} rps`, 'project-goal', 245, '<=']));
  });

  it("is judged on each repetition's corrected p95, not on the raw one", () => {
    const row = judge(at300(300, 320, 310, 305, 315, 290));
    expect(row).toMatchObject({
      kind: 'project-goal',
      table: 'goals',
      statistic: 'load.correctedLatency.p95',
      method: 'log-t',
      verdict: 'fail',
    });
    expect(row?.samples).toEqual([300, 320, 310, 305, 315, 290]);
    expect(row?.interval?.lower).toBeGreaterThan(245);
  });

  it.each([
    ['all repetitions well under the limit', [100, 110, 105, 98, 102, 108], 'pass'],
    ['repetitions spread across the limit', [200, 290, 230, 270, 210, 260], 'inconclusive'],
    ['all repetitions well over the limit', [400, 420, 410, 395, 405, 415], 'fail'],
  ] as const)('%s -> %s', (_why, correctedP95, verdict) => {
    expect(judge(at300(...correctedP95))?.verdict).toBe(verdict);
  });

  it("is not measured at a rate the run's profile did not load", () => {
    const rows = evaluateTargets(at300(100, 110, 105, 98, 102, 108), openModelGoalTargets);
    expect(rows.find((row) => row.step === '600 rps')).toMatchObject({
      verdict: 'not-measured',
      reason: "step '600 rps' not in scenario 'open-model' (profile quick)",
    });
  });
});
