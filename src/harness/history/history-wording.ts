/** How the history's renderers word a figure, a trend and a change point, so history.md and history.html agree. */
import { formatFigure, formatNumber } from '../report/format.js';
import type { FigureChangePoint, FigureHistory, HistoryAnalysis, SeriesPoint } from './history-analysis.js';

/** '2026-11-13 10:00' from an ISO timestamp (as stored: no time zone conversion). */
export function formatStarted(startedAt: string): string {
  return startedAt.slice(0, 16).replace('T', ' ');
}

/** '+40%', '−2.1%': a signed percent. */
export function formatSignedPct(pct: number): string {
  return `${pct > 0 ? '+' : pct < 0 ? '−' : '±'}${formatNumber(Math.abs(pct))}%`;
}

/** '10.1 ms [9.8 to 10.4]': a run's estimate with its interval, when it has one. */
export function formatPoint(point: SeriesPoint, unit: string): string {
  const interval = point.interval
    ? ` [${formatNumber(point.interval.lower)} to ${formatNumber(point.interval.upper)}]`
    : '';
  return `${formatFigure(point.estimate, unit)}${interval}`;
}

/** 'worsening, +1.6%/run'; 'flat, −0.2%/run'. */
export function formatTrend(figure: FigureHistory): string {
  const { direction, slopePctPerRun, slopePerRun } = figure.trend;
  const rate =
    slopePctPerRun === null
      ? `${slopePerRun > 0 ? '+' : slopePerRun < 0 ? '−' : '±'}${formatFigure(Math.abs(slopePerRun), figure.unit)}/run`
      : `${formatSignedPct(slopePctPerRun)}/run`;
  return `${direction}, ${rate}`;
}

/** '10 → 14 ms, +40% worse': the change of the segment means at a change point. */
export function formatChange(change: FigureChangePoint, unit: string): string {
  const after = formatFigure(change.afterMean, unit);
  const pct = change.changePct === null ? '' : `${formatSignedPct(change.changePct)} `;
  return `${formatNumber(change.beforeMean)} → ${after}, ${pct}${change.direction}`;
}

/** 'run-12 (2026-11-13 10:00): 10 → 14 ms, +40% worse'. */
export function formatChangePoint(change: FigureChangePoint, unit: string): string {
  return `${change.runId} (${formatStarted(change.startedAt)}): ${formatChange(change, unit)}`;
}

/** 'lower is better' or 'higher is better'. */
export function betterWords(figure: FigureHistory): string {
  return figure.comparison === '<=' ? 'lower is better' : 'higher is better';
}

/** The history in one sentence: how many figures changed, across which runs, and which way. */
export function summaryLine(analysis: HistoryAnalysis): string {
  const { summary, runs } = analysis;
  const changes = analysis.figures.flatMap((figure) => figure.changePoints);
  const worse = changes.filter((change) => change.direction === 'worse').length;
  const better = changes.filter((change) => change.direction === 'better').length;
  const first = runs[0];
  const last = runs[runs.length - 1];
  const span = first && last ? `, ${formatStarted(first.startedAt)} to ${formatStarted(last.startedAt)}` : '';
  const points = summary.changePoints === 1 ? '1 change point' : `${summary.changePoints} change points`;
  const refused =
    analysis.refused.length > 0
      ? `; ${analysis.refused.length} result${analysis.refused.length === 1 ? '' : 's'} refused`
      : '';
  return `${summary.changed} of ${summary.figures} figures changed across ${runs.length} runs${span} (${points}: ${worse} worse, ${better} better)${refused}.`;
}

/** How the history was computed, in one sentence for a footnote. */
export function methodLine(analysis: HistoryAnalysis): string {
  const { settings } = analysis;
  return (
    `Change points: E-Divisive means on each figure's estimates, each kept when its permutation test (${settings.permutations} permutations, seed ${settings.seed}) ` +
    `gives p ≤ ${settings.significance}; the shortest segment is 2 to 5 runs, about a quarter of the series. ` +
    `Trend: Theil-Sen slope per run (the median of the slopes between every pair of runs), in percent of the series median; flat under ${settings.flatPctPerRun}% per run. ` +
    "Intervals are each run's own 95% interval, from its repetitions."
  );
}
