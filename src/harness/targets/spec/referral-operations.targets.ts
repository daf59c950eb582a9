/**
 * Spec table "Performance Benchmarks / Referral Operations": p95 latency of each route in the
 * 'operations' scenario. "Get Analytics" is the student's referral-analytics route; "Bulk Process
 * (100)" is the bulk route, which the scenario calls with 100 referral ids.
 */
import type { TargetDefinition } from '../target-definition.js';

const operation = (id: string, label: string, step: string, target: number, claim: number): TargetDefinition => ({
  id: `operations.${id}`,
  table: 'operations',
  label,
  measure: { kind: 'step', scenario: 'operations', step, statistic: 'load.latency.p95' },
  comparison: '<=',
  unit: 'ms',
  target,
  claim,
  specTarget: `< ${target}ms`,
  specClaim: `${claim}ms`,
});

export const referralOperationTargets: readonly TargetDefinition[] = [
  operation('create-referral', 'Create Referral', 'create-referral', 100, 45),
  operation('update-status', 'Update Status', 'update-status', 50, 22),
  operation('calculate-points', 'Calculate Points', 'calculate-points', 50, 35),
  operation('get-analytics', 'Get Analytics', 'referral-analytics', 200, 125),
  operation('bulk-process-100', 'Bulk Process (100)', 'bulk-process', 1000, 680),
];
