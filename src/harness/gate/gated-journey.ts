/**
 * The gate's journey: the gated routes with equal weights, each as the operations scenario
 * defines its step (e.g. the uncached dashboard's `fresh=true`), bound to one side's data by
 * the scenarios' own request builders.
 */
import type { WeightedStep } from '../../model/load-request.js';
import { bindJourney } from '../../../scenarios/bind-journey.js';
import { scenario as operations } from '../../../scenarios/operations.scenario.js';
import type { RouteLabel } from '../../../scenarios/route-labels.js';
import type { ScenarioContext } from '../../../scenarios/scenario-context.js';
import type { JourneyStep } from '../../../scenarios/scenario-schema.js';

/** The journey steps of the gated routes (weight 1 each). */
export function gatedSteps(routes: readonly RouteLabel[]): JourneyStep[] {
  return routes.map((route) => {
    const step: JourneyStep | undefined = operations.journey.find((candidate) => candidate.route === route);
    return { ...(step ?? { route }), weight: 1 };
  });
}

/** The runnable journey over one side's seeded data. */
export function gatedJourney(routes: readonly RouteLabel[], context: ScenarioContext): WeightedStep[] {
  return bindJourney(gatedSteps(routes), context);
}
