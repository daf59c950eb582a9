/**
 * Capacity search (run only when asked: `--scenario breakpoint`): the concurrent-users sessions and
 * load model, with more users at each step, until a step misses the concurrent-users project goals
 * (its p95 and error-rate rows in src/harness/targets/goals) or the load generator becomes the
 * bottleneck. The result is the highest level
 * that held and the limit that stopped the search; the spec's table has five fixed levels, a team
 * wants the knee.
 */
import type { Scenario } from './scenario-schema.js';
import { scenario as concurrentUsers } from './concurrent-users.scenario.js';

// What users do and their think time are concurrent-users'; so are the limits, its goal rows.
const { load, stepsBy, sessions, journey, contention } = concurrentUsers;

export const scenario = {
  name: 'breakpoint',
  load,
  stepsBy,
  sessions,
  journey,
  contention,
  profiles: {
    smoke: {
      referrals: [10_000],
      levels: [50, 100],
      stepDurationMs: 10_000,
      warmupMs: 5_000,
      maxRequestsPerStep: 20_000,
    },
    quick: {
      referrals: [100_000],
      levels: [250, 500, 1000, 2000, 4000, 8000],
      stepDurationMs: 20_000,
      warmupMs: 5_000,
      maxRequestsPerStep: 200_000,
    },
    full: {
      referrals: [1_000_000],
      levels: [1000, 2000, 4000, 6000, 8000, 10_000, 12_000, 16_000],
      stepDurationMs: 30_000,
      warmupMs: 10_000,
      maxRequestsPerStep: 500_000,
    },
  },
} as const satisfies Scenario;
