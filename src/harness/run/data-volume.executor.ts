/**
 * data-volume: for each dataset size, a fresh seeded database, the service on it, every read
 * route's load, then sizes (of the data and of its largest school) and memory: the spec's "Data
 * Volume Testing" table.
 */
import type { ProfileName, Scenario } from '../../../scenarios/scenario-schema.js';
import { planSteps } from '../../../scenarios/step-plan.js';
import { datasetInSharedBuffers } from '../measure/buffer-cache.js';
import { memoryCandidateMeasurements } from '../measure/memory-candidates.js';
import { databaseSizes } from '../measure/process-memory.js';
import { schoolSizes } from '../measure/school-sizes.js';
import type { ScenarioResult, StepResult } from '../result/run-result.schema.js';
import type { RunResources } from './run-resources.js';
import { runStepsOnService } from './service-scenario.executor.js';
import { runScenarioPhases, type ScenarioDatabases, type ScenarioOutcome } from './scenario-phases.js';

type ServerSample = NonNullable<ScenarioResult['server']>;

export async function executeDataVolume(
  resources: RunResources,
  scenario: Scenario,
  profile: ProfileName,
): Promise<ScenarioOutcome> {
  return runScenarioPhases(resources, (databases) => dataVolumeSteps(resources, scenario, profile, databases));
}

/** Each size on a database of its own, closed (checked, dropped) before the next is seeded. */
async function dataVolumeSteps(
  resources: RunResources,
  scenario: Scenario,
  profile: ProfileName,
  databases: ScenarioDatabases,
): Promise<ScenarioResult> {
  const steps: StepResult[] = [];
  let server: ServerSample | undefined;
  let unavailableSaid = false;
  const planned = planSteps(scenario, profile);
  for (const [index, step] of planned.entries()) {
    if (resources.stopped()) {
      resources.leaveUnfinished(
        scenario.name,
        planned.slice(index).map((later) => later.label),
      );
      break;
    }
    const database = await databases.open(step.referrals, 'optimized');
    try {
      const outcome = await runStepsOnService({
        resources,
        scenario,
        profile,
        steps: [step],
        database,
        writesChecked: databases.checked,
        measureStep: async () => {
          const sizes = await databaseSizes(database.pool);
          const cached = await datasetInSharedBuffers(database.pool);
          if (cached.state === 'unavailable' && !unavailableSaid) {
            unavailableSaid = true;
            resources.log(`${scenario.name}: the dataset's pages in shared buffers are not measured: ${cached.reason}`);
          }
          return {
            ...sizes,
            ...(await schoolSizes(database.pool)),
            ...(cached.state === 'measured' && { datasetCachedBytes: cached.bytes }),
          };
        },
      });
      for (const measured of outcome.steps) {
        const { tableBytes = 0, indexBytes = 0, datasetCachedBytes } = measured.measurements;
        // Peak memory while this size was under load, from the sampler that watched it, beside
        // the other readings of the spec's "memory usage".
        const memory = memoryCandidateMeasurements({
          peaks: outcome.server.memory,
          tableBytes,
          indexBytes,
          ...(resources.idlePostgres && { idlePostgresBytes: resources.idlePostgres.bytes }),
          ...(datasetCachedBytes !== undefined && { cachedBytes: datasetCachedBytes }),
        });
        const rss = outcome.server.memory.postgresRssBytes ?? 0;
        steps.push({
          ...measured,
          measurements: { ...measured.measurements, ...(rss > 0 && { postgresRssBytes: rss }), ...memory },
        });
      }
      server = outcome.server;
    } finally {
      await databases.close(database);
    }
  }
  return {
    name: scenario.name,
    state: resources.stopped() ? 'interrupted' : 'completed',
    steps,
    ...(server ? { server } : {}),
  };
}
