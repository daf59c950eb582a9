/**
 * The history's analysis: for every figure (target row id) measured in at least two runs, its
 * series, its trend and its change points. Pure: the same stored results give the same document.
 */
import type { TargetEvaluation } from '../result/target-evaluation.schema.js';
import { changePointSettings, figureChangePoints, minSegmentFor } from './figure-change-points.js';
import { figureTrend, flatPctPerRun } from './figure-trend.js';
import type { FigureHistory, HistoryAnalysis, HistoryRun, SeriesPoint } from './history-analysis.js';
import type { StoredHistory, StoredRun } from './read-history.js';

/** Analyses the usable runs of `stored` (already ordered by startedAt); the refused and duplicate files are carried through as listed. */
export function analyzeHistory(stored: StoredHistory): HistoryAnalysis {
  const figures = figureIds(stored.runs).flatMap((id) => {
    const figure = figureHistory(id, stored.runs);
    return figure ? [figure] : [];
  });
  return {
    historyVersion: 1,
    runs: stored.runs.map(historyRun),
    refused: stored.refused,
    duplicates: stored.duplicates,
    settings: { flatPctPerRun, ...changePointSettings },
    summary: {
      figures: figures.length,
      changed: figures.filter((figure) => figure.changePoints.length > 0).length,
      changePoints: figures.reduce((sum, figure) => sum + figure.changePoints.length, 0),
    },
    figures,
  };
}

/** Every row id, in the newest run's order (the spec tables' order), then any only older runs have. */
function figureIds(runs: readonly StoredRun[]): string[] {
  const ids = new Set<string>();
  for (const run of [...runs].reverse()) for (const row of run.result.targets) ids.add(row.id);
  return [...ids];
}

function figureHistory(id: string, runs: readonly StoredRun[]): FigureHistory | undefined {
  const measured = runs.flatMap((run) => {
    const row = run.result.targets.find((candidate) => candidate.id === id && candidate.measured !== undefined);
    return row ? [{ run, row }] : [];
  });
  if (measured.length < 2) return undefined;
  const series = measured.map(({ run, row }) => seriesPoint(run, row));
  const latest = (measured[measured.length - 1] as { row: TargetEvaluation }).row;
  return {
    id,
    label: latest.label,
    table: latest.table,
    unit: latest.unit,
    comparison: latest.comparison,
    target: latest.target,
    series,
    trend: figureTrend(
      series.map((point) => point.estimate),
      latest.comparison,
    ),
    minSegment: minSegmentFor(series.length),
    changePoints: figureChangePoints(series, latest.comparison),
  };
}

function seriesPoint(run: StoredRun, row: TargetEvaluation): SeriesPoint {
  return {
    runId: run.result.runId,
    startedAt: run.result.startedAt,
    estimate: row.measured as number,
    interval: row.interval
      ? { lower: row.interval.lower, upper: row.interval.upper, confidence: row.interval.confidence }
      : null,
    verdict: row.verdict,
  };
}

function historyRun(run: StoredRun): HistoryRun {
  const { runId, startedAt, verdict, profile, environment } = run.result;
  return { runId, startedAt, file: run.file, verdict, profile, gitCommit: environment.gitCommit };
}
