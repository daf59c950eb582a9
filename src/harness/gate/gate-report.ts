/**
 * gate.json: everything a revision gate decided and everything it measured. Every pair's raw
 * figures for both sides are kept (per run and per metric), so the noise of the gate can be
 * fitted from stored reports later.
 */
import type { GateDecision, GateVerdict, PairedMetric } from './decide-pairs.js';
import type { GatePair } from './gate-pair.js';
import type { Guardrail } from './gate-guardrails.js';
import type { DependencySource } from './worktree-dependencies.js';

/** One side of the gate: which revision, how it was built, which data it served. */
export interface GateRevision {
  /** The revision as typed (`--base`, `--head`). */
  readonly ref: string;
  readonly commit: string;
  readonly dependencies: DependencySource;
  /** Checksum of the dataset its seeder produced. */
  readonly datasetChecksum: string;
  readonly template: string | undefined;
  /** The calibration delay its service ran with (head only). */
  readonly testDelay?: { readonly route: string; readonly ms: number };
}

/** The settings the gate ran with, resolved. */
export interface GateSettings {
  readonly pairs: number;
  readonly maxPairs: number;
  /** Pairs added per extension of an inconclusive decision. */
  readonly extensionPairs: number;
  readonly ratePerSecond: number;
  readonly pairSeconds: number;
  readonly warmupSeconds: number;
  readonly routes: readonly string[];
  readonly referrals: number;
  readonly seed: number;
  readonly marginPct: number;
  /** The gate's whole false-alarm budget (--alpha). */
  readonly alpha: number;
  /** Decisions the gate may take (the first, then one per extension). */
  readonly looks: number;
  /** The alpha each decision is taken at: alpha / looks (Bonferroni over the looks). */
  readonly alphaPerLook: number;
  /** Allowed share (0..1) of head requests answered with an error. */
  readonly maxErrorRate: number;
  readonly provider: 'embedded' | 'external';
  readonly workers: number;
}

/** One decision taken along the way. */
export interface GateLook {
  readonly pairs: number;
  readonly verdict: GateVerdict;
}

/** What the gate concludes: the verdict, or the guardrail that overrode it, and the exit code. */
export interface GateOutcome {
  readonly verdict: GateVerdict | 'failed';
  readonly exitCode: 0 | 1 | 3;
  /** One line for humans, verdict first. */
  readonly headline: string;
  /** The smallest regression (in %) this run could have detected: the largest of the metrics'. */
  readonly detectablePct?: number;
}

export interface GateReport {
  readonly kind: 'referral-bench-gate';
  readonly schemaVersion: 1;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly wallSeconds: number;
  /** A/A: the same revision on both sides. */
  readonly aa: boolean;
  readonly base: GateRevision;
  readonly head: GateRevision;
  readonly settings: GateSettings;
  readonly outcome: GateOutcome;
  /** The last decision (absent when fewer than two pairs completed). */
  readonly decision?: GateDecision;
  readonly looks: readonly GateLook[];
  readonly guardrails: readonly Guardrail[];
  /** The series decidePairs judged: per metric, every pair's base and head value. */
  readonly metrics: readonly PairedMetric[];
  /** Every pair's raw figures, both sides, in run order. */
  readonly pairs: readonly GatePair[];
}
