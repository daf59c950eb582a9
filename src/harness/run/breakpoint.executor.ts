/**
 * breakpoint: a capacity search. The levels run in order on one dataset, each as a load step of
 * its own, until one crosses a limit of the scenario's thresholds (p95, errors) or the generator
 * becomes the bottleneck; the levels after it are not run. The finding is the highest level that
 * held, and which limit stopped the search at the next.
 */
import { profileOf, type ProfileName, type Scenario } from '../../../scenarios/scenario-schema.js';
import { planSteps } from '../../../scenarios/step-plan.js';
import type { Capacity, ScenarioResult, StepResult } from '../result/run-result.schema.js';
import type { RunResources } from './run-resources.js';
import { openScenarioService } from './service-scenario.executor.js';
import { repetitionEstimate } from '../targets/estimate-figure.js';

/** The search's limits, from the scenario's thresholds (every request's p95 and error rate). */
export function capacityLimits(scenario: Scenario): Capacity['limits'] {
  const limit = (statistic: string) =>
    scenario.thresholds.find((threshold) => threshold.statistic === statistic && threshold.route === undefined)?.max;
  const p95Ms = limit('p95');
  if (p95Ms === undefined) throw new Error(`scenario '${scenario.name}' has no p95 threshold to search up to`);
  return { p95Ms, errorRate: limit('errorRate') ?? 0 };
}

/** Whether a level held the limits; if not, which one it crossed and what it showed. */
export function judgeLevel(
  step: StepResult,
  limits: Capacity['limits'],
): { held: true; p95Ms: number } | { held: false; by: Capacity['stoppedBy']; reason: string } {
  const load = step.load;
  if (load === undefined) return { held: false, by: 'errors', reason: 'no load figures' };
  // The step's p95 as every row estimates it: the geometric mean of its repetitions' p95.
  const p95Ms =
    repetitionEstimate(load.repetitions.map((repetition) => repetition.latency.p95)).value || load.latency.p95;
  if (load.generator.bottleneck)
    return {
      held: false,
      by: 'generator',
      reason: `the load generator was the bottleneck: ${load.generator.reasons.join(', ')}`,
    };
  if (load.requests.errorRate > limits.errorRate) {
    return {
      held: false,
      by: 'errors',
      reason: `${(load.requests.errorRate * 100).toFixed(2)}% errors (${Object.entries(load.requests.errors)
        .map(([kind, n]) => `${n} ${kind}`)
        .join(', ')})`,
    };
  }
  if (p95Ms > limits.p95Ms)
    return { held: false, by: 'p95', reason: `p95 ${p95Ms.toFixed(1)} ms over ${limits.p95Ms} ms` };
  return { held: true, p95Ms };
}

export async function executeBreakpoint(
  resources: RunResources,
  scenario: Scenario,
  profile: ProfileName,
): Promise<ScenarioResult> {
  const limits = capacityLimits(scenario);
  const planned = planSteps(scenario, profile);
  const database = await resources.database(profileOf(scenario, profile).referrals[0] as number, 'optimized');
  try {
    const service = await openScenarioService({ resources, scenario, profile, database });
    const steps: StepResult[] = [];
    let capacity: Capacity = {
      limits,
      stoppedBy: 'none',
      reason: `every level held up to ${planned.at(-1)?.level ?? 0}`,
    };
    try {
      for (const [index, step] of planned.entries()) {
        const result = resources.stopped() ? undefined : await service.run(step);
        if (result === undefined || resources.stopped()) {
          resources.leaveUnfinished(
            scenario.name,
            planned.slice(index).map((later) => later.label),
          );
          break;
        }
        steps.push(result);
        const verdict = judgeLevel(result, limits);
        if (verdict.held) {
          capacity = { ...capacity, held: { level: step.level, p95Ms: Math.round(verdict.p95Ms * 100) / 100 } };
          continue;
        }
        capacity = { ...capacity, stoppedAt: step.level, stoppedBy: verdict.by, reason: verdict.reason };
        resources.log(`${scenario.name}: stopped at ${step.label}: ${verdict.reason}`);
        break;
      }
    } catch (error: unknown) {
      await service.close().catch(() => undefined);
      throw error;
    }
    const server = await service.close();
    return { name: scenario.name, state: resources.stopped() ? 'interrupted' : 'completed', steps, server, capacity };
  } finally {
    await database.drop();
  }
}
