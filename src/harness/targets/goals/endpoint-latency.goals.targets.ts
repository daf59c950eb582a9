/**
 * The project's own goal for each operation the spec times, measured one request at a time on a
 * 1M-referral database by bench/service-endpoints.ts: a p95 of a twentieth of the figure the spec
 * says it achieved. The achieved figures are read from the spec's rows, never restated here. No
 * scenario sends one request at a time, so a run does not judge these rows (they are not among
 * judgedTargets); the bench judges them, and docs/targets.md lists them apart.
 */
import type { RouteLabel } from '../../../../scenarios/route-labels.js';
import { specTargets } from '../spec-targets.js';
import type { TargetDefinition } from '../target-definition.js';

/** The goal is the spec's achieved figure divided by this. */
export const endpointGoalDivisor = 20;

/** Where the goals are measured: the bench's name, in the place of a scenario's. */
export const endpointBenchName = 'service-endpoints';

/**
 * The spec row that says what each operation achieved. A latency row's claim is the figure; an
 * integration-impact row claims a change, and its figure is the latency "after" (claimDetails.afterMs).
 */
const achievedBy: ReadonlyArray<readonly [RouteLabel, string]> = [
  ['student-profile', 'core.student-profile'],
  ['calculate-points', 'operations.calculate-points'],
  ['dashboard-analytics', 'core.dashboard-analytics'],
  ['leaderboard-update', 'core.leaderboard-updates'],
  ['create-referral', 'operations.create-referral'],
  ['update-status', 'operations.update-status'],
  ['referral-analytics', 'operations.get-analytics'],
  ['bulk-process', 'operations.bulk-process-100'],
  ['campaign-processing', 'core.campaign-processing'],
  ['ranking-calculation', 'integration.ranking-calculation'],
  ['achievement-check', 'integration.achievement-check'],
];

/** The latency in ms the spec says `row` achieved. */
export function achievedMs(row: TargetDefinition): number {
  const figure = row.unit === 'ms' ? row.claim : row.claimDetails?.afterMs;
  if (figure === undefined) throw new Error(`spec row ${row.id} states no achieved latency in ms`);
  return figure;
}

function goal(route: RouteLabel, sourceId: string): TargetDefinition {
  const source = specTargets.find((row) => row.id === sourceId);
  if (source === undefined) throw new Error(`no spec row ${sourceId}: the ${route} endpoint goal derives from it`);
  const achieved = achievedMs(source);
  return {
    id: `goals.endpoint-${route}.p95`,
    table: 'goals',
    kind: 'project-goal',
    label: `${route}, one request at a time at 1M referrals: p95 (1/${endpointGoalDivisor} of "${source.label}")`,
    measure: { kind: 'step', scenario: endpointBenchName, step: route, statistic: 'p95' },
    comparison: '<=',
    unit: 'ms',
    target: achieved / endpointGoalDivisor,
    claim: achieved,
    specTarget: 'none (project goal)',
    specClaim: `${source.specClaim} (${source.id})`,
  };
}

export const endpointGoalTargets: readonly TargetDefinition[] = Object.freeze(
  achievedBy.map(([route, sourceId]) => goal(route, sourceId)),
);
