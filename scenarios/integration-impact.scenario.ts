/**
 * The spec's integration-impact table: existing CRM features (profile load, ranking calculation,
 * dashboard, achievement check), each on its own step, with the referral feature off (no referral
 * triggers, joins or widgets) and on, in interleaved pairs.
 */
import type { Scenario } from './scenario-schema.js';

export const scenario = {
  name: 'integration-impact',
  load: { model: 'open', arrival: 'uniform', maxInFlight: 50 },
  stepsBy: 'route',
  referralFeature: ['off', 'on'],
  journey: [
    { route: 'student-profile', weight: 1 },
    { route: 'ranking-calculation', weight: 1 },
    { route: 'dashboard-analytics', weight: 1, query: 'fresh=true' },
    { route: 'achievement-check', weight: 1 },
  ],
  needsOwnService: 'it restarts the service with the referral feature off and on',
  profiles: {
    smoke: { referrals: [10_000], levels: [10], stepDurationMs: 5_000, warmupMs: 1_000, maxRequestsPerStep: 500 },
    // 50 req/s, far below what the service takes. The impacts are single-digit percentages, so
    // they need more, shorter pairs than the run's default to be decided: 20 pairs of 0.75 s,
    // about 37 requests a side (with 12, two runs of `node bin/referral-bench.js run --profile
    // quick --scenario integration-impact` each left a row inconclusive that lay 28% and 67% from
    // its line).
    quick: {
      referrals: [100_000],
      levels: [50],
      stepDurationMs: 15_000,
      warmupMs: 1_000,
      maxRequestsPerStep: 2_000,
      repetitions: 20,
    },
    full: {
      referrals: [1_000_000],
      levels: [40],
      stepDurationMs: 60_000,
      warmupMs: 5_000,
      maxRequestsPerStep: 6_000,
      repetitions: 30,
    },
  },
} as const satisfies Scenario;
