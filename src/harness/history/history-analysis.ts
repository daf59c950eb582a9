/**
 * The history document (history.json): every figure of one branch's stored results, run after
 * run, with its trend and the points where it changed. Plain JSON: no undefined, NaN or Infinity
 * (a percent that cannot be computed is null). The renderers read only this.
 */
import type { RunVerdict } from '../result/run-result.schema.js';
import type { Comparison, SpecTableId, TargetVerdict } from '../result/target-evaluation.schema.js';

/** One stored result the history used. */
export interface HistoryRun {
  readonly runId: string;
  readonly startedAt: string;
  /** Where it was read, relative to the history's folder, e.g. 'run-07/result.json'. */
  readonly file: string;
  readonly verdict: RunVerdict;
  readonly profile: string;
  readonly gitCommit: string;
}

/** A stored result the history left out because it cannot be compared (e.g. schemaVersion 1). */
export interface RefusedResult {
  /** Relative to the history's folder. */
  readonly file: string;
  readonly reason: string;
}

/** A second copy of a run already in the history (e.g. reports/latest), left out so no run counts twice. */
export interface DuplicateResult {
  readonly file: string;
  readonly runId: string;
  /** The file whose copy of the run was used. */
  readonly sameAs: string;
}

export interface HistoryInterval {
  readonly lower: number;
  readonly upper: number;
  readonly confidence: number;
}

/** One run's figure. */
export interface SeriesPoint {
  readonly runId: string;
  readonly startedAt: string;
  /** The row's `measured`, in the figure's unit. */
  readonly estimate: number;
  readonly interval: HistoryInterval | null;
  readonly verdict: TargetVerdict;
}

export type TrendDirection = 'improving' | 'worsening' | 'flat';

/** The figure's drift per run, by the Theil-Sen slope of its estimates. */
export interface FigureTrend {
  /** Change per run, in the figure's unit. */
  readonly slopePerRun: number;
  /** The slope in percent of the series median's magnitude; null when that median is 0. */
  readonly slopePctPerRun: number | null;
  readonly seriesMedian: number;
  /** Oriented by the figure's comparison; flat when |slopePctPerRun| is under the history's flat threshold. */
  readonly direction: TrendDirection;
}

/** A run where the figure's level shifted: the means of the segments either side of it. */
export interface FigureChangePoint {
  /** Position in the figure's series where the new segment starts. */
  readonly index: number;
  readonly runId: string;
  readonly startedAt: string;
  readonly beforeMean: number;
  readonly afterMean: number;
  /** (after - before) in percent of |before|; null when before is 0. */
  readonly changePct: number | null;
  readonly direction: 'worse' | 'better' | 'unchanged';
}

/** One figure (a target row id) across the runs that measured it. */
export interface FigureHistory {
  readonly id: string;
  readonly label: string;
  readonly table: SpecTableId;
  readonly unit: string;
  readonly comparison: Comparison;
  /** The target of the latest run that measured the figure. */
  readonly target: number;
  /** Ordered by startedAt; runs that did not measure the figure are absent. */
  readonly series: readonly SeriesPoint[];
  readonly trend: FigureTrend;
  /** The shortest segment E-Divisive was allowed to leave, for this series' length. */
  readonly minSegment: number;
  readonly changePoints: readonly FigureChangePoint[];
}

/** How the history was computed, so its output can be reproduced. */
export interface HistorySettings {
  /** |slope| under this percent of the median per run reads as flat. */
  readonly flatPctPerRun: number;
  readonly permutations: number;
  readonly significance: number;
  readonly seed: number;
}

export interface HistoryAnalysis {
  readonly historyVersion: 1;
  /** Ordered by startedAt. */
  readonly runs: readonly HistoryRun[];
  readonly refused: readonly RefusedResult[];
  readonly duplicates: readonly DuplicateResult[];
  readonly settings: HistorySettings;
  readonly summary: {
    /** Figures measured in at least two runs. */
    readonly figures: number;
    /** Figures with at least one change point. */
    readonly changed: number;
    readonly changePoints: number;
  };
  readonly figures: readonly FigureHistory[];
}
