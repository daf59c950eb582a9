/** Every row of every table of the spec, in the order the reports print them. */
import type { TargetDefinition } from './target-definition.js';
import { corePerformanceTargets } from './spec/core-performance.targets.js';
import { alertThresholdTargets } from './spec/alert-thresholds.targets.js';
import { loadTestingTargets } from './spec/load-testing.targets.js';
import { dataVolumeTargets } from './spec/data-volume.targets.js';
import { referralOperationTargets } from './spec/referral-operations.targets.js';
import { integrationImpactTargets } from './spec/integration-impact.targets.js';
import { improvementClaimTargets } from './spec/improvement-claims.targets.js';
import { leaderboardCacheTargets } from './spec/leaderboard-cache.targets.js';

export const specTargets: readonly TargetDefinition[] = Object.freeze([
  ...corePerformanceTargets,
  ...alertThresholdTargets,
  ...loadTestingTargets,
  ...dataVolumeTargets,
  ...referralOperationTargets,
  ...integrationImpactTargets,
  ...improvementClaimTargets,
  ...leaderboardCacheTargets,
]);

/** Table titles as the spec prints them. */
export const specTableTitles = Object.freeze({
  core: 'Core Performance Metrics',
  alerts: 'Alert Thresholds',
  load: 'Load Testing: Concurrent Users',
  volume: 'Data Volume Testing',
  operations: 'Referral Operations',
  integration: 'Integration Impact',
  improvements: 'Optimization Claims',
  cache: 'Caching',
  // Not the spec's: the goals this project sets itself beyond it.
  goals: 'Project goals (beyond the spec)',
} as const);
