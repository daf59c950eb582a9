/** The shape of one judged figure as data: the spec's (or the project's) numbers plus where a run measures it. */
import type { Comparison, SpecTableId, TargetKind } from '../result/target-evaluation.schema.js';

/**
 * Where a figure comes from. `statistic` is a dotted path into a step (e.g. 'load.latency.p95',
 * 'load.requests.errorRate', 'measurements.queryMsP95') or, for 'server', into the scenario's
 * server sample (e.g. 'serviceMetrics.cacheHitRatio.leaderboard'). The raw figure is multiplied
 * by `scale` to reach the target's unit (e.g. 100 for a ratio shown in percent).
 */
export type Measure =
  | {
      readonly kind: 'step';
      readonly scenario: string;
      readonly step: string;
      readonly statistic: string;
      readonly scale?: number;
      readonly details?: readonly string[];
    }
  /**
   * Relative change from one step to another, in percent: (after - before) / before x 100, from
   * the two steps' repetitions paired by index (they run interleaved).
   */
  | {
      readonly kind: 'change';
      readonly scenario: string;
      readonly before: string;
      readonly after: string;
      readonly statistic: string;
      readonly scale?: number;
    }
  /**
   * Reduction in percent from the step's `baseline` figure to its `optimized` one: (1 - optimized /
   * baseline) x 100, from the step's paired `samples` of both; from its `measurements` (one
   * reading) when it took no samples (counts). `statistic` names the reduction itself.
   */
  | {
      readonly kind: 'reduction';
      readonly scenario: string;
      readonly step: string;
      readonly statistic: string;
      readonly baseline: string;
      readonly optimized: string;
    }
  | { readonly kind: 'server'; readonly scenario: string; readonly statistic: string; readonly scale?: number };

export interface TargetDefinition {
  /** Stable id, '<table>.<row>'. */
  readonly id: string;
  readonly table: SpecTableId;
  /** A spec figure, or a goal of the project's own. @default 'spec' */
  readonly kind?: TargetKind;
  /** The row as the spec names it. */
  readonly label: string;
  readonly measure: Measure;
  readonly comparison: Comparison;
  readonly unit: string;
  /** The bound the figure must meet; exactly at it passes. */
  readonly target: number;
  /** Past this (but within target) the verdict is 'warn'. */
  readonly warning?: number;
  /** The spec's claimed "achieved" figure, in `unit`. */
  readonly claim?: number;
  readonly claimDetails?: Readonly<Record<string, number>>;
  /** The spec's wording, shown beside our numbers. */
  readonly specTarget: string;
  readonly specClaim: string;
}

/** Bytes to the spec's MB (MiB: the spec does not say, and memory tools report binary units). */
export const perMegabyte = 1 / (1024 * 1024);
