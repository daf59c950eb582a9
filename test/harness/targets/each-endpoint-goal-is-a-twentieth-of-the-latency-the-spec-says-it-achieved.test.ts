import { expect, it } from 'vitest';
import {
  achievedMs,
  endpointGoalDivisor,
  endpointGoalTargets,
} from '../../../src/harness/targets/goals/endpoint-latency.goals.targets.js';
import { judgedTargets } from '../../../src/harness/targets/judged-targets.js';
import { specTargets } from '../../../src/harness/targets/spec-targets.js';

it("sets each endpoint's p95 goal at a twentieth of the latency its spec row claims, and leaves it out of a run", () => {
  expect(endpointGoalDivisor).toBe(20);
  const goals = Object.fromEntries(
    endpointGoalTargets.map((row) => [row.measure.kind === 'step' ? row.measure.step : row.id, row]),
  );
  // The spec's achieved figures: a latency row's claim, an impact row's "after" latency.
  expect(Object.fromEntries(Object.entries(goals).map(([route, row]) => [route, row.target]))).toEqual({
    'student-profile': 1200 / 20,
    'calculate-points': 35 / 20,
    'dashboard-analytics': 2100 / 20,
    'leaderboard-update': 75 / 20,
    'create-referral': 45 / 20,
    'update-status': 22 / 20,
    'referral-analytics': 125 / 20,
    'bulk-process': 680 / 20,
    'campaign-processing': 145 / 20,
    'ranking-calculation': 48 / 20,
    'achievement-check': 28 / 20,
  });
  for (const row of endpointGoalTargets) {
    const source = specTargets.find((spec) => row.specClaim.endsWith(`(${spec.id})`));
    expect(source, row.id).toBeDefined();
    expect(row.target).toBe(achievedMs(source!) / 20);
    expect(row).toMatchObject({ table: 'goals', kind: 'project-goal', comparison: '<=', unit: 'ms' });
    expect(judgedTargets.map((judged) => judged.id)).not.toContain(row.id);
  }
});
