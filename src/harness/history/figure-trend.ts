/** A figure's trend across runs: the Theil-Sen slope per run, in percent of its median, in words. */
import type { Comparison } from '../result/target-evaluation.schema.js';
import { medianOfSorted, sortAscending } from '../stats/order-statistics.js';
import { theilSenSlope } from '../stats/theil-sen.js';
import type { FigureTrend, TrendDirection } from './history-analysis.js';

/** A slope under this percent of the median per run reads as flat. */
export const flatPctPerRun = 0.5;

/**
 * The trend of `estimates` (in run order, at least two). The percent is of the median's
 * magnitude, so its sign is the slope's; the word is oriented by `comparison` ('<=': a falling
 * figure is improving; '>=': a rising one).
 */
export function figureTrend(estimates: readonly number[], comparison: Comparison): FigureTrend {
  const slopePerRun = theilSenSlope(estimates);
  const seriesMedian = medianOfSorted(sortAscending(estimates));
  const slopePctPerRun = seriesMedian === 0 ? null : (slopePerRun / Math.abs(seriesMedian)) * 100;
  return { slopePerRun, slopePctPerRun, seriesMedian, direction: direction(slopePerRun, slopePctPerRun, comparison) };
}

function direction(slope: number, slopePct: number | null, comparison: Comparison): TrendDirection {
  if (slopePct === null ? slope === 0 : Math.abs(slopePct) < flatPctPerRun) return 'flat';
  const rising = slope > 0;
  return rising === (comparison === '>=') ? 'improving' : 'worsening';
}
