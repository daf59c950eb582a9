/**
 * Spec table "Data Volume Testing". Query time is the p95 of the referral lookup route
 * ('referral-list', the spec's indexed query) in the 'data-volume' scenario's step for that size;
 * memory usage is PostgreSQL's peak memory under that load, as proportional set size summed over
 * the postmaster and its backends (measurement 'postgresMemoryBytes', shown in MiB): summing RSS
 * would count the shared buffer pool once per backend. The spec publishes only results, so its results are the targets.
 */
import { perMegabyte, type TargetDefinition } from '../target-definition.js';

const size = (step: string, referrals: string, queryMs: number, memoryMb: number): TargetDefinition[] => [
  { id: `volume.${step}.query-time`, table: 'volume', label: `${referrals} referrals: query time`,
    measure: { kind: 'step', scenario: 'data-volume', step, statistic: 'load.perRoute.referral-list.latency.p95' },
    comparison: '<=', unit: 'ms', target: queryMs, claim: queryMs, specTarget: `${queryMs}ms (spec's result)`, specClaim: `${queryMs}ms` },
  { id: `volume.${step}.memory`, table: 'volume', label: `${referrals} referrals: memory usage`,
    measure: { kind: 'step', scenario: 'data-volume', step, statistic: 'measurements.postgresMemoryBytes', scale: perMegabyte },
    comparison: '<=', unit: 'MB', target: memoryMb, claim: memoryMb, specTarget: `${memoryMb}MB (spec's result)`, specClaim: `${memoryMb}MB` },
];

export const dataVolumeTargets: readonly TargetDefinition[] = [
  ...size('10k', '10,000', 12, 45),
  ...size('50k', '50,000', 28, 89),
  ...size('100k', '100,000', 45, 156),
  ...size('500k', '500,000', 98, 412),
  ...size('1m', '1,000,000', 187, 823),
];
