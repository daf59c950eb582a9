/**
 * The project's own goals for the concurrent-users scenario, one pair of rows per level any profile
 * runs: no errors, and p95 within the load p95 goal (load-p95-goal.ts), even at 5000 users. The
 * spec publishes averages and error rates that grow with the users; these hold every level to its
 * best. The breakpoint scenario searches for the level where they stop holding.
 */
import { scenario as concurrentUsers } from '../../../../scenarios/concurrent-users.scenario.js';
import { levelLabel } from '../../../../scenarios/step-plan.js';
import type { TargetDefinition } from '../target-definition.js';
import { loadP95GoalMs } from './load-p95-goal.js';

/** Every level of every profile, ascending: a profile that does not run a level leaves its rows not measured. */
const levels = [...new Set(Object.values(concurrentUsers.profiles).flatMap((profile) => profile.levels))].sort(
  (a, b) => a - b,
);

const level = (users: number): TargetDefinition[] => {
  const step = levelLabel(concurrentUsers.load.model, users);
  return [
    {
      id: `goals.concurrent-users-${users}-users.p95`,
      table: 'goals',
      kind: 'project-goal',
      label: `Concurrent users, ${users} users: p95 response time`,
      measure: { kind: 'step', scenario: concurrentUsers.name, step, statistic: 'load.latency.p95' },
      comparison: '<=',
      unit: 'ms',
      target: loadP95GoalMs,
      specTarget: 'none (project goal)',
      specClaim: 'none',
    },
    {
      id: `goals.concurrent-users-${users}-users.error-rate`,
      table: 'goals',
      kind: 'project-goal',
      label: `Concurrent users, ${users} users: error rate`,
      measure: {
        kind: 'step',
        scenario: concurrentUsers.name,
        step,
        statistic: 'load.requests.errorRate',
        scale: 100,
      },
      comparison: '<=',
      unit: '%',
      target: 0,
      specTarget: 'none (project goal)',
      specClaim: 'none',
    },
  ];
};

export const concurrentUsersGoalTargets: readonly TargetDefinition[] = levels.flatMap(level);
