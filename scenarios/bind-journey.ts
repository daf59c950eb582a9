/** Turns a scenario's journey (data) into the runners' weighted request factories over a context. */
import type { WeightedStep } from '../src/harness/runners/load-request.js';
import { routeRequests } from './route-requests.js';
import type { ScenarioContext } from './scenario-context.js';
import type { JourneyStep } from './scenario-schema.js';

/** The runnable journey: each step's route builder bound to the seeded data. */
export function bindJourney(journey: readonly JourneyStep[], context: ScenarioContext): WeightedStep[] {
  return journey.map((step) => {
    const build = routeRequests[step.route];
    return {
      weight: step.weight,
      request: (prng, user) => {
        const request = build(context, prng, user);
        if (step.query === undefined) return request;
        return { ...request, path: `${request.path}${request.path.includes('?') ? '&' : '?'}${step.query}` };
      },
    };
  });
}
