/**
 * history.md: the history for a pull request or a wiki page. A summary line first, the refused
 * files, then one table per figure that changed (its runs, the change marked where a new segment
 * starts), then one compact table of every figure.
 */
import { verdictWords } from '../report/format.js';
import type { FigureHistory, HistoryAnalysis } from './history-analysis.js';
import {
  betterWords,
  formatChange,
  formatChangePoint,
  formatPoint,
  formatStarted,
  formatTrend,
  methodLine,
  summaryLine,
} from './history-wording.js';

/** The Markdown of history.md. */
export function renderHistoryMarkdown(analysis: HistoryAnalysis): string {
  const changed = analysis.figures.filter((figure) => figure.changePoints.length > 0);
  const lines = [
    `## Benchmark history: ${analysis.summary.changed} of ${analysis.summary.figures} figures changed`,
    '',
    `**${cell(summaryLine(analysis))}**`,
    '',
    ...(analysis.refused.length > 0
      ? [...analysis.refused.map((refused) => `- refused: \`${refused.file}\`: ${cell(refused.reason)}`), '']
      : []),
    ...(analysis.duplicates.length > 0
      ? [
          ...analysis.duplicates.map(
            (duplicate) =>
              `- skipped: \`${duplicate.file}\`: the same run (${duplicate.runId}) as \`${duplicate.sameAs}\``,
          ),
          '',
        ]
      : []),
    ...changed.flatMap(changedFigure),
    '### All figures',
    '',
    '| figure | runs | latest estimate [95% interval] | trend | change points |',
    '|---|---:|---|---|---|',
    ...analysis.figures.map(compactRow),
    '',
    methodLine(analysis),
    '',
  ];
  return lines.join('\n');
}

function changedFigure(figure: FigureHistory): string[] {
  const startsAt = new Map(figure.changePoints.map((change) => [change.index, change]));
  return [
    `### ${cell(figure.id)}: ${cell(figure.label)}`,
    '',
    `${figure.unit}, ${betterWords(figure)}; trend ${formatTrend(figure)}. Changed at ${figure.changePoints.map((change) => formatChangePoint(change, figure.unit)).join('; ')}.`,
    '',
    '| # | run | started | estimate [95% interval] | verdict | change |',
    '|---:|---|---|---|---|---|',
    ...figure.series.map((point, index) => {
      const change = startsAt.get(index);
      return `| ${index} | ${cell(point.runId)} | ${formatStarted(point.startedAt)} | ${cell(formatPoint(point, figure.unit))} | ${verdictWords[point.verdict]} | ${change ? `**${cell(formatChange(change, figure.unit))}**` : ''} |`;
    }),
    '',
  ];
}

function compactRow(figure: FigureHistory): string {
  const latest = figure.series[figure.series.length - 1];
  const changes =
    figure.changePoints.length === 0
      ? 'none'
      : figure.changePoints.map((change) => formatChangePoint(change, figure.unit)).join('; ');
  return `| ${cell(figure.id)} | ${figure.series.length} | ${latest ? cell(formatPoint(latest, figure.unit)) : '-'} | ${cell(formatTrend(figure))} | ${cell(changes)} |`;
}

/** Keeps a value inside one Markdown table cell. */
function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}
