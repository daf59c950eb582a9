/**
 * Arrival-rate load: Poisson arrivals of read requests at fixed rates, whatever the service's pace,
 * so queueing shows in the latency from the intended send time (coordinated omission corrected),
 * beside the raw figure.
 */
import type { Scenario } from './scenario-schema.js';

export const scenario = {
  name: 'open-model',
  load: { model: 'open', arrival: 'poisson', maxInFlight: 200 },
  stepsBy: 'level',
  journey: [
    { route: 'student-profile', weight: 3 },
    { route: 'leaderboard-read', weight: 3 },
    { route: 'referral-list', weight: 2 },
    { route: 'referral-analytics', weight: 2 },
  ],
  profiles: {
    smoke: { referrals: [10_000], levels: [50], stepDurationMs: 10_000, warmupMs: 2_000, maxRequestsPerStep: 1_000 },
    quick: {
      referrals: [100_000],
      levels: [100, 300],
      stepDurationMs: 15_000,
      warmupMs: 2_000,
      maxRequestsPerStep: 6_000,
    },
    full: {
      referrals: [100_000],
      levels: [100, 300, 600],
      stepDurationMs: 60_000,
      warmupMs: 5_000,
      maxRequestsPerStep: 40_000,
    },
  },
} as const satisfies Scenario;
