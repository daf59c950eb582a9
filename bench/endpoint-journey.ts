/**
 * The endpoint bench's operations as data: one journey step per endpoint, in the order it measures
 * them, built by the scenarios' own request builders (scenarios/route-requests.ts). Writes follow
 * the work pools as a run's do: each status update moves a pending referral of its own to
 * contacted, each bulk request moves 100 open referrals on (contacted to enrolled while there are
 * enough, else pending to contacted).
 */
import type { JourneyStep } from '../scenarios/scenario-schema.js';
import type { RouteLabel } from '../scenarios/route-labels.js';

export const endpointJourney: readonly JourneyStep[] = Object.freeze([
  { route: 'student-profile', weight: 1 },
  { route: 'calculate-points', weight: 1 },
  // Uncached: the spec's dashboard figure is the computation, not a cache read.
  { route: 'dashboard-analytics', weight: 1, query: 'fresh=true' },
  { route: 'leaderboard-read', weight: 1 },
  { route: 'leaderboard-update', weight: 1 },
  { route: 'referral-analytics', weight: 1 },
  { route: 'referral-list', weight: 1 },
  { route: 'pending-admin', weight: 1 },
  { route: 'ranking-calculation', weight: 1 },
  { route: 'achievement-check', weight: 1 },
  { route: 'create-referral', weight: 1 },
  { route: 'update-status', weight: 1, status: 'contacted' },
  { route: 'bulk-process', weight: 1 },
  { route: 'campaign-processing', weight: 1 },
  { route: 'performance-report', weight: 1 },
]);

/** Endpoints that each do far more work: a third of the samples (at least 20) keeps the run short. */
export const heavyEndpoints: ReadonlySet<RouteLabel> = new Set(['bulk-process', 'campaign-processing']);

/** The measured requests of an endpoint, given the samples asked for. */
export function samplesOf(route: RouteLabel, samples: number): number {
  return heavyEndpoints.has(route) ? Math.max(20, Math.round(samples / 3)) : samples;
}
