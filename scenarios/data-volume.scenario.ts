/**
 * The spec's data-volume table: the referral query and memory use from 10k to 1M referrals, and
 * beside it every read route, its cache bypassed, so a route whose plan degrades with size shows.
 * What each size measures beside the load (database, index and process memory, the readings of
 * "memory usage") is the data-volume executor's: the target rows read them, whatever a scenario says.
 */
import type { Scenario } from './scenario-schema.js';

export const scenario = {
  name: 'data-volume',
  load: { model: 'open', arrival: 'poisson', maxInFlight: 100 },
  stepsBy: 'size',
  // The referral list is the spec's row: it gets a third of the requests; the caches are bypassed,
  // as the question is how each route's own work grows with the data.
  journey: [
    { route: 'referral-list', weight: 3 },
    { route: 'student-profile', weight: 1 },
    { route: 'calculate-points', weight: 1 },
    { route: 'dashboard-analytics', weight: 1, query: 'fresh=true' },
    { route: 'leaderboard-read', weight: 1, query: 'fresh=true' },
    { route: 'referral-analytics', weight: 1 },
    { route: 'pending-admin', weight: 1 },
  ],
  needsOwnService: 'each size is a database of its own, with the service started on it',
  profiles: {
    smoke: { referrals: [10_000], levels: [50], stepDurationMs: 10_000, warmupMs: 2_000, maxRequestsPerStep: 2_000 },
    quick: {
      referrals: [10_000, 50_000, 100_000],
      levels: [50],
      stepDurationMs: 15_000,
      warmupMs: 2_000,
      maxRequestsPerStep: 5_000,
    },
    full: {
      referrals: [10_000, 50_000, 100_000, 500_000, 1_000_000],
      levels: [50],
      stepDurationMs: 30_000,
      warmupMs: 5_000,
      maxRequestsPerStep: 10_000,
    },
  },
} as const satisfies Scenario;
