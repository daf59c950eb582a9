import { describe, expect, it } from 'vitest';
import { endpointGoal, judgeEndpoint } from '../../bench/endpoint-goal.js';
import { endpointJourney } from '../../bench/endpoint-journey.js';
import { endpointGoalTargets } from '../../src/harness/targets/goals/endpoint-latency.goals.targets.js';
import type { TargetDefinition } from '../../src/harness/targets/target-definition.js';

describe("the endpoint bench's goal column", () => {
  it('is the bound of the goal row measured at each endpoint, for every goal row', () => {
    for (const row of endpointGoalTargets) {
      const label = row.measure.kind === 'step' ? row.measure.step : '';
      expect(
        endpointJourney.map((step) => step.route as string),
        row.id,
      ).toContain(label);
      expect(judgeEndpoint(label, 0.5, 100).goal).toEqual({ id: row.id, p95Ms: row.target });
    }
  });

  it('follows the rows it is given, and is empty for an endpoint without one', () => {
    const moved: TargetDefinition[] = endpointGoalTargets.map((row) => ({ ...row, target: row.target * 2 }));
    const row = endpointGoal('create-referral', moved)!;
    expect(judgeEndpoint('create-referral', row.target, 50, moved)).toEqual({
      goal: { id: row.id, p95Ms: row.target },
      met: true,
      verdict: 'met',
    });
    expect(judgeEndpoint('create-referral', row.target * 1.01, 50, moved).met).toBe(false);
    expect(judgeEndpoint('health', 1, 50)).toEqual({ goal: null, met: null, verdict: null });
  });

  it('counts an endpoint that measured nothing as missed', () => {
    expect(judgeEndpoint('update-status', 0, 0)).toMatchObject({ met: false, verdict: 'missed' });
  });
});

describe("the endpoint bench's verdict over repetitions", () => {
  const goal = endpointGoal('calculate-points')!.target;

  it('is met or missed only when the interval of the p95s is clear of the goal', () => {
    const under = judgeEndpoint(
      'calculate-points',
      [0.5, 0.52, 0.49, 0.51, 0.5].map((x) => x * goal),
      1000,
    );
    expect(under).toMatchObject({ met: true, verdict: 'met' });
    expect(under.p95Estimate!.upper).toBeLessThan(goal);
    const over = judgeEndpoint(
      'calculate-points',
      [2, 2.1, 1.9, 2, 2.05].map((x) => x * goal),
      1000,
    );
    expect(over).toMatchObject({ met: false, verdict: 'missed' });
    expect(over.p95Estimate!.lower).toBeGreaterThan(goal);
  });

  it('is undecided when the p95s straddle the goal, though their mean is under it', () => {
    const straddling = judgeEndpoint(
      'calculate-points',
      [0.7, 1.2, 0.8, 1.1, 0.75].map((x) => x * goal),
      1000,
    );
    expect(straddling.p95Estimate!.ms).toBeLessThan(goal);
    expect(straddling).toMatchObject({ met: null, verdict: 'undecided' });
  });
});
