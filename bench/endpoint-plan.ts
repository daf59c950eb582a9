/**
 * The endpoint bench's requests: each endpoint of the journey bound to the seeded inputs by the
 * scenarios' own binding (scenarios/bind-journey.ts), its random choices (which referral, which
 * campaign, which phone number) drawn from a stream of the seed of its own, so an endpoint gets the
 * same requests whether measured alone (`--only`) or among the others.
 */
import { Prng } from '../src/core/prng.js';
import type { LoadRequest } from '../src/model/load-request.js';
import { AcknowledgedWrites } from '../scenarios/acknowledged-writes.js';
import { bindJourney } from '../scenarios/bind-journey.js';
import { routeLabels, type RouteLabel } from '../scenarios/route-labels.js';
import type { ScenarioContext } from '../scenarios/scenario-context.js';
import { WorkPools } from '../scenarios/work-pools.js';
import { endpointJourney, samplesOf } from './endpoint-journey.js';

export interface BenchEndpoint {
  readonly label: RouteLabel;
  /** Measured requests (after the warm-up). */
  readonly samples: number;
  /**
   * The i-th request (warm-up ones first): request i is user i, who sends as the i-th student of
   * the inputs. Undefined when a write has no referral left to move.
   */
  request(i: number): LoadRequest | undefined;
}

/** The seed's streams below this one pick the inputs (endpoint-inputs.ts). */
const firstEndpointStream = 16;

/**
 * Every endpoint of the journey over `inputs`; the writes that move referrals share one set of work
 * pools, as a run's do. A created referral's id is the service's, not the seed's, so the bench does
 * not follow it (a run does): later writes move only seeded referrals, and the same seed sends the
 * same requests.
 */
export function planEndpoints(inputs: ScenarioContext, seed: number, samples: number): BenchEndpoint[] {
  const state = { pools: new WorkPools(inputs), writes: new AcknowledgedWrites() };
  return endpointJourney.map((step) => {
    const source = new Prng(seed, firstEndpointStream + routeLabels.indexOf(step.route));
    const prng = () => source.next();
    const [bound] = bindJourney([step], inputs, step.route === 'create-referral' ? undefined : state);
    const build = bound!.request;
    return {
      label: step.route,
      samples: samplesOf(step.route, samples),
      request: (i) => build(prng, { index: i, iteration: 0 }),
    };
  });
}
