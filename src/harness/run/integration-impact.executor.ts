/**
 * integration-impact: the CRM's existing features (profile, ranking calculation, dashboard,
 * achievement check) with the referral feature off, then on, on the same data. "Off" is DOMAIN.md's:
 * no referral triggers, no referral joins or widgets (the service's --no-referrals), no referral
 * achievements.
 */
import type { ProfileName, Scenario } from '../../../scenarios/scenario-schema.js';
import { planSteps } from '../../../scenarios/step-plan.js';
import type { ScenarioResult, StepResult } from '../result/run-result.schema.js';
import type { RunResources } from './run-resources.js';
import { runStepsOnService } from './service-scenario.executor.js';

const referralTriggers = ['update_referral_metrics_optimized', 'referral_ranking_on_insert', 'referral_ranking_on_soft_delete'];

export async function executeIntegrationImpact(resources: RunResources, scenario: Scenario, profile: ProfileName): Promise<ScenarioResult> {
  const planned = planSteps(scenario, profile);
  const steps: StepResult[] = [];
  let server: ScenarioResult['server'];
  for (const feature of ['off', 'on'] as const) {
    const own = planned.filter((step) => (step.referralFeature ?? 'on') === feature);
    if (own.length === 0) continue;
    const database = await resources.database(scenario.profiles[profile].referrals[0] as number, 'optimized');
    try {
      if (feature === 'off') {
        for (const trigger of referralTriggers) await database.pool.query(`ALTER TABLE student_referrals DISABLE TRIGGER ${trigger}`);
      }
      const outcome = await runStepsOnService({ resources, scenario, profile, steps: own, database, service: { referralsEnabled: feature === 'on' } });
      steps.push(...outcome.steps);
      server = outcome.server;
    } finally {
      await database.drop();
    }
  }
  return { name: scenario.name, state: 'completed', steps, ...(server ? { server } : {}) };
}
