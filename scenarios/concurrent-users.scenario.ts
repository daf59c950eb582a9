/**
 * The spec's load-testing table: 100 to 5000 concurrent users, each running sessions as a school's
 * users do, with think time between requests. The writes follow the seeded data: an admin session
 * really contacts and then enrolls (or declines) a pending referral, so the point award, the
 * ranking and the caches' invalidation all run under the load.
 */
import type { Scenario, ScenarioSession } from './scenario-schema.js';
import { journeyOfSessions } from './session-routes.js';

/** What a school's users do; the breakpoint scenario runs the same sessions. */
export const sessions: ScenarioSession[] = [
  // Students are most of the traffic: four sessions in five. A student opens the profile, looks at their referrals,
  // refers a friend, checks the leaderboard and their referral analytics.
  {
    name: 'student',
    weight: 4,
    steps: [
      { route: 'student-profile' },
      { route: 'referral-list' },
      { route: 'create-referral' },
      { route: 'leaderboard-read' },
      { route: 'referral-analytics' },
    ],
  },
  // One session in five is an admin working the pending list. Each ends at least one referral in a terminal state: it
  // contacts a pending referral, then enrolls it (or, one time in five, declines it), then looks at the dashboard and
  // the points.
  {
    name: 'admin',
    weight: 1,
    steps: [
      { route: 'pending-admin' },
      { route: 'update-status', status: 'contacted' },
      { route: 'update-status', status: 'advance' },
      { route: 'dashboard-analytics' },
      { route: 'calculate-points' },
    ],
  },
];

export const scenario = {
  name: 'concurrent-users',
  load: { model: 'closed', thinkTime: { distribution: 'uniform', minMs: 3000, maxMs: 7000 }, rampUpMs: 5000 },
  stepsBy: 'level',
  sessions,
  journey: journeyOfSessions(sessions),
  // Two admins sometimes pick the same pending referral: one write in twenty takes a referral
  // another session is working on, so the race path (one of them gets a 409) runs too.
  contention: 0.05,
  profiles: {
    smoke: { referrals: [10_000], levels: [50], stepDurationMs: 15_000, warmupMs: 5_000, maxRequestsPerStep: 5_000 },
    quick: {
      referrals: [100_000],
      levels: [100, 500, 1000],
      stepDurationMs: 20_000,
      warmupMs: 5_000,
      maxRequestsPerStep: 50_000,
    },
    // The spec's largest scale: every level on the 1M dataset.
    full: {
      referrals: [1_000_000],
      levels: [100, 500, 1000, 2000, 5000],
      stepDurationMs: 60_000,
      warmupMs: 10_000,
      maxRequestsPerStep: 200_000,
    },
    // A moderate load held for 30 minutes (about 100 req/s): long enough for a leak to show as a
    // slope in the memory sampled every 10 s, light enough that nothing else moves.
    soak: {
      referrals: [100_000],
      levels: [500],
      stepDurationMs: 1_800_000,
      warmupMs: 30_000,
      maxRequestsPerStep: 400_000,
    },
  },
} as const satisfies Scenario;
