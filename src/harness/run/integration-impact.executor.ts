/**
 * integration-impact: the CRM's existing features (profile, ranking calculation, dashboard,
 * achievement check) with the referral feature off and on, on the same data. "Off" is the domain model's:
 * no referral triggers, no referral joins or widgets (the service's --no-referrals), no referral
 * achievements.
 *
 * Both services run side by side, each on its own clone of the dataset. Per route, both are warmed
 * up once, then the measured load runs as interleaved pairs of short repetitions, off and on in a
 * random order within each pair, so whatever drifts over the run (caches warming, autovacuum after
 * the clone, the other processes on two shared cores) falls on both sides. The impact is estimated
 * from the pairs' log-ratios. Measured one feature after the other instead, drift fell on one side
 * only: in a quick run the ranking calculation, the same SQL with the feature off and on, came out
 * 21% slower "on".
 */
import { profileOf, type ProfileName, type Scenario } from '../../../scenarios/scenario-schema.js';
import { planSteps } from '../../../scenarios/step-plan.js';
import type { StepResult } from '../result/run-result.schema.js';
import type { RunResources } from './run-resources.js';
import { openScenarioService, type ScenarioService } from './service-scenario.executor.js';
import { runScenarioPhases, type ScenarioOutcome } from './scenario-phases.js';
import { createPrng } from '../../core/prng-function.js';
import { runInterleaved } from './interleaved-pairs.js';
import { HarnessError } from '../../core/errors.js';

const referralTriggers = [
  'update_referral_metrics_optimized',
  'referral_ranking_on_insert',
  'referral_ranking_on_soft_delete',
];
type Feature = 'off' | 'on';

/** The sides the scenario declares (`referralFeature`), 'off' first: the comparison is off → on, so it must declare both. */
function featuresOf(scenario: Scenario): readonly Feature[] {
  const declared = new Set(scenario.referralFeature ?? []);
  if (!declared.has('off') || !declared.has('on')) {
    throw new HarnessError(
      'BAD_SCENARIO',
      `scenario ${scenario.name}: referralFeature must list 'off' and 'on' (the comparison is the feature off against on), got ${JSON.stringify(scenario.referralFeature ?? [])}`,
    );
  }
  return ['off', 'on'];
}

export async function executeIntegrationImpact(
  resources: RunResources,
  scenario: Scenario,
  profile: ProfileName,
): Promise<ScenarioOutcome> {
  const features = featuresOf(scenario);
  const planned = planSteps(scenario, profile);
  const referrals = profileOf(scenario, profile).referrals[0] as number;
  return runScenarioPhases(resources, async (databases) => {
    const services = new Map<Feature, ScenarioService>();
    try {
      for (const feature of features) {
        const database = await databases.open(referrals, 'optimized');
        if (feature === 'off') {
          for (const trigger of referralTriggers)
            await database.pool.query(`ALTER TABLE student_referrals DISABLE TRIGGER ${trigger}`);
        }
        services.set(
          feature,
          await openScenarioService({
            resources,
            scenario,
            profile,
            database,
            service: { referralsEnabled: feature === 'on' },
            writesChecked: databases.checked,
          }),
        );
      }
      const results = new Map<string, StepResult>();
      const routes = [...new Set(planned.map((step) => step.route))];
      const order = createPrng(resources.config.seed);
      for (const [index, route] of routes.entries()) {
        if (resources.stopped()) {
          resources.leaveUnfinished(
            scenario.name,
            planned.filter((step) => routes.slice(index).includes(step.route ?? '')).map((step) => step.label),
          );
          break;
        }
        const sides = features.flatMap((feature) => {
          const step = planned.find((s) => s.route === route && (s.referralFeature ?? 'on') === feature);
          const service = services.get(feature);
          return step && service ? [{ step, service }] : [];
        });
        const measured = await runInterleaved(resources, scenario, profile, sides, order);
        // A route whose pairs a stop cut short is left out.
        if (resources.stopped()) {
          resources.leaveUnfinished(
            scenario.name,
            planned.filter((step) => routes.slice(index).includes(step.route ?? '')).map((step) => step.label),
          );
          break;
        }
        for (const [step, load] of measured) results.set(step.label, load);
      }
      // The 'on' service's server sample is the scenario's; the 'off' one is stopped with the rest below.
      const on = services.get('on');
      services.delete('on');
      const server = await on?.close();
      const steps = planned.flatMap((step) => results.get(step.label) ?? []);
      return {
        name: scenario.name,
        state: resources.stopped() ? 'interrupted' : 'completed',
        steps,
        ...(server ? { server } : {}),
      };
    } finally {
      for (const service of services.values()) await service.close().catch(() => undefined);
    }
  });
}
