/**
 * breakpoint: a capacity search. The levels run in order on one dataset, each as a load step of
 * its own, until one misses the concurrent-users project goals (its p95 and error-rate rows) or the
 * generator becomes the bottleneck; the levels after it are not run. The finding is the highest level that
 * held, and which limit stopped the search at the next.
 */
import { profileOf, type ProfileName, type Scenario } from '../../../scenarios/scenario-schema.js';
import { planSteps } from '../../../scenarios/step-plan.js';
import { scenario as concurrentUsers } from '../../../scenarios/concurrent-users.scenario.js';
import type { Capacity, StepResult } from '../result/run-result.schema.js';
import type { RunResources } from './run-resources.js';
import { openScenarioService } from './service-scenario.executor.js';
import { runScenarioPhases, type ScenarioOutcome } from './scenario-phases.js';
import { repetitionEstimate } from '../targets/estimate-figure.js';
import { HarnessError } from '../../core/errors.js';
import type { TargetDefinition } from '../targets/target-definition.js';
import { judgedTargets } from '../targets/judged-targets.js';
import { limitOfRow } from '../targets/step-limits.js';

/** The scenario whose project goals the search holds each level to: it runs that scenario's sessions. */
const searchedGoals = concurrentUsers.name;

/**
 * The search's limits: the p95 and error rate (of every request) that the concurrent-users goal
 * rows set at every level. The rows must agree on one figure each: the search asks one question.
 */
export function capacityLimits(definitions: readonly TargetDefinition[] = judgedTargets): Capacity['limits'] {
  const goals = definitions.filter((row) => row.kind === 'project-goal' && row.measure.scenario === searchedGoals);
  const limits = goals.flatMap((row) => {
    const limit = limitOfRow(row);
    return limit === undefined || limit.route !== undefined ? [] : [limit];
  });
  const figure = (statistic: 'p95' | 'errorRate'): number => {
    const figures = [...new Set(limits.filter((limit) => limit.statistic === statistic).map((limit) => limit.max))];
    if (figures.length !== 1)
      throw new HarnessError(
        'BAD_SCENARIO',
        `the capacity search needs one ${statistic} goal over every level of ${searchedGoals}, its goal rows give ${figures.length === 0 ? 'none' : figures.join(', ')}`,
      );
    return figures[0] as number;
  };
  return { p95Ms: figure('p95'), errorRate: figure('errorRate') };
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
): Promise<ScenarioOutcome> {
  const limits = capacityLimits();
  const planned = planSteps(scenario, profile);
  return runScenarioPhases(resources, async (databases) => {
    const database = await databases.open(profileOf(scenario, profile).referrals[0] as number, 'optimized');
    const service = await openScenarioService({
      resources,
      scenario,
      profile,
      database,
      writesChecked: databases.checked,
    });
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
  });
}
