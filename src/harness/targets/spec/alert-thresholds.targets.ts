/**
 * Spec table "Alert Thresholds": warning and critical p95 latency per query type, measured on the
 * same 'operations' routes as the Core rows. Critical is the target (beyond it: fail), warning
 * the warn level. The table claims no achieved figure.
 */
import type { TargetDefinition } from '../target-definition.js';

const alert = (id: string, label: string, step: string, warning: number, critical: number): TargetDefinition => ({
  id: `alerts.${id}`,
  table: 'alerts',
  label,
  measure: { kind: 'step', scenario: 'operations', step, statistic: 'load.latency.p95' },
  comparison: '<=',
  unit: 'ms',
  target: critical,
  warning,
  specTarget: `warning ${warning}ms, critical ${critical}ms`,
  specClaim: '-',
});

export const alertThresholdTargets: readonly TargetDefinition[] = [
  alert('student-profile', 'Student Profile', 'student-profile', 1500, 2000),
  alert('dashboard-load', 'Dashboard Load', 'dashboard-analytics', 2500, 3000),
  alert('point-calculation', 'Point Calculation', 'calculate-points', 40, 50),
  alert('leaderboard-update', 'Leaderboard Update', 'leaderboard-update', 80, 100),
];
