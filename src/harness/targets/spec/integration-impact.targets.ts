/**
 * Spec table "Integration Impact": how much the referral feature slows existing features. The
 * 'integration-impact' scenario runs each feature with the feature off ('<route>:off') and on
 * ('<route>:on'), as interleaved pairs of short repetitions; the impact is the change of the
 * median latency, in percent, estimated from the pairs, and must not exceed the spec's. The median:
 * a repetition holds a few dozen requests, and one slow request moves their mean by more than the
 * impacts the spec reports, while a relative change of a tail percentile is mostly noise.
 */
import type { TargetDefinition } from '../target-definition.js';

const impact = (
  id: string,
  label: string,
  route: string,
  beforeMs: number,
  afterMs: number,
  impactPct: number,
  before: string,
  after: string,
): TargetDefinition => ({
  id: `integration.${id}`,
  table: 'integration',
  label,
  measure: {
    kind: 'change',
    scenario: 'integration-impact',
    before: `${route}:off`,
    after: `${route}:on`,
    statistic: 'load.latency.p50',
  },
  comparison: '<=',
  unit: '%',
  target: impactPct,
  claim: impactPct,
  claimDetails: { beforeMs, afterMs },
  specTarget: `+${impactPct}% at most (spec's result)`,
  specClaim: `${before} → ${after} (+${impactPct}%)`,
});

export const integrationImpactTargets: readonly TargetDefinition[] = [
  impact('student-profile', 'Student Profile Load', 'student-profile', 1100, 1200, 9, '1.1s', '1.2s'),
  impact('ranking-calculation', 'Ranking Calculation', 'ranking-calculation', 45, 48, 7, '45ms', '48ms'),
  impact('dashboard-load', 'Dashboard Load', 'dashboard-analytics', 1800, 2100, 17, '1.8s', '2.1s'),
  impact('achievement-check', 'Achievement Check', 'achievement-check', 25, 28, 12, '25ms', '28ms'),
];
