/**
 * Capacity search (run only when asked: `--scenario breakpoint`): the concurrent-users sessions
 * with more users at each step, until p95 crosses the scenario's threshold, an error appears or
 * the load generator becomes the bottleneck. The result is the highest level that held and the
 * limit that stopped the search; the spec's table has five fixed levels, a team wants the knee.
 */
import type { Scenario } from './scenario-schema.js';
import { sessions } from './concurrent-users.scenario.js';
import { journeyOfSessions } from './session-routes.js';

export const scenario = {
  name: 'breakpoint',
  description: 'Closed model, the concurrent-users sessions with 3-7 s think time, users doubled each step until p95 passes 245 ms, an error appears or the generator is the bottleneck.',
  load: { model: 'closed', thinkTime: { distribution: 'uniform', minMs: 3000, maxMs: 7000 }, rampUpMs: 5000 },
  stepsBy: 'level',
  sessions,
  journey: journeyOfSessions(sessions),
  contention: 0.05,
  // The limits the search stops at (the spec's 245 ms response time; no errors).
  thresholds: [
    { statistic: 'errorRate', max: 0 },
    { statistic: 'p95', max: 245 },
  ],
  profiles: {
    smoke: { referrals: [10_000], levels: [50, 100], stepDurationMs: 10_000, warmupMs: 5_000, maxRequestsPerStep: 20_000 },
    quick: { referrals: [100_000], levels: [250, 500, 1000, 2000, 4000, 8000], stepDurationMs: 20_000, warmupMs: 5_000, maxRequestsPerStep: 200_000 },
    full: { referrals: [1_000_000], levels: [1000, 2000, 4000, 6000, 8000, 10_000, 12_000, 16_000], stepDurationMs: 30_000, warmupMs: 10_000, maxRequestsPerStep: 500_000 },
  },
} as const satisfies Scenario;
