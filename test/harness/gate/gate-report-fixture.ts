/** A fixed gate report for renderer tests: a fixed decision over fixed pairs, no measurement behind it. */
import type { GateReport } from '../../../src/harness/gate/gate-report.js';
import type { MetricDecision, PairedMetric } from '../../../src/harness/gate/decide-pairs.js';

const pairsOf = (base: number, ratios: readonly number[]) => ratios.map((ratio) => ({ base, head: base * ratio }));

export const fixtureMetrics: PairedMetric[] = [
  {
    id: 'student-profile p50',
    unit: 'ms',
    higherIsBetter: false,
    pairs: pairsOf(4, [1.1, 1.12, 1.15, 1.09, 1.13, 1.11, 1.14, 1.1]),
  },
  {
    id: 'student-profile p95',
    unit: 'ms',
    higherIsBetter: false,
    pairs: pairsOf(12, [0.9, 1.3, 1.05, 0.95, 1.2, 1.0, 1.1, 0.8]),
  },
  {
    id: 'student-profile throughput',
    unit: 'req/s',
    higherIsBetter: true,
    pairs: pairsOf(16.6, [1, 1, 0.999, 1.001, 1, 1, 1, 1]),
  },
];

const decisions: MetricDecision[] = [
  {
    id: 'student-profile p50',
    unit: 'ms',
    pairs: 8,
    changePct: 11.8,
    lowerPct: 9.5,
    upperPct: 14.1,
    pRegression: 0.0039,
    pNoRegression: 1,
    adjustedPRegression: 0.0039,
    adjustedPNoRegression: 1,
    verdict: 'regression',
    detectablePct: 7.2,
  },
  {
    id: 'student-profile p95',
    unit: 'ms',
    pairs: 8,
    changePct: 3.4,
    lowerPct: -8.2,
    upperPct: 19.7,
    pRegression: 0.42,
    pNoRegression: 0.3,
    adjustedPRegression: 0.84,
    adjustedPNoRegression: 0.6,
    verdict: 'inconclusive',
    detectablePct: 31.5,
  },
  {
    id: 'student-profile throughput',
    unit: 'req/s',
    pairs: 8,
    changePct: 0,
    lowerPct: -0.1,
    upperPct: 0.1,
    pRegression: 1,
    pNoRegression: 0.0039,
    adjustedPRegression: 1,
    adjustedPNoRegression: 0.0078,
    verdict: 'no regression',
    detectablePct: 5.1,
  },
];

export const fixtureReport: GateReport = {
  kind: 'referral-bench-gate',
  schemaVersion: 1,
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:03:00.000Z',
  wallSeconds: 180.4,
  aa: false,
  base: {
    ref: 'origin/main',
    commit: 'a'.repeat(40),
    dependencies: 'symlink',
    datasetChecksum: 'c'.repeat(64),
    template: 'rb_tpl_x',
  },
  head: {
    ref: 'HEAD',
    commit: 'b'.repeat(40),
    dependencies: 'npm ci',
    datasetChecksum: 'c'.repeat(64),
    template: 'rb_tpl_x',
  },
  settings: {
    pairs: 8,
    maxPairs: 8,
    extensionPairs: 4,
    ratePerSecond: 50,
    pairSeconds: 3,
    warmupSeconds: 5,
    routes: ['student-profile'],
    referrals: 10_000,
    seed: 42,
    marginPct: 5,
    alpha: 0.01,
    looks: 1,
    alphaPerLook: 0.01,
    maxErrorRate: 0,
    provider: 'embedded',
    workers: 1,
  },
  outcome: {
    verdict: 'regression',
    exitCode: 1,
    headline: 'REGRESSION: student-profile p50 +11.8% (margin 5%, alpha 0.01, 8 pairs)',
    detectablePct: 31.5,
  },
  decision: { verdict: 'regression', marginPct: 5, alpha: 0.01, metrics: decisions },
  looks: [{ pairs: 8, verdict: 'regression' }],
  guardrails: [],
  metrics: fixtureMetrics,
  pairs: [],
};
