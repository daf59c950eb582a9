/**
 * A scenario's server side over time, as Chart.js configurations: the pool and the caches on the
 * axis of the scenario's latency chart (scenario-time-axis.ts), memory over the whole scenario.
 */
import type { ScenarioResult, ServiceMetricsOverTime } from '../result/run-result.schema.js';
import { colors, type ChartSpec } from './html-charts.js';
import { scenarioTimeAxis, type TimeAxis } from './scenario-time-axis.js';

type Sample = ServiceMetricsOverTime['samples'][number];

const cacheColors = ['#0891b2', '#a855f7', '#ca8a04', '#64748b'];

/** The pool, caches and memory charts of a scenario, those it has data for. */
export function serverCharts(scenario: ScenarioResult): ChartSpec[] {
  const axis = scenarioTimeAxis(scenario);
  const onAxis = (scenario.server?.serviceMetricsOverTime?.samples ?? []).filter(
    (sample) => sample.step !== undefined && sample.second !== undefined,
  );
  return [
    poolChart(scenario.name, axis, onAxis),
    cacheChart(scenario.name, axis, onAxis),
    memoryChart(scenario),
  ].filter((chart): chart is ChartSpec => chart !== undefined);
}

/** One value per axis label: the largest of the samples in that second, null where none was taken (the line spans it). */
function onTheAxis(
  axis: TimeAxis,
  samples: readonly Sample[],
  value: (sample: Sample) => number | undefined,
): (number | null)[] {
  const data: (number | null)[] = axis.labels.map(() => null);
  for (const sample of samples) {
    const at = axis.indexOf(sample.step ?? '', sample.second ?? -1);
    const figure = value(sample);
    if (at !== undefined && figure !== undefined) data[at] = Math.max(data[at] ?? figure, figure);
  }
  return data;
}

function lineOverTime(
  id: string,
  title: string,
  caption: string,
  labels: readonly string[],
  datasets: Record<string, unknown>[],
  yTitle: string,
  yMax?: number,
): ChartSpec {
  return {
    id,
    title,
    caption,
    config: {
      type: 'line',
      data: {
        labels,
        datasets: datasets.map((dataset) => ({ pointRadius: 1.5, borderWidth: 1.5, spanGaps: true, ...dataset })),
      },
      options: {
        interaction: { mode: 'index', intersect: false },
        scales: {
          y: {
            beginAtZero: true,
            ...(yMax === undefined ? {} : { max: yMax }),
            title: { display: true, text: yTitle },
          },
          x: { ticks: { maxTicksLimit: 12 } },
        },
      },
    },
  };
}

function poolChart(scenario: string, axis: TimeAxis, samples: readonly Sample[]): ChartSpec | undefined {
  if (samples.length === 0) return undefined;
  return lineOverTime(
    `chart-pool-${scenario}`,
    `Connection pool over time: ${scenario}`,
    'Read from the service every second, on the same axis as the latency chart: connections checked out, and requests waiting for one. Waiting requests mean the pool, not the queries, set the pace.',
    axis.labels,
    [
      {
        label: 'in use',
        data: onTheAxis(axis, samples, (sample) => sample.poolInUse),
        borderColor: colors.measured,
        backgroundColor: colors.measured,
      },
      {
        label: 'waiting',
        data: onTheAxis(axis, samples, (sample) => sample.poolWaiting),
        borderColor: colors.p99,
        backgroundColor: colors.p99,
      },
    ],
    'connections / requests',
  );
}

function cacheChart(scenario: string, axis: TimeAxis, samples: readonly Sample[]): ChartSpec | undefined {
  const caches = [...new Set(samples.flatMap((sample) => Object.keys(sample.cacheHitRatio)))].sort();
  if (caches.length === 0) return undefined;
  return lineOverTime(
    `chart-caches-${scenario}`,
    `Cache hit ratio over time: ${scenario}`,
    "Each cache's hits among its lookups in each second, on the latency chart's axis. A dip after writes is the cache being invalidated.",
    axis.labels,
    caches.map((cache, index) => {
      const color = cacheColors[index % cacheColors.length];
      return {
        label: cache,
        data: onTheAxis(axis, samples, (sample) => {
          const ratio = sample.cacheHitRatio[cache];
          return ratio === undefined ? undefined : Math.round(ratio * 1000) / 10;
        }),
        borderColor: color,
        backgroundColor: color,
      };
    }),
    'hit ratio, %',
    100,
  );
}

const mib = (bytes: number): number => Math.round((bytes / (1024 * 1024)) * 10) / 10;

function memoryChart(scenario: ScenarioResult): ChartSpec | undefined {
  const overTime = scenario.server?.memoryOverTime;
  if (overTime === undefined || overTime.samples.length < 2) return undefined;
  return lineOverTime(
    `chart-memory-${scenario.name}`,
    `Memory over the run: ${scenario.name}`,
    `PostgreSQL (all its processes, proportional set size) and the service (resident set), every ${overTime.intervalMs / 1000} s from the scenario's start, warm-ups and pauses included.`,
    overTime.samples.map((sample) => `${sample.atS}s`),
    [
      {
        label: 'PostgreSQL',
        data: overTime.samples.map((sample) => mib(sample.postgresMemoryBytes)),
        borderColor: colors.measured,
        backgroundColor: colors.measured,
      },
      {
        label: 'service',
        data: overTime.samples.map((sample) => mib(sample.serviceRssBytes)),
        borderColor: colors.second,
        backgroundColor: colors.second,
      },
    ],
    'MiB',
  );
}
