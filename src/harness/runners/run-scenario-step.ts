/** Runs one planned step of a scenario with the chosen runner: the glue between scenario data and the runners. */
import type { LoadRunResult } from '../result/load-result.schema.js';
import type { RunRecorder } from '../measure/run-recorder.js';
import { bindJourney, bindSessions } from '../../../scenarios/bind-journey.js';
import type { LoadState } from '../../../scenarios/stateful-writes.js';
import type { ScenarioContext } from '../../../scenarios/scenario-context.js';
import { profileOf, type ProfileName, type Scenario } from '../../../scenarios/scenario-schema.js';
import type { PlannedStep } from '../../../scenarios/step-plan.js';
import { runClosedModel } from './closed-model-runner.js';
import { runK6 } from './k6-runner.js';
import { stepLimits } from '../targets/step-limits.js';
import { runOpenModel } from './open-model-runner.js';

export interface ScenarioStepOptions {
  /** The service's base URL (loopback unless allowRemoteTarget). */
  readonly url: string;
  readonly context: ScenarioContext;
  readonly profile: ProfileName;
  /** @default 'builtin' */
  readonly runner?: 'builtin' | 'k6';
  /** Seed of the journeys' PRNGs. @default 1 */
  readonly seed?: number;
  readonly allowRemoteTarget?: boolean;
  /** Equal consecutive repetitions of the measured load. @default 1 */
  readonly repetitions?: number;
  /** Load only the warm-up, or only the measured load, of the step (paired steps run these apart). @default 'both' */
  readonly phase?: 'warm-up' | 'measured' | 'both';
  /**
   * Record into the caller's recorder: the measured load as repetition `repetition` of a step the
   * caller assembles (it sets its own length), or, without `repetition`, the whole step cut by time.
   */
  readonly record?: { readonly recorder: RunRecorder; readonly repetition?: number; readonly durationMs?: number };
  /** The pools and write log of the database under load: writes then follow the data (built-in runners). */
  readonly state?: LoadState;
  /** Ends the load at once when aborted (the run was told to stop). */
  readonly abort?: AbortSignal;
}

/**
 * Runs `step` (from planSteps) of `scenario`: its route alone for per-route and per-query steps,
 * the whole journey otherwise; closed or open model as the scenario says, with the profile's
 * warm-up, duration and request bound.
 */
export async function runScenarioStep(
  scenario: Scenario,
  step: PlannedStep,
  options: ScenarioStepOptions,
): Promise<LoadRunResult> {
  const profile = profileOf(scenario, options.profile);
  const journey =
    step.route === undefined ? scenario.journey : scenario.journey.filter((entry) => entry.route === step.route);
  const phase = options.phase ?? 'both';
  // A step run as separately loaded repetitions keeps the step's request bound over all of them.
  const repetitionsApart = options.record?.repetition === undefined ? 1 : (options.repetitions ?? 1);
  const bounds = {
    url: options.url,
    maxRequests: Math.max(1, Math.ceil(profile.maxRequestsPerStep / repetitionsApart)),
    durationMs:
      phase === 'warm-up' ? Math.max(1, profile.warmupMs) : (options.record?.durationMs ?? profile.stepDurationMs),
    ...(options.allowRemoteTarget === undefined ? {} : { allowRemoteTarget: options.allowRemoteTarget }),
    ...(options.abort === undefined ? {} : { abort: options.abort }),
    ...(options.repetitions === undefined ? {} : { repetitions: options.repetitions }),
    ...(options.record === undefined
      ? {}
      : {
          record: {
            recorder: options.record.recorder,
            ...(options.record.repetition === undefined ? {} : { repetition: options.record.repetition }),
          },
        }),
  };
  const warmupMs = phase === 'both' ? profile.warmupMs : 0;
  // Interleaved repetitions record into the caller's recorder, which only the built-in runners
  // feed: k6 reports one summary per run. Paired steps therefore always run built-in.
  if (options.runner === 'k6' && options.record === undefined) {
    // k6 runs the warm-up too, tagged, and leaves it out of the figures.
    return runK6(scenario, {
      ...bounds,
      level: step.level,
      context: options.context,
      warmupMs: profile.warmupMs,
      limits: stepLimits(scenario.name, step.label),
      ...(step.route === undefined ? {} : { route: step.route }),
      ...(options.state ? { state: options.state } : {}),
    });
  }
  const steps = bindJourney(journey, options.context, options.state);
  const seed = options.seed ?? 1;
  const load = scenario.load;
  if (load.model === 'closed') {
    // A whole-journey step of a scenario with sessions runs the sessions; a per-route step, its route.
    const sessions =
      step.route === undefined && scenario.sessions
        ? { sessions: bindSessions(scenario.sessions, options.context, options.state) }
        : { journey: steps };
    return runClosedModel({
      ...bounds,
      warmupMs,
      users: step.level,
      ...sessions,
      seed,
      thinkTime: load.thinkTime ?? { distribution: 'fixed', ms: 0 },
      ...(load.rampUpMs === undefined ? {} : { rampUpMs: load.rampUpMs }),
    });
  }
  return runOpenModel({
    ...bounds,
    warmupMs,
    ratePerSecond: step.level,
    journey: steps,
    seed,
    ...(load.arrival === undefined ? {} : { arrival: load.arrival }),
    ...(load.maxInFlight === undefined ? {} : { maxInFlight: load.maxInFlight }),
  });
}
