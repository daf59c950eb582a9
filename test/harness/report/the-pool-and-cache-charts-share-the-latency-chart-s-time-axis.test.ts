import { expect, it } from 'vitest';
import { chartSections } from '../../../src/harness/report/html-charts.js';
import { serverCharts } from '../../../src/harness/report/server-charts.js';
import { loadFixture } from './load-fixture.js';

const result = await loadFixture();

type Dataset = { label: string; data: (number | null)[] };
const configOf = (chart: { config: Record<string, unknown> }) =>
  chart.config as { data: { labels: string[]; datasets: Dataset[] } };

it("draws the pool and the caches second by second on the labels of the scenario's latency chart, memory over the whole run", () => {
  const scenario = result.scenarios.find((candidate) => candidate.name === 'concurrent-users')!;
  const latency = chartSections(result)
    .flatMap((section) => section.charts)
    .find((chart) => chart.id === 'chart-timeline-concurrent-users')!;
  const [pool, caches, memory] = serverCharts(scenario);
  expect([pool?.id, caches?.id, memory?.id]).toEqual([
    'chart-pool-concurrent-users',
    'chart-caches-concurrent-users',
    'chart-memory-concurrent-users',
  ]);

  const labels = configOf(latency).data.labels;
  expect(labels).toHaveLength(60);
  expect(configOf(pool!).data.labels).toEqual(labels);
  expect(configOf(caches!).data.labels).toEqual(labels);
  // Each sample taken during a step's measured load sits on its second: the warm-ups' are left off.
  const samples = scenario.server!.serviceMetricsOverTime!.samples;
  const [inUse, waiting] = configOf(pool!).data.datasets;
  for (const sample of samples.filter((candidate) => candidate.step !== undefined)) {
    const at = labels.indexOf(`${sample.step} · ${sample.second}s`);
    expect(inUse?.data[at]).toBe(sample.poolInUse);
    expect(waiting?.data[at]).toBe(sample.poolWaiting);
  }
  // Requests waited for a connection only at 1000 users, the step whose rows missed.
  expect(labels.filter((_, at) => (waiting?.data[at] ?? 0) > 0).every((label) => label.startsWith('1000 users'))).toBe(
    true,
  );
  expect(configOf(caches!).data.datasets.map((dataset) => dataset.label)).toEqual([
    'analytics',
    'leaderboard',
    'profile',
  ]);
  expect(configOf(memory!).data.labels).toEqual(
    scenario.server!.memoryOverTime!.samples.map((sample) => `${sample.atS}s`),
  );
  expect(configOf(memory!).data.datasets.map((dataset) => dataset.label)).toEqual(['PostgreSQL', 'service']);
});
