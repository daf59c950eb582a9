/**
 * Where a figure's level shifted: E-Divisive means over its estimates, each change point with
 * the means of the segments either side of it, oriented by the figure's comparison.
 */
import type { Comparison } from '../result/target-evaluation.schema.js';
import { eDivisive } from '../stats/e-divisive.js';
import type { FigureChangePoint, SeriesPoint } from './history-analysis.js';

/** The permutation test's settings: fixed, so the same results always give the same history. */
export const changePointSettings = { permutations: 199, significance: 0.05, seed: 1 } as const;

/** The shortest segment for a series of n runs: 2 to 5, about a quarter of it, so short histories still work. */
export function minSegmentFor(n: number): number {
  return Math.max(2, Math.min(5, Math.floor(n / 4)));
}

/** The change points of a figure's series (in run order), each where a new segment starts. */
export function figureChangePoints(series: readonly SeriesPoint[], comparison: Comparison): FigureChangePoint[] {
  const estimates = series.map((point) => point.estimate);
  const { changePoints } = eDivisive(estimates, { ...changePointSettings, minSegment: minSegmentFor(series.length) });
  const bounds = [0, ...changePoints, estimates.length];
  return changePoints.map((index, k) => {
    const beforeMean = mean(estimates.slice(bounds[k], index));
    const afterMean = mean(estimates.slice(index, bounds[k + 2]));
    const point = series[index] as SeriesPoint;
    return {
      index,
      runId: point.runId,
      startedAt: point.startedAt,
      beforeMean,
      afterMean,
      changePct: beforeMean === 0 ? null : ((afterMean - beforeMean) / Math.abs(beforeMean)) * 100,
      direction:
        afterMean === beforeMean ? 'unchanged' : afterMean > beforeMean === (comparison === '<=') ? 'worse' : 'better',
    };
  });
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}
