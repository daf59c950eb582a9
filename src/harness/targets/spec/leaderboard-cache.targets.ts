/**
 * The spec's "95% cache hit rate for leaderboard queries": the service's own leaderboard cache
 * hit ratio over the 'concurrent-users' scenario, from its /metrics (the scenario's server
 * sample): that scenario's realistic mix reads the leaderboard often, as real users do.
 */
import type { TargetDefinition } from '../target-definition.js';

export const leaderboardCacheTargets: readonly TargetDefinition[] = [
  {
    id: 'cache.leaderboard-hit-rate',
    table: 'cache',
    label: 'Leaderboard cache hit rate',
    measure: {
      kind: 'server',
      scenario: 'concurrent-users',
      statistic: 'serviceMetrics.cacheHitRatio.leaderboard',
      scale: 100,
    },
    comparison: '>=',
    unit: '%',
    target: 95,
    claim: 95,
    specTarget: '>= 95%',
    specClaim: '95% cache hit rate',
  },
];
