/**
 * data-volume: for each dataset size, a fresh seeded database, the service on it, the referral
 * query load, then sizes and memory: the spec's "Data Volume Testing" table.
 */
import type { ProfileName, Scenario } from '../../../scenarios/scenario-schema.js';
import { planSteps } from '../../../scenarios/step-plan.js';
import { databaseSizes } from '../measure/process-memory.js';
import type { ScenarioResult, StepResult } from '../result/run-result.schema.js';
import type { RunResources } from './run-resources.js';
import { runStepsOnService } from './service-scenario.executor.js';

type ServerSample = NonNullable<ScenarioResult['server']>;

export async function executeDataVolume(resources: RunResources, scenario: Scenario, profile: ProfileName): Promise<ScenarioResult> {
  const steps: StepResult[] = [];
  let server: ServerSample | undefined;
  const planned = planSteps(scenario, profile);
  for (const [index, step] of planned.entries()) {
    if (resources.stopped()) {
      resources.leaveUnfinished(scenario.name, planned.slice(index).map((later) => later.label));
      break;
    }
    const database = await resources.database(step.referrals, 'optimized');
    try {
      const outcome = await runStepsOnService({
        resources, scenario, profile, steps: [step], database,
        measureStep: async () => ({ ...(await databaseSizes(database.pool)) }),
      });
      for (const measured of outcome.steps) {
        // Peak memory while this size was under load, from the sampler that watched it.
        steps.push({ ...measured, measurements: { ...measured.measurements, ...outcome.server.memory } });
      }
      server = outcome.server;
    } finally {
      await database.drop();
    }
  }
  return { name: scenario.name, state: resources.stopped() ? 'interrupted' : 'completed', steps, ...(server ? { server } : {}) };
}
