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

/**
 * Writes whose warm-up runs once: each request uses up what the measured ones would find (an open
 * referral to move, a campaign's eligible referrals) or adds rows. Every other endpoint's warm-up
 * is repeated `--warm-rounds` times, so the service's, the floor's and the client's code is
 * compiled hot before any endpoint is measured. One run after the other on the same requests,
 * `npx tsx bench/service-endpoints.ts --referrals 10k --warm-rounds 1` then `--warm-rounds 5`: the
 * floor's p50 beside the first three endpoints read 1.26-1.43 ms, then 0.50-0.66 ms;
 * calculate-points' own p50 1.91, then 0.90 ms; student-profile's 2.31, then 1.39 ms. Whichever
 * endpoint is measured first pays for what is still being compiled (reversing the order moves the
 * high floor to the new first one), the bench client's own code most of all; with 20 rounds, the
 * default, the floor beside the first three read 0.31-0.42 ms (`--referrals 10k`).
 */
export const warmOnce: ReadonlySet<RouteLabel> = new Set([
  'create-referral',
  'update-status',
  'bulk-process',
  'campaign-processing',
]);

/** The measured requests of an endpoint, given the samples asked for. */
export function samplesOf(route: RouteLabel, samples: number): number {
  return heavyEndpoints.has(route) ? Math.max(20, Math.round(samples / 3)) : samples;
}
