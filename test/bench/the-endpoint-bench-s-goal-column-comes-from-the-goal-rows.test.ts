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
    });
    expect(judgeEndpoint('create-referral', row.target * 1.01, 50, moved).met).toBe(false);
    expect(judgeEndpoint('health', 1, 50)).toEqual({ goal: null, met: null });
  });

  it('counts an endpoint that measured nothing as missed', () => {
    expect(judgeEndpoint('update-status', 0, 0).met).toBe(false);
  });
});
