import { afterAll, beforeAll, expect, it } from 'vitest';
import { scenario as dataVolume } from '../../../scenarios/data-volume.scenario.js';
import type { Scenario } from '../../../scenarios/scenario-schema.js';
import { silentProgress } from '../../../src/core/progress.js';
import { resolveRunConfig } from '../../../src/harness/config.js';
import { idleServerMemory } from '../../../src/harness/measure/process-memory.js';
import { executeDataVolume } from '../../../src/harness/run/data-volume.executor.js';
import { RunResources } from '../../../src/harness/run/run-resources.js';
import { EmbeddedProvider } from '../../../src/harness/stack/embedded-provider.js';
import type { StackUrls } from '../../../src/harness/stack/stack-provider.js';
import { evaluateTargets } from '../../../src/harness/targets/evaluate-targets.js';
import { specTargets } from '../../../src/harness/targets/spec-targets.js';

// A server of its own, as a run has: the idle reading is only idle on a server nothing else uses.
const provider = new EmbeddedProvider({ settings: { fsync: 'off' } });
let urls: StackUrls;
beforeAll(async () => {
  urls = await provider.up();
});
afterAll(() => provider.down());

/** The smoke profile's 10k size, its load cut to a second and a half. */
const tiny: Scenario = {
  ...dataVolume,
  profiles: {
    ...dataVolume.profiles,
    smoke: { referrals: [10_000], levels: [40], stepDurationMs: 1500, warmupMs: 300, maxRequestsPerStep: 300 },
  },
};

it('measures every reading of memory usage on a seeded 10k dataset, each positive and consistent, and judges the row on the growth', async () => {
  const idle = await idleServerMemory(urls.databaseUrl);
  expect(idle?.method).toBe('pss');
  const config = resolveRunConfig({ profile: 'smoke', quiet: true, env: {} });
  const resources = new RunResources(
    config,
    urls.adminUrl,
    undefined,
    () => undefined,
    silentProgress,
    undefined,
    undefined,
    idle,
  );
  const { result } = await executeDataVolume(resources, tiny, 'smoke');

  expect(result.state).toBe('completed');
  const m = result.steps[0]?.measurements ?? {};
  const candidates = [
    'postgresMemoryBytes',
    'postgresIdleBytes',
    'postgresGrowthBytes',
    'datasetBytes',
    'datasetCachedBytes',
    'serviceRssBytes',
  ];
  for (const name of candidates) expect({ name, positive: (m[name] ?? 0) > 0 }).toEqual({ name, positive: true });
  expect(m.postgresIdleBytes).toBe(idle?.bytes);
  expect(m.postgresGrowthBytes).toBe((m.postgresMemoryBytes ?? 0) - (m.postgresIdleBytes ?? 0));
  expect(m.datasetBytes).toBe((m.tableBytes ?? 0) + (m.indexBytes ?? 0));
  expect(m.datasetBytes).toBeLessThanOrEqual(m.databaseBytes ?? 0);
  expect(m.datasetCachedBytes).toBeLessThanOrEqual(m.datasetBytes ?? 0);
  // PSS shares each shared page among the processes mapping it: it never exceeds their RSS.
  expect(m.postgresMemoryBytes).toBeLessThanOrEqual(m.postgresRssBytes ?? 0);

  const [row] = evaluateTargets(
    { profile: 'smoke', scenarios: [result] },
    specTargets.filter((target) => target.id === 'volume.10k.memory'),
  );
  expect(row?.statistic).toBe('measurements.postgresGrowthBytes');
  expect(row?.measured).toBeCloseTo((m.postgresGrowthBytes ?? 0) / (1024 * 1024), 1);
}, 120_000);
