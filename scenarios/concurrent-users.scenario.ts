/** The spec's load-testing table: 100 to 5000 concurrent users, each repeating a weighted journey. */
import type { Scenario } from './scenario-schema.js';

export const scenario = {
  name: 'concurrent-users',
  description: 'Closed model: each virtual user browses as a student or admin would (profile, leaderboard, analytics, a new referral, a status change) with think time between requests.',
  load: { model: 'closed', thinkTime: { distribution: 'uniform', minMs: 3000, maxMs: 7000 }, rampUpMs: 5000 },
  stepsBy: 'level',
  journey: [
    { route: 'student-profile', weight: 25 },
    { route: 'leaderboard-read', weight: 20 },
    { route: 'referral-list', weight: 15 },
    { route: 'referral-analytics', weight: 10 },
    { route: 'dashboard-analytics', weight: 8 },
    { route: 'calculate-points', weight: 7 },
    { route: 'create-referral', weight: 7 },
    { route: 'update-status', weight: 5 },
    { route: 'pending-admin', weight: 3 },
  ],
  // The goal for this machine: no errors and p95 under 245 ms even at 5000 users.
  thresholds: [
    { statistic: 'errorRate', max: 0 },
    { statistic: 'p95', max: 245 },
  ],
  profiles: {
    smoke: { referrals: [10_000], levels: [50], stepDurationMs: 15_000, warmupMs: 5_000, maxRequestsPerStep: 5_000 },
    quick: { referrals: [100_000], levels: [100, 500, 1000], stepDurationMs: 20_000, warmupMs: 5_000, maxRequestsPerStep: 50_000 },
    full: { referrals: [100_000], levels: [100, 500, 1000, 2000, 5000], stepDurationMs: 60_000, warmupMs: 10_000, maxRequestsPerStep: 200_000 },
  },
} as const satisfies Scenario;
