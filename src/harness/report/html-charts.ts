/**
 * The report page's charts as plain Chart.js configurations (JSON only: the page script passes
 * them to `new Chart` unchanged). Figures come from the target rows where the spec has a table,
 * so a chart never disagrees with the table beside it, and from the steps for everything else.
 */
import type { RunResult, ScenarioResult } from '../result/run-result.schema.js';
import type { TargetEvaluation } from '../result/target-evaluation.schema.js';
import { scenarioTimeAxis } from './scenario-time-axis.js';

export interface ChartSpec {
  readonly id: string;
  readonly title: string;
  /** One plain-language sentence saying how to read the chart. */
  readonly caption: string;
  readonly config: Record<string, unknown>;
}

export interface ChartSection {
  readonly title: string;
  readonly charts: readonly ChartSpec[];
  /** Shown instead of charts when the run produced none for this section. */
  readonly empty: string;
}

/** The report's palette: every chart colours the same figure alike. */
export const colors = {
  measured: '#2563eb',
  spec: '#9ca3af',
  second: '#f97316',
  secondSpec: '#fdba74',
  baseline: '#94a3b8',
  optimized: '#16a34a',
  p50: '#16a34a',
  p95: '#2563eb',
  p99: '#dc2626',
};

export function chartSections(result: RunResult): ChartSection[] {
  return [
    {
      title: 'Load: response time and error rate against concurrent users',
      charts: present(concurrentUsersChart(result.targets)),
      empty: 'No concurrent-user step ran in this profile.',
    },
    {
      title: 'Data volume: query time and memory against the number of referrals',
      charts: present(dataVolumeChart(result.targets)),
      empty: 'No data-volume step ran in this profile.',
    },
    {
      title: 'Before and after the optimizations',
      charts: present(
        beforeAfterTimingChart(result),
        beforeAfterCountChart(result),
        integrationChart(result),
        changeChart(result.targets),
      ),
      empty: 'The before/after scenarios did not run.',
    },
    {
      title: 'Latency over time, per scenario',
      charts: result.scenarios.flatMap((scenario) => present(timelineChart(scenario))),
      empty: 'No load step recorded a timeline.',
    },
  ];
}

function present(...charts: (ChartSpec | undefined)[]): ChartSpec[] {
  return charts.filter((chart): chart is ChartSpec => chart !== undefined);
}

type Interval = [number, number] | null;

/** Rows of one table that share a statistic kind, as [x label, measured, its interval, claim]. */
function series(
  targets: readonly TargetEvaluation[],
  prefix: string,
  suffix: string,
): { label: string; measured: number | null; interval: Interval; claim: number | null }[] {
  return targets
    .filter((row) => row.id.startsWith(prefix) && row.id.endsWith(suffix))
    .map((row) => ({
      label: row.id.slice(prefix.length, -suffix.length),
      measured: row.measured ?? null,
      interval: row.interval ? [row.interval.lower, row.interval.upper] : null,
      claim: row.claim ?? null,
    }));
}

/** A thin floating bar from each interval's lower to its upper end, drawn over the figure's own bar. */
function intervalBars(
  label: string,
  intervals: readonly Interval[],
  color: string,
  yAxisID: string,
): Record<string, unknown> {
  return {
    type: 'bar',
    label,
    data: intervals,
    backgroundColor: 'rgba(17, 24, 39, 0.35)',
    borderColor: color,
    borderWidth: 1,
    grouped: false,
    barPercentage: 0.15,
    yAxisID,
    order: 0,
  };
}

interface AxisSeries {
  name: string;
  unit: string;
  measured: (number | null)[];
  interval: Interval[];
  claim: (number | null)[];
}

function twoAxisChart(
  id: string,
  title: string,
  caption: string,
  labels: string[],
  left: AxisSeries,
  right: AxisSeries,
): ChartSpec {
  return {
    id,
    title,
    caption,
    config: {
      type: 'bar',
      data: {
        labels,
        datasets: [
          {
            type: 'bar',
            label: `${left.name}, measured (${left.unit})`,
            data: left.measured,
            backgroundColor: colors.measured,
            yAxisID: 'y',
            order: 2,
          },
          {
            type: 'line',
            label: `${left.name}, spec (${left.unit})`,
            data: left.claim,
            borderColor: colors.spec,
            backgroundColor: colors.spec,
            borderDash: [6, 4],
            yAxisID: 'y',
            order: 1,
          },
          {
            type: 'bar',
            label: `${right.name}, measured (${right.unit})`,
            data: right.measured,
            backgroundColor: colors.second,
            yAxisID: 'y1',
            order: 2,
          },
          {
            type: 'line',
            label: `${right.name}, spec (${right.unit})`,
            data: right.claim,
            borderColor: colors.secondSpec,
            backgroundColor: colors.secondSpec,
            borderDash: [2, 3],
            yAxisID: 'y1',
            order: 1,
          },
          ...(left.interval.some((interval) => interval !== null)
            ? [intervalBars(`${left.name}, 95% interval`, left.interval, colors.measured, 'y')]
            : []),
          ...(right.interval.some((interval) => interval !== null)
            ? [intervalBars(`${right.name}, 95% interval`, right.interval, colors.second, 'y1')]
            : []),
        ],
      },
      options: {
        scales: {
          y: { position: 'left', beginAtZero: true, title: { display: true, text: `${left.name} (${left.unit})` } },
          y1: {
            position: 'right',
            beginAtZero: true,
            grid: { drawOnChartArea: false },
            title: { display: true, text: `${right.name} (${right.unit})` },
          },
        },
      },
    },
  };
}

function concurrentUsersChart(targets: readonly TargetEvaluation[]): ChartSpec | undefined {
  const time = series(targets, 'load.users-', '.response-time');
  const errors = series(targets, 'load.users-', '.error-rate');
  if (!time.some((point) => point.measured !== null)) return undefined;
  return twoAxisChart(
    'chart-concurrent-users',
    'Response time and error rate by number of users',
    'Bars are what we measured; dashed lines are what the spec reports. Lower is better. Levels without a bar were not run in this profile.',
    time.map((point) => `${point.label} users`),
    {
      name: 'Avg response time',
      unit: 'ms',
      measured: time.map((p) => p.measured),
      interval: time.map((p) => p.interval),
      claim: time.map((p) => p.claim),
    },
    {
      name: 'Error rate',
      unit: '%',
      measured: errors.map((p) => p.measured),
      interval: errors.map((p) => p.interval),
      claim: errors.map((p) => p.claim),
    },
  );
}

function dataVolumeChart(targets: readonly TargetEvaluation[]): ChartSpec | undefined {
  const time = series(targets, 'volume.', '.query-time');
  const memory = series(targets, 'volume.', '.memory');
  if (!time.some((point) => point.measured !== null) && !memory.some((point) => point.measured !== null))
    return undefined;
  return twoAxisChart(
    'chart-data-volume',
    'Query time and memory by data size',
    "Bars are what we measured at each number of referrals; dashed lines are the spec's figures. Lower is better.",
    time.map((point) => `${point.label} referrals`),
    {
      name: 'Query time (p95)',
      unit: 'ms',
      measured: time.map((p) => p.measured),
      interval: time.map((p) => p.interval),
      claim: time.map((p) => p.claim),
    },
    {
      name: 'Memory',
      unit: 'MB',
      measured: memory.map((p) => p.measured),
      interval: memory.map((p) => p.interval),
      claim: memory.map((p) => p.claim),
    },
  );
}

function stepsOf(result: RunResult, name: string) {
  const scenario = result.scenarios.find((candidate) => candidate.name === name && candidate.state === 'completed');
  return scenario?.steps ?? [];
}

function pairedBars(
  id: string,
  title: string,
  caption: string,
  unit: string,
  bars: { label: string; before: number; after: number }[],
  names: [string, string],
  logarithmic: boolean,
): ChartSpec | undefined {
  if (bars.length === 0) return undefined;
  return {
    id,
    title,
    caption,
    config: {
      type: 'bar',
      data: {
        labels: bars.map((bar) => bar.label),
        datasets: [
          { label: names[0], data: bars.map((bar) => bar.before), backgroundColor: colors.baseline },
          { label: names[1], data: bars.map((bar) => bar.after), backgroundColor: colors.optimized },
        ],
      },
      options: {
        scales: { y: { type: logarithmic ? 'logarithmic' : 'linear', title: { display: true, text: unit } } },
      },
    },
  };
}

function beforeAfterTimingChart(result: RunResult): ChartSpec | undefined {
  const bars = stepsOf(result, 'before-after').flatMap((step) => {
    const m = step.measurements;
    return [
      ...(m.baselineMs !== undefined && m.optimizedMs !== undefined
        ? [{ label: step.label, before: m.baselineMs, after: m.optimizedMs }]
        : []),
      ...(m.planBaselineMs !== undefined && m.planOptimizedMs !== undefined
        ? [{ label: `${step.label} (EXPLAIN)`, before: m.planBaselineMs, after: m.planOptimizedMs }]
        : []),
    ];
  });
  return pairedBars(
    'chart-before-after',
    'Query time before and after the optimizations',
    "Grey is the schema without the spec's indexes, view and cache; green is the optimized schema, on the same data. Shorter is faster (the scale is logarithmic).",
    'ms (log scale)',
    bars,
    ['Before (baseline schema)', 'After (optimized schema)'],
    true,
  );
}

function beforeAfterCountChart(result: RunResult): ChartSpec | undefined {
  const bars = stepsOf(result, 'before-after').flatMap((step) => {
    const m = step.measurements;
    return m.baselineCount !== undefined && m.optimizedCount !== undefined
      ? [{ label: step.label, before: m.baselineCount, after: m.optimizedCount }]
      : [];
  });
  return pairedBars(
    'chart-before-after-counts',
    'Trigger firings and database round trips',
    'How often the database had to do work for the same job, before and after. Fewer is better.',
    'count',
    bars,
    ['Before (baseline schema)', 'After (optimized schema)'],
    false,
  );
}

function integrationChart(result: RunResult): ChartSpec | undefined {
  const steps = stepsOf(result, 'integration-impact');
  const bars = steps
    .filter((step) => step.label.endsWith(':off'))
    .flatMap((off) => {
      const route = off.label.slice(0, -':off'.length);
      const on = steps.find((step) => step.label === `${route}:on`);
      return off.load && on?.load ? [{ label: route, before: off.load.latency.p50, after: on.load.latency.p50 }] : [];
    });
  return pairedBars(
    'chart-integration',
    'Existing features with the referral feature off and on',
    'Median response time of features that existed before referrals. Similar bars mean referrals cost the old features little.',
    'ms, median (log scale)',
    bars,
    ['Referrals off', 'Referrals on'],
    true,
  );
}

/**
 * The paired changes (integration impact, improvement claims) as estimates with their 95%
 * intervals against each row's limit: a row is decided only when its interval clears the limit.
 */
function changeChart(targets: readonly TargetEvaluation[]): ChartSpec | undefined {
  const rows = targets.filter(
    (row) =>
      (row.table === 'integration' || row.table === 'improvements') &&
      row.interval !== undefined &&
      row.measured !== undefined,
  );
  if (rows.length === 0) return undefined;
  return {
    id: 'chart-changes',
    title: 'Changes with their 95% intervals, against each limit',
    caption:
      'The dot is the estimated change in percent, the bar its 95% interval from the interleaved pairs, the dash the limit. An interval that crosses its limit is inconclusive.',
    config: {
      type: 'bar',
      data: {
        labels: rows.map((row) => row.label),
        datasets: [
          {
            type: 'bar',
            label: '95% interval (%)',
            data: rows.map((row) => (row.interval ? [row.interval.lower, row.interval.upper] : null)),
            backgroundColor: 'rgba(37, 99, 235, 0.35)',
            borderColor: colors.measured,
            borderWidth: 1,
            barPercentage: 0.4,
            order: 2,
          },
          {
            type: 'line',
            label: 'estimate (%)',
            data: rows.map((row) => row.measured ?? null),
            showLine: false,
            pointRadius: 5,
            borderColor: colors.measured,
            backgroundColor: colors.measured,
            order: 1,
          },
          {
            type: 'line',
            label: 'limit (%)',
            data: rows.map((row) => row.target),
            showLine: false,
            pointStyle: 'line',
            pointRadius: 14,
            borderWidth: 3,
            borderColor: colors.p99,
            backgroundColor: colors.p99,
            order: 0,
          },
        ],
      },
      options: { indexAxis: 'x', scales: { y: { title: { display: true, text: 'change, %' } } } },
    },
  };
}

function timelineChart(scenario: ScenarioResult): ChartSpec | undefined {
  const axis = scenarioTimeAxis(scenario);
  const points = scenario.steps.flatMap((step) =>
    (step.load?.timeline ?? []).map((point) => ({ ...point, at: axis.indexOf(step.label, point.second) })),
  );
  if (points.length === 0) return undefined;
  const values = points.flatMap((point) => [point.p50, point.p99]).filter((value) => value > 0);
  const logarithmic = values.length > 0 && Math.max(...values) / Math.min(...values) > 50;
  const series = (key: 'p50' | 'p95' | 'p99'): (number | null)[] => {
    const data: (number | null)[] = axis.labels.map(() => null);
    for (const point of points) if (point.at !== undefined) data[point.at] = point[key];
    return data;
  };
  return {
    id: `chart-timeline-${scenario.name}`,
    title: `Latency over time: ${scenario.name}`,
    caption:
      'Each point is one second of load; the label names the step. p50 is a typical request, p99 the slowest 1 in 100.',
    config: {
      type: 'line',
      data: {
        labels: axis.labels,
        datasets: (['p50', 'p95', 'p99'] as const).map((key) => ({
          label: key,
          data: series(key),
          borderColor: colors[key],
          backgroundColor: colors[key],
          pointRadius: 0,
          borderWidth: 1.5,
        })),
      },
      options: {
        interaction: { mode: 'index', intersect: false },
        scales: {
          y: {
            type: logarithmic ? 'logarithmic' : 'linear',
            title: { display: true, text: logarithmic ? 'ms (log scale)' : 'ms' },
          },
          x: { ticks: { maxTicksLimit: 12 } },
        },
      },
    },
  };
}
