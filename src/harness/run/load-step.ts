/** Runs one planned load step of a scenario against a service: a warm-up, then the measured run. */
import { runClosedModel } from '../runners/closed-model-runner.js';
import { runOpenModel } from '../runners/open-model-runner.js';
import type { LoadRunResult } from '../measure/load-result.js';
import { bindJourney } from '../../../scenarios/bind-journey.js';
import type { ScenarioContext } from '../../../scenarios/scenario-context.js';
import type { JourneyStep, ProfileName, Scenario } from '../../../scenarios/scenario-schema.js';
import type { PlannedStep } from '../../../scenarios/step-plan.js';

export interface LoadStepOptions {
  readonly scenario: Scenario;
  readonly profile: ProfileName;
  readonly step: PlannedStep;
  readonly serviceUrl: string;
  readonly context: ScenarioContext;
  readonly seed: number;
}

/** The journey a step loads: the whole journey, or only its own route's entries. */
export function stepJourney(scenario: Scenario, step: PlannedStep): JourneyStep[] {
  if (step.route === undefined || scenario.stepsBy === 'level' || scenario.stepsBy === 'size') return [...scenario.journey];
  const own = scenario.journey.filter((entry) => entry.route === step.route);
  return own.length > 0 ? own : [{ route: step.route as JourneyStep['route'], weight: 1 }];
}

async function runOnce(options: LoadStepOptions, durationMs: number, maxRequests: number): Promise<LoadRunResult> {
  const { scenario, step, serviceUrl, context, seed } = options;
  const journey = bindJourney(stepJourney(scenario, step), context);
  if (scenario.load.model === 'closed') {
    return runClosedModel({
      url: serviceUrl, durationMs, maxRequests, users: step.level, journey, seed,
      thinkTime: scenario.load.thinkTime ?? { distribution: 'fixed', ms: 0 },
      ...(scenario.load.rampUpMs !== undefined ? { rampUpMs: Math.min(scenario.load.rampUpMs, durationMs / 2) } : {}),
    });
  }
  return runOpenModel({
    url: serviceUrl, durationMs, maxRequests, ratePerSecond: step.level, journey, seed,
    ...(scenario.load.arrival ? { arrival: scenario.load.arrival } : {}),
    ...(scenario.load.maxInFlight ? { maxInFlight: scenario.load.maxInFlight } : {}),
  });
}

/** Warm-up (discarded), then the measured run, each bounded by the profile's duration and count. */
export async function runLoadStep(options: LoadStepOptions): Promise<LoadRunResult> {
  const profile = options.scenario.profiles[options.profile];
  if (profile.warmupMs > 0) await runOnce(options, profile.warmupMs, Math.max(1, Math.ceil(profile.maxRequestsPerStep / 4)));
  return runOnce(options, profile.stepDurationMs, profile.maxRequestsPerStep);
}
