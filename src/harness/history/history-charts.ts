/**
 * history.html's charts as plain Chart.js configurations (JSON only, drawn unchanged by the shared
 * page script): per figure with a change point, its estimate run after run, each run's 95%
 * interval as a band, the segment means as a step line and a vertical marker at each change point.
 */
import type { ChartSpec } from '../report/html-charts.js';
import type { FigureHistory } from './history-analysis.js';
import { betterWords, formatChangePoint } from './history-wording.js';

const colors = {
  estimate: '#2563eb',
  band: 'rgba(37, 99, 235, 0.18)',
  segment: '#6b7280',
  marker: 'rgba(185, 28, 28, 0.75)',
};

/** One chart per figure that changed, in the history's figure order. */
export function historyCharts(figures: readonly FigureHistory[]): ChartSpec[] {
  return figures.filter((figure) => figure.changePoints.length > 0).map(figureChart);
}

function figureChart(figure: FigureHistory, position: number): ChartSpec {
  const { series } = figure;
  const lows = series.map((point) => point.interval?.lower ?? point.estimate);
  const highs = series.map((point) => point.interval?.upper ?? point.estimate);
  const span = Math.max(...highs) - Math.min(...lows);
  const pad = span > 0 ? span * 0.05 : Math.abs(Math.max(...highs)) * 0.05 || 1;
  const marker: [number, number] = [Math.min(...lows) - pad, Math.max(...highs) + pad];
  const starts = new Set(figure.changePoints.map((change) => change.index));
  return {
    id: `chart-history-${position}`,
    title: `${figure.id}: ${figure.label}`,
    caption:
      `The line is each run's estimate (${figure.unit}, ${betterWords(figure)}), the shaded band its 95% interval, the grey steps the mean of each segment, ` +
      `and a red bar marks each change point: ${figure.changePoints.map((change) => formatChangePoint(change, figure.unit)).join('; ')}.`,
    config: {
      type: 'line',
      data: {
        labels: series.map((point) => point.runId),
        datasets: [
          {
            type: 'line',
            label: '95% interval, lower',
            data: series.map((point) => point.interval?.lower ?? null),
            borderWidth: 0,
            pointRadius: 0,
            fill: false,
            order: 3,
          },
          {
            type: 'line',
            label: '95% interval',
            data: series.map((point) => point.interval?.upper ?? null),
            borderWidth: 0,
            pointRadius: 0,
            backgroundColor: colors.band,
            fill: '-1',
            order: 3,
          },
          {
            type: 'line',
            label: `estimate (${figure.unit})`,
            data: series.map((point) => point.estimate),
            borderColor: colors.estimate,
            backgroundColor: colors.estimate,
            borderWidth: 2,
            pointRadius: 2,
            order: 1,
          },
          {
            type: 'line',
            label: 'segment mean',
            data: segmentMeans(figure),
            borderColor: colors.segment,
            borderDash: [6, 4],
            borderWidth: 1.5,
            pointRadius: 0,
            stepped: 'middle',
            order: 2,
          },
          {
            type: 'bar',
            label: 'change point',
            data: series.map((_, index) => (starts.has(index) ? marker : null)),
            backgroundColor: colors.marker,
            barPercentage: 0.12,
            categoryPercentage: 1,
            grouped: false,
            order: 0,
          },
        ],
      },
      options: {
        interaction: { mode: 'index', intersect: false },
        plugins: { legend: { display: false } },
        scales: {
          x: { ticks: { maxTicksLimit: 8, maxRotation: 0 } },
          y: { min: marker[0], max: marker[1], title: { display: true, text: figure.unit } },
        },
      },
    },
  };
}

/** Each run's value on the step line: the mean of the segment it belongs to. */
function segmentMeans(figure: FigureHistory): number[] {
  const means: number[] = [];
  const bounds = [0, ...figure.changePoints.map((change) => change.index), figure.series.length];
  for (let k = 0; k + 1 < bounds.length; k += 1) {
    const segment = figure.series.slice(bounds[k], bounds[k + 1]).map((point) => point.estimate);
    const mean = segment.reduce((sum, value) => sum + value, 0) / segment.length;
    for (const _ of segment) means.push(mean);
  }
  return means;
}
