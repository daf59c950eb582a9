/**
 * Spec table "Load Testing Results / Concurrent User Testing". The spec publishes only its results,
 * so each result is the target: mean response time and error rate of the 'concurrent-users'
 * scenario's step for that many users must be no worse than the spec's.
 */
import type { TargetDefinition } from '../target-definition.js';

const level = (users: number, avgMs: number, errorPct: number): TargetDefinition[] => {
  const step = `${users} users`;
  return [
    {
      id: `load.users-${users}.response-time`,
      table: 'load',
      label: `${users} users: response time (avg)`,
      measure: { kind: 'step', scenario: 'concurrent-users', step, statistic: 'load.latency.mean' },
      comparison: '<=',
      unit: 'ms',
      target: avgMs,
      claim: avgMs,
      specTarget: `${avgMs}ms (spec's result)`,
      specClaim: `${avgMs}ms`,
    },
    {
      id: `load.users-${users}.error-rate`,
      table: 'load',
      label: `${users} users: error rate`,
      measure: { kind: 'step', scenario: 'concurrent-users', step, statistic: 'load.requests.errorRate', scale: 100 },
      comparison: '<=',
      unit: '%',
      target: errorPct,
      claim: errorPct,
      specTarget: `${errorPct}% (spec's result)`,
      specClaim: `${errorPct}%`,
    },
  ];
};

export const loadTestingTargets: readonly TargetDefinition[] = [
  ...level(100, 245, 0),
  ...level(500, 412, 0),
  ...level(1000, 687, 0.1),
  ...level(2000, 1234, 0.3),
  ...level(5000, 2876, 1.2),
];
